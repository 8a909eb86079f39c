"""attachment(): every protected download carries the same headers, whatever it holds."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile, FileField
from django.http import Http404

from simpul.core.downloads import attachment, stored_attachment


def _headers_of_a_protected_download(response) -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, no-store"


def test_bytes_download_as_an_attachment_with_our_type_and_no_sniffing():
    response = attachment(b"a;b\n", filename="data.csv", content_type="text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="data.csv"'
    assert response["Content-Type"] == "text/csv"
    assert response.content == b"a;b\n"
    _headers_of_a_protected_download(response)


def test_a_name_with_accents_and_quotes_keeps_its_utf8_form_and_gets_a_safe_ascii_fallback():
    response = attachment(b"x", filename='Nota "KB" – Sleman é.pdf')
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=\"Nota 'KB'  Sleman e.pdf\"; ")
    assert "filename*=utf-8''Nota%20%22KB%22%20%E2%80%93%20Sleman%20%C3%A9.pdf" in disposition


def test_a_newline_or_directory_in_a_name_cannot_break_the_header_or_leave_the_folder():
    disposition = attachment(b"x", filename="../../etc/pass\r\nSet-Cookie: a=b")[
        "Content-Disposition"
    ]
    assert "\n" not in disposition and "\r" not in disposition
    assert "/" not in disposition.split("filename=", 1)[1]


def test_a_stream_of_chunks_is_streamed_and_an_open_file_is_sent_from_disk():
    streamed = attachment(iter(["a,", "b\n"]), filename="x.csv", content_type="text/csv")
    assert streamed.streaming and b"".join(streamed.streaming_content) == b"a,b\n"
    sent = attachment(io.BytesIO(b"%PDF"), filename="x.pdf", content_type="application/pdf")
    assert sent.streaming and b"".join(sent.streaming_content) == b"%PDF"
    _headers_of_a_protected_download(streamed)
    _headers_of_a_protected_download(sent)


def test_what_the_public_portal_serves_anyway_may_be_cached_briefly():
    response = attachment(b"x", filename="laporan.pdf", public=True)
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Content-Security-Policy"] == "sandbox"


def test_a_file_missing_from_storage_is_not_found_rather_than_a_server_error(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    field = FileField(upload_to="x")
    field.name = "file"
    name = default_storage.save("x/kept.pdf", ContentFile(b"%PDF"))
    kept = FieldFile(None, field, name)
    assert b"".join(stored_attachment(kept, filename="a.pdf").streaming_content) == b"%PDF"
    default_storage.delete(name)
    with pytest.raises(Http404):
        stored_attachment(FieldFile(None, field, name), filename="a.pdf")
    with pytest.raises(Http404):
        stored_attachment(FieldFile(None, field, ""), filename="a.pdf")
