"""Upload checks (reliability.md A3 1, 5, 6, 7, 10, 12): files are judged by their content.

The helpers at the top build tiny but real files of each allowed type; the document and
dispute tests import them."""

import io
import struct
import zipfile
import zlib

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from simpul.core import uploads as files
from simpul.core.uploads import safe_display_name, validate_upload

PDF_BYTES = (
    b"%PDF-1.4\n"
    b"1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    b"trailer <</Root 1 0 R>>\n"
    b"%%EOF\n"
)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bytes() -> bytes:
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1×1, 8-bit RGB
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", pixels)
        + _png_chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 + b"\xff\xd9"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"/>',
        )
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body/></w:document>',
        )
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Kerja sama"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", '<?xml version="1.0"?><office:document-content/>')
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest/>')
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def pdf_upload(name: str = "kesepakatan.pdf") -> SimpleUploadedFile:
    return upload(name, PDF_BYTES)


def _refusal(uploaded) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_upload(uploaded)
    return caught.value


# --- Accepted -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "mime"),
    [
        ("kb.pdf", lambda: PDF_BYTES, "application/pdf"),
        (
            "pks.docx",
            docx_bytes,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "anggaran.xlsx",
            xlsx_bytes,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("notulen.odt", odt_bytes, "application/vnd.oasis.opendocument.text"),
        ("foto.png", png_bytes, "image/png"),
        ("foto.jpg", jpeg_bytes, "image/jpeg"),
        ("FOTO.JPEG", jpeg_bytes, "image/jpeg"),
    ],
)
def test_real_files_of_each_allowed_type_are_accepted_with_their_detected_type(name, make, mime):
    assert validate_upload(upload(name, make())).mime == mime


def test_the_client_content_type_is_ignored():
    uploaded = SimpleUploadedFile("kb.pdf", PDF_BYTES, content_type="text/html")
    assert validate_upload(uploaded).mime == "application/pdf"


# --- Refused (A3-6: extension and magic bytes must agree) ---------------------------------


def test_an_executable_renamed_pdf_is_refused_and_the_message_says_what_it_looks_like():
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
    error = _refusal(upload("laporan.pdf", exe))
    assert error.code == "file_type"
    assert "EXE" in error.messages[0]


def test_a_pdf_ending_in_exe_is_refused():
    assert _refusal(upload("laporan.pdf.exe", PDF_BYTES)).code == "extension_mismatch"


def test_a_png_header_followed_by_html_named_pdf_is_refused():
    content = b"\x89PNG\r\n\x1a\n<html><script>alert(document.cookie)</script></html>"
    assert _refusal(upload("kb.pdf", content)).code == "extension_mismatch"


def test_a_png_header_followed_by_html_named_png_is_refused():
    content = b"\x89PNG\r\n\x1a\n<html><script>alert(document.cookie)</script></html>"
    assert _refusal(upload("foto.png", content)).code == "damaged"


def test_a_png_claiming_50000_by_50000_pixels_is_refused():
    header = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)
    content = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IEND", b"")
    assert _refusal(upload("peta.png", content)).code == "image_too_large"


def test_plain_html_and_svg_are_refused():
    assert _refusal(upload("a.pdf", b"<html><body>hi</body></html>")).code == "file_type"
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
    assert _refusal(upload("a.svg", svg)).code == "file_type"


def test_a_plain_zip_named_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert _refusal(upload("pks.docx", buffer.getvalue())).code == "file_type"


def test_a_docx_named_xlsx_is_refused():
    assert _refusal(upload("anggaran.xlsx", docx_bytes())).code == "extension_mismatch"


def test_a_file_without_an_extension_is_refused():
    assert _refusal(upload("kesepakatan", PDF_BYTES)).code == "extension_mismatch"


# --- A3-12: empty, truncated --------------------------------------------------------------


def test_an_empty_file_is_refused():
    assert _refusal(upload("kosong.pdf", b"")).code == "empty"


def test_a_truncated_pdf_is_refused():
    assert _refusal(upload("kb.pdf", PDF_BYTES[:60])).code == "truncated"


def test_a_damaged_office_file_is_refused():
    content = docx_bytes()[:200]
    assert _refusal(upload("pks.docx", content)).code in {"damaged", "file_type"}


# --- A3-1: size, checked before reading ---------------------------------------------------


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings):
    settings.SIMPUL_MAX_UPLOAD_BYTES = 1000

    class Unread:
        name = "besar.pdf"
        size = 200 * 1024 * 1024

        def __getattr__(self, attribute):
            raise AssertionError(f"the file was touched: {attribute}")

    error = _refusal(Unread())
    assert error.code == "too_big"


def test_a_file_at_the_limit_is_accepted(settings):
    settings.SIMPUL_MAX_UPLOAD_BYTES = len(PDF_BYTES)
    assert validate_upload(upload("kb.pdf", PDF_BYTES)).code == "pdf"


# --- A3-7: zip bombs, refused from the zip directory --------------------------------------


def _bomb_xlsx(inflated_megabytes: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            block = b"\x00" * (1024 * 1024)
            for _ in range(inflated_megabytes):
                sheet.write(block)
    return buffer.getvalue()


def test_a_zip_bomb_xlsx_is_refused_without_opening_any_entry(monkeypatch):
    monkeypatch.setattr(files, "MAX_ZIP_INFLATED_BYTES", 4 * 1024 * 1024)
    content = _bomb_xlsx(8)
    assert len(content) < 100 * 1024

    def fail(*args, **kwargs):
        raise AssertionError("an entry was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", fail)
    assert _refusal(upload("anggaran.xlsx", content)).code == "zip_bomb"


def test_an_xlsx_with_thousands_of_entries_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for number in range(files.MAX_ZIP_ENTRIES + 1):
            archive.writestr(f"xl/media/{number}.bin", b"")
    assert _refusal(upload("anggaran.xlsx", buffer.getvalue())).code == "zip_bomb"


# --- A3-5, A3-10: display names -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../settings.py", "settings.py"),
        ("..\\..\\x", "x"),
        ("/etc/passwd", "passwd"),
        ("C:\\Users\\sari\\KB final.pdf", "KB final.pdf"),
        ("a.pdf\x00.exe", "a.pdf.exe"),
        ("laporan\u202efdp.exe", "laporanfdp.exe"),
        ("\u2067kb\u2069.pdf", "kb.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("..", "dokumen"),
        ("", "dokumen"),
        ("  kb  \t final .pdf", "kb final.pdf"),
    ],
)
def test_display_names_lose_paths_control_and_direction_override_characters(name, expected):
    assert safe_display_name(name) == expected


def test_a_percent_encoded_traversal_stays_a_harmless_name():
    assert "/" not in safe_display_name("%2e%2e%2fsettings.py")


def test_long_names_are_shortened_keeping_the_extension():
    name = safe_display_name("a" * 300 + ".pdf")
    assert len(name) == files.MAX_DISPLAY_NAME
    assert name.endswith(".pdf")


def test_an_rtl_override_cannot_disguise_an_executable_as_a_pdf():
    # "laporan\u202efdp.exe" displays as "laporanexe.pdf"; the real ending is .exe.
    assert _refusal(upload("laporan\u202efdp.exe", PDF_BYTES)).code == "extension_mismatch"


# --- upload_size_checked: the size is judged before anything reads the body ---------------


class _UnreadableBody:
    def read(self, *args, **kwargs):
        raise AssertionError("the upload body was read")

    readline = read


def _post(length: str, body=None, **extra):
    from django.test import RequestFactory

    request = RequestFactory().generic(
        "POST",
        "/unggah/",
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=length,
        **({"wsgi.input": body} if body is not None else {}),
        **extra,
    )
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    return request


def _upload_view(request, pk):
    from django.http import HttpResponse

    return HttpResponse(f"uploaded to {pk}")


def test_an_announced_oversize_upload_gets_413_before_its_body_or_csrf_token_is_read(settings):
    from django.http import HttpResponse

    calls = []

    def too_large(request, pk):
        calls.append(pk)
        return HttpResponse("too large", status=413)

    view = files.upload_size_checked(too_large)(_upload_view)
    request = _post(str(settings.SIMPUL_MAX_UPLOAD_BYTES * 10), _UnreadableBody())
    response = view(request, pk=7)
    assert response.status_code == 413 and calls == [7]


def test_an_upload_within_the_limit_still_needs_its_csrf_token():
    view = files.upload_size_checked()(_upload_view)
    assert view.csrf_exempt is True  # the middleware leaves the check to the decorator
    request = _post("10", io.BytesIO(b"0123456789"))
    response = view(request, pk=7)
    assert response.status_code == 403


def test_a_garbled_content_length_is_not_a_server_error():
    view = files.upload_size_checked()(_upload_view)
    request = _post("lots", io.BytesIO(b""))
    request._dont_enforce_csrf_checks = True
    assert view(request, pk=7).content == b"uploaded to 7"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "limit"),
    [
        ("en", "The file is too large", "Files may be at most 20"),
        ("id", "Berkas terlalu besar", "Ukuran berkas paling besar 20"),
    ],
)
def test_the_default_answer_says_in_the_readers_language_how_large_a_file_may_be(
    settings, language, heading, limit
):
    from django.utils import translation

    settings.SIMPUL_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
    view = files.upload_size_checked()(_upload_view)
    with translation.override(language):
        response = view(_post(str(200 * 1024 * 1024), _UnreadableBody()), pk=7)
    text = response.content.decode()
    assert response.status_code == 413
    assert heading in text and limit in text
