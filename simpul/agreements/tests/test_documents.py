"""Agreement documents: uploads become numbered, checksummed, immutable versions; downloads are
safe attachments; addenda extend the end date; oversized uploads get a clear 413."""

import hashlib
from datetime import date

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import reverse

from simpul.agreements.models import Agreement, Document, DocumentVersion
from simpul.agreements.services.documents import document_upload
from simpul.agreements.tests.factories import make_agreement
from simpul.core.tests.test_uploads import PDF_BYTES, docx_bytes, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(cast):
    return make_agreement(cast, user=cast.sari)


def _list_url(agreement) -> str:
    return reverse("agreements:document-list", kwargs={"pk": agreement.pk})


def _upload_url(agreement) -> str:
    return reverse("agreements:document-upload", kwargs={"pk": agreement.pk})


def _download_url(version) -> str:
    return reverse(
        "agreements:document-version-download",
        kwargs={"pk": version.document.agreement_id, "version_pk": version.pk},
    )


def _pdf(name="kb.pdf", content=PDF_BYTES, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _upload(agreement, user, **overrides) -> DocumentVersion:
    arguments = {
        "agreement": agreement,
        "user": user,
        "kind": "kb",
        "title": "Kesepakatan Bersama",
        "uploaded_file": _pdf(),
    }
    arguments.update(overrides)
    return document_upload(**arguments)


# --- Uploading ----------------------------------------------------------------------------


def test_an_upload_through_the_page_creates_version_one_with_checksum_size_and_real_type(
    client, cast, agreement
):
    client.force_login(cast.sari)
    response = client.post(
        _upload_url(agreement),
        {
            "kind": "kb",
            "title": "Kesepakatan Bersama",
            "note": "Draf final",
            # The browser's claimed type is ignored; the content decides.
            "file": _pdf(content_type="text/html"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _list_url(agreement)
    version = DocumentVersion.objects.get(document__agreement=agreement)
    assert version.number == 1
    assert version.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert version.size == len(PDF_BYTES)
    assert version.content_type == "application/pdf"
    assert version.uploaded_by == cast.sari
    assert version.note == "Draf final"
    assert version.document.kind == "kb"
    with version.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES


def test_new_versions_are_numbered_in_order_and_earlier_ones_stay_unchanged(cast, agreement):
    first = _upload(agreement, cast.sari)
    second = _upload(
        agreement,
        cast.sari,
        document=first.document,
        uploaded_file=SimpleUploadedFile("kb-revisi.docx", docx_bytes()),
    )
    third = _upload(agreement, cast.sari, document=first.document)
    assert [first.number, second.number, third.number] == [1, 2, 3]
    assert Document.objects.filter(agreement=agreement).count() == 1
    first.refresh_from_db()
    assert first.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert second.content_type.endswith("wordprocessingml.document")
    assert len(second.sha256) == 64 and second.sha256 != first.sha256
    assert first.file.name != second.file.name
    with pytest.raises(RuntimeError):
        first.save()


def test_a_version_can_be_added_to_an_existing_document_through_the_page(client, cast, agreement):
    first = _upload(agreement, cast.sari)
    client.force_login(cast.sari)
    response = client.post(
        _upload_url(agreement),
        {"document": first.document.pk, "file": SimpleUploadedFile("kb v2.png", png_bytes())},
    )
    assert response.status_code == 302
    assert list(first.document.versions.values_list("number", "content_type")) == [
        (2, "image/png"),
        (1, "application/pdf"),
    ]


def test_stored_names_are_random_and_display_names_are_sanitised(cast, agreement):
    version = _upload(agreement, cast.sari, uploaded_file=_pdf(name="../../laporan\u202efdp.pdf"))
    assert version.original_name == "laporanfdp.pdf"
    assert version.file.name.startswith(f"agreements/{agreement.pk}/")
    assert ".." not in version.file.name
    assert "laporan" not in version.file.name


def test_an_executable_renamed_pdf_is_refused_on_the_page_and_nothing_is_stored(
    client, cast, agreement
):
    client.force_login(cast.sari)
    client.cookies["django_language"] = "en"
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
    response = client.post(
        _upload_url(agreement),
        {"kind": "kb", "title": "KB", "file": SimpleUploadedFile("kb.pdf", exe)},
    )
    assert response.status_code == 400
    assert b"The file is not a PDF, DOCX, XLSX, ODT, PNG or JPEG" in response.content
    assert not Document.objects.filter(agreement=agreement).exists()


def test_an_empty_file_is_refused_on_the_page(client, cast, agreement):
    client.force_login(cast.sari)
    response = client.post(
        _upload_url(agreement),
        {"kind": "kb", "title": "KB", "file": SimpleUploadedFile("kb.pdf", b"")},
    )
    assert response.status_code == 400
    assert not DocumentVersion.objects.exists()


def test_a_file_over_the_limit_is_refused_with_a_form_error(client, cast, agreement, settings):
    settings.SIMPUL_MAX_UPLOAD_BYTES = 100
    client.force_login(cast.sari)
    client.cookies["django_language"] = "en"
    response = client.post(
        _upload_url(agreement),
        {"kind": "kb", "title": "KB", "file": _pdf(content=PDF_BYTES + b" " * 200)},
    )
    assert response.status_code == 400
    assert b"the limit is 100" in response.content
    assert not DocumentVersion.objects.exists()


class _UnreadableBody:
    def read(self, *args, **kwargs):
        raise AssertionError("the upload body was read")

    readline = read


def test_a_request_announcing_200_megabytes_gets_413_without_its_body_being_read(
    client, cast, agreement
):
    client.force_login(cast.sari)
    client.cookies["django_language"] = "en"
    response = client.generic(
        "POST",
        _upload_url(agreement),
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
        **{"wsgi.input": _UnreadableBody()},
    )
    assert response.status_code == 413
    assert b'id="upload-too-large"' in response.content
    assert b"Files may be at most 20" in response.content
    assert not DocumentVersion.objects.exists()


def test_the_413_answer_is_given_only_to_those_who_may_upload(client, cast, agreement):
    client.force_login(cast.budi)
    response = client.generic(
        "POST",
        _upload_url(agreement),
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
        **{"wsgi.input": _UnreadableBody()},
    )
    assert response.status_code == 404


def test_a_post_with_too_many_files_is_a_400_not_a_500(client, cast, agreement, settings):
    client.force_login(cast.sari)
    files = [SimpleUploadedFile(f"kb{n}.pdf", PDF_BYTES) for n in range(25)]
    response = client.post(_upload_url(agreement), {"kind": "kb", "title": "KB", "file": files})
    assert response.status_code == 400
    assert not DocumentVersion.objects.exists()


def test_uploads_to_a_terminated_agreement_are_refused(cast):
    agreement = make_agreement(cast, user=cast.sari, state="terminated")
    with pytest.raises(ValidationError):
        _upload(agreement, cast.sari)


def test_a_terminated_agreement_shows_no_upload_form(client, cast):
    agreement = make_agreement(cast, user=cast.sari, state="terminated")
    client.force_login(cast.sari)
    response = client.get(_list_url(agreement))
    assert response.status_code == 200
    assert b'id="document-upload-form"' not in response.content
    assert b'id="documents-closed"' in response.content


# --- Addenda --------------------------------------------------------------------------------


def _dated_agreement(cast) -> Agreement:
    return make_agreement(
        cast,
        user=cast.sari,
        state="active",
        start_date=date(2025, 1, 1),
        end_date=date(2027, 12, 31),
    )


def test_an_addendum_with_a_later_end_date_extends_the_agreement(cast):
    agreement = _dated_agreement(cast)
    pks = _upload(agreement, cast.sari, kind="pks", title="PKS")
    version_before = Agreement.objects.get(pk=agreement.pk).version
    addendum = _upload(
        agreement,
        cast.sari,
        kind="addendum",
        title="Adendum I",
        amends=pks,
        new_end_date=date(2029, 12, 31),
    )
    agreement.refresh_from_db()
    assert agreement.end_date == date(2029, 12, 31)
    assert agreement.version == version_before + 1
    assert addendum.amends == pks
    assert addendum.new_end_date == date(2029, 12, 31)


def test_an_addendum_through_the_page_extends_the_end_date(client, cast):
    agreement = _dated_agreement(cast)
    pks = _upload(agreement, cast.sari, kind="pks", title="PKS")
    client.force_login(cast.sari)
    response = client.post(
        _upload_url(agreement),
        {
            "kind": "addendum",
            "title": "Adendum I",
            "amends": pks.pk,
            "new_end_date": "2030-06-30",
            "file": _pdf(name="adendum.pdf"),
        },
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.end_date == date(2030, 6, 30)


def test_an_addendum_cannot_shorten_the_agreement(cast):
    agreement = _dated_agreement(cast)
    with pytest.raises(ValidationError) as caught:
        _upload(
            agreement,
            cast.sari,
            kind="addendum",
            title="Adendum",
            new_end_date=date(2026, 1, 1),
        )
    assert "new_end_date" in caught.value.error_dict
    agreement.refresh_from_db()
    assert agreement.end_date == date(2027, 12, 31)
    assert not DocumentVersion.objects.exists()


def test_only_an_addendum_changes_the_end_date(cast):
    agreement = _dated_agreement(cast)
    with pytest.raises(ValidationError):
        _upload(agreement, cast.sari, kind="pks", new_end_date=date(2030, 1, 1))


def test_an_addendum_cannot_amend_another_agreements_version(cast, agreement):
    other = make_agreement(cast, user=cast.sari, title="Transportasi")
    foreign = _upload(other, cast.sari)
    with pytest.raises(ValidationError):
        _upload(agreement, cast.sari, kind="addendum", amends=foreign)


# --- Listing --------------------------------------------------------------------------------


def test_the_list_shows_every_version_with_its_checksum(client, cast, agreement):
    first = _upload(agreement, cast.sari)
    second = _upload(agreement, cast.sari, document=first.document)
    client.force_login(cast.gita)
    response = client.get(_list_url(agreement))
    assert response.status_code == 200
    content = response.content.decode()
    assert f'id="version-{first.pk}"' in content
    assert f'id="version-{second.pk}"' in content
    assert f'data-sha256="{first.sha256}"' in content
    assert _download_url(second) in content


def test_readers_see_no_upload_form_and_editors_do(client, cast, agreement):
    client.force_login(cast.gita)
    assert b'id="document-upload-form"' not in client.get(_list_url(agreement)).content
    client.force_login(cast.sari)
    assert b'id="document-upload-form"' in client.get(_list_url(agreement)).content


def test_the_list_query_count_does_not_grow_with_documents(
    client, cast, agreement, django_assert_max_num_queries
):
    client.force_login(cast.sari)
    for number in range(2):
        version = _upload(agreement, cast.sari, title=f"Dokumen {number}")
        _upload(agreement, cast.sari, document=version.document)
    with django_assert_max_num_queries(40) as few:
        client.get(_list_url(agreement))
    for number in range(6):
        version = _upload(agreement, cast.sari, title=f"Dokumen lagi {number}")
        _upload(agreement, cast.sari, document=version.document)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_list_url(agreement))


# --- Downloading ------------------------------------------------------------------------------


def test_a_download_is_an_attachment_with_our_type_nosniff_and_a_sandbox(client, cast, agreement):
    version = _upload(agreement, cast.sari, uploaded_file=_pdf(content_type="text/html"))
    client.force_login(cast.dewi)
    response = client.get(_download_url(version))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="kb.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_download_name_with_unusual_characters_is_rfc_6266_encoded(client, cast, agreement):
    version = _upload(
        agreement, cast.sari, uploaded_file=_pdf(name='Kesepakatan "KB" Jogja–Sleman.pdf')
    )
    client.force_login(cast.sari)
    response = client.get(_download_url(version))
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    assert "filename*=utf-8''Kesepakatan%20%22KB%22%20Jogja%E2%80%93Sleman.pdf" in disposition
    assert '"KB"' not in disposition
    assert "\u202e" not in disposition


def test_a_download_is_refused_to_outsiders_and_sends_anonymous_visitors_to_sign_in(
    client, cast, agreement
):
    version = _upload(agreement, cast.sari)
    response = client.get(_download_url(version))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    client.force_login(cast.budi)
    assert client.get(_download_url(version)).status_code == 404
    client.force_login(cast.eko)
    assert client.get(_download_url(version)).status_code == 404


def test_a_version_cannot_be_fetched_through_another_agreements_address(client, cast, agreement):
    other = make_agreement(cast, user=cast.sari, title="Transportasi")
    version = _upload(other, cast.sari)
    client.force_login(cast.sari)
    url = reverse(
        "agreements:document-version-download",
        kwargs={"pk": agreement.pk, "version_pk": version.pk},
    )
    assert client.get(url).status_code == 404
