"""A damaged upload is explained in the reader's language, never with a Python exception name."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from simpul.agreements.imports import error_text, parse_register
from simpul.core.uploads import validate_upload


def damaged_workbook() -> bytes:
    """A zip that looks like an XLSX from its directory but whose parts are garbage."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "not xml")
        archive.writestr("xl/workbook.xml", "not xml either")
    return buffer.getvalue()


def test_a_damaged_register_is_explained_in_indonesian_without_an_exception_name():
    result = parse_register(SimpleUploadedFile("daftar.xlsx", damaged_workbook()))
    with translation.override("id"):
        text = error_text(result.errors[0])
    assert text.startswith("Buku kerja tidak dapat dibaca.")
    assert "Error" not in text
    assert "BadZipFile" not in text
    assert "KeyError" not in text


def test_the_allowed_file_types_read_as_indonesian_in_an_indonesian_refusal():
    upload = SimpleUploadedFile("catatan.pdf", b"just some text, not a pdf")
    with translation.override("id"):
        try:
            validate_upload(upload)
        except Exception as error:  # a ValidationError with the sentence people read
            text = " ".join(getattr(error, "messages", [str(error)]))
        else:
            raise AssertionError("a text file passed as a PDF")
    assert "PNG, atau JPEG" in text
    assert "or JPEG" not in text
