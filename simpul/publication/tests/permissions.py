"""Who may see an agreement's Publication tab and change it (see simpul/testing/matrix.py).

The agreement: an active voluntary KSDD between Kota Yogyakarta, Sleman and Bantul,
registered by Biro Tapem DIY. Everyone who reads it (sari and dewi of the parties, gita
and hadi overseeing, rina) sees the tab. Deciding needs an editor role in a party or the
registering bureau: sari, fitri and rina (a redirect back to the tab); dewi, a data officer,
agus, an agency's editor, and the overseers get 404 like the outsiders budi and eko.
Consenting to publish the PKS for Pemkot Yogyakarta needs an admin or coordinator of that very
organisation: only sari; not even rina, who is no member of it, nor fitri, who coordinates
the registering bureau but is no party.
"""

from simpul.agreements.tests.factories import make_agreement
from simpul.testing.matrix import LOGIN, PARTY_STAFF_READ, Expect

from .factories import make_document

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
DECIDE = {
    **READ,
    "sari": 302,
    "rina": 302,
    "dewi": 404,
    "gita": 404,
    "hadi": 404,
    "wati": 302,  # editor at Pemkot Yogyakarta
    "tono": 404,  # data officer
    "vina": 404,  # viewer
    "yanto": 302,  # coordinator at Pemkab Sleman, a party
    "fitri": 302,  # coordinator of the registering bureau
    "joko": 404,  # data officer of the registering bureau
    "agus": 404,  # editor at DLH, an agency under a party
}
# Consent for Pemkot Yogyakarta's party: its admins and coordinators only. Wati (an editor)
# may publish but not consent; yanto consents for Sleman, never for Yogyakarta; fitri speaks
# for no party.
CONSENT = {**DECIDE, "rina": 404, "wati": 404, "yanto": 404, "fitri": 404}


def _agreement(cast) -> dict:
    return {"agreement_pk": make_agreement(cast, state="active").pk}


def _consent(cast) -> dict:
    agreement = make_agreement(cast, state="active")
    document = make_document(agreement, "pks")
    party = agreement.parties.get(organization=cast.pemkot_yogyakarta)
    return {"agreement_pk": agreement.pk, "document_pk": document.pk, "party_pk": party.pk}


EXPECTATIONS = {
    "publication:overview": Expect(statuses=READ, kwargs=_agreement),
    "publication:decide": Expect(
        statuses=DECIDE,
        kwargs=_agreement,
        method="post",
        data=lambda cast: {
            "kind": "budget",
            "target_id": "0",
            "action": "unpublish",
            "reason": "Angka belum diverifikasi",
        },
    ),
    "publication:consent": Expect(
        statuses=CONSENT, kwargs=_consent, method="post", data=lambda cast: {"action": "give"}
    ),
}
