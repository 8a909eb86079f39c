"""Who may open the document pages of an agreement (see simpul/testing/matrix.py).

The agreement is a KSDD between Kota Yogyakarta, Sleman and Bantul registered by Biro
Tapem DIY (no party). Everyone who reads it (its parties' members, the registering bureau,
DLH as an OPD of a party, the DIY province and Kemendagri as overseers, platform admins) sees
the documents and downloads them; only members with edit rights in a party or the registering
organisation (sari, wati, yanto, fitri) and platform admins (rina) upload. Everyone else gets
404, so the agreement's existence does not leak.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from simpul.agreements.tests.factories import make_agreement
from simpul.core.tests.test_uploads import PDF_BYTES
from simpul.testing.matrix import LOGIN, PARTY_STAFF_READ, Expect

READ = {
    "anonymous": LOGIN,
    "sari": 200,
    "budi": 404,
    "dewi": 200,
    "gita": 200,
    "hadi": 200,
    "eko": 404,
    "rina": 200,
    **PARTY_STAFF_READ,
}
ACT = {
    "anonymous": LOGIN,
    "sari": 302,
    "budi": 404,
    "dewi": 404,
    "gita": 404,
    "hadi": 404,
    "eko": 404,
    "rina": 302,
    # Editors of a party act (wati at Pemkot Yogyakarta, yanto coordinating Pemkab Sleman);
    # a data officer or a viewer of a party only reads; the joint secretariat is no party.
    "wati": 302,
    "tono": 404,
    "vina": 404,
    "yanto": 302,
    "lina": 404,
    # The registering organisation's coordinator acts too; its data officer and an editor of
    # an agency under a party only read.
    "fitri": 302,
    "joko": 404,
    "agus": 404,
}


def _agreement(cast) -> dict:
    return {"pk": make_agreement(cast, user=cast.sari).pk}


def _version(cast) -> dict:
    from simpul.agreements.services.documents import document_upload

    agreement = make_agreement(cast, user=cast.sari)
    version = document_upload(
        agreement=agreement,
        user=cast.sari,
        kind="kb",
        title="Kesepakatan Bersama",
        uploaded_file=SimpleUploadedFile("kb.pdf", PDF_BYTES),
    )
    return {"pk": agreement.pk, "version_pk": version.pk}


def _upload(cast) -> dict:
    return {
        "kind": "kb",
        "title": "Kesepakatan Bersama",
        "file": SimpleUploadedFile("kb.pdf", PDF_BYTES),
    }


EXPECTATIONS = {
    "agreements:document-list": Expect(statuses=READ, kwargs=_agreement),
    "agreements:document-upload": Expect(
        statuses=ACT, kwargs=_agreement, method="post", data=_upload
    ),
    "agreements:document-version-download": Expect(statuses=READ, kwargs=_version),
}
