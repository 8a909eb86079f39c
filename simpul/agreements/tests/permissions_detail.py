"""Who may open the agreement page and change it (see simpul/testing/matrix.py).

The agreement: a voluntary KSDD between Kota Yogyakarta, Sleman and Bantul, registered by
Biro Tapem DIY. Sari (admin of a party) reads and acts. Dewi works at an agency (OPD)
under a party government: she reads but does not act. Gita (province DIY) and Hadi
(Kemendagri) oversee: they read, never act. Budi (Semarang) and Eko (an NGO) have nothing to
do with it: 404, so its existence does not leak. Every change answers 404 to anyone who may
not make it; sign-in comes first for anonymous visitors.
"""

from simpul.agreements.services.agreements import obligation_create
from simpul.agreements.tests.factories import make_agreement
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
# Editing needs an editor role in a party or the registering organisation: wati (editor at
# Pemkot Yogyakarta), yanto (coordinator at Pemkab Sleman) and fitri (coordinator of the
# registering bureau) edit; tono (data officer) and vina (viewer) of the same government,
# joko (the bureau's data officer) and agus (an editor at an agency under a party) only read.
WRITE = {
    **READ,
    **dict.fromkeys(("dewi", "gita", "hadi", "tono", "vina", "joko", "agus"), 404),
}
# A transition answers with a redirect back to the agreement page (and a message).
ACT = {**WRITE, **dict.fromkeys(("sari", "rina", "wati", "yanto", "fitri"), 302)}


def _agreement(cast) -> dict:
    return {"pk": make_agreement(cast).pk}


def _party(cast) -> dict:
    agreement = make_agreement(cast)
    return {"pk": agreement.pk, "party_pk": agreement.parties.first().pk}


def _obligation(cast) -> dict:
    agreement = make_agreement(cast)
    obligation = obligation_create(
        party=agreement.parties.first(), kind="duty", description="Menyediakan lahan TPA"
    )
    return {"pk": agreement.pk, "obligation_pk": obligation.pk}


def _transition(cast) -> dict:
    return {"pk": make_agreement(cast).pk, "code": "offer"}


EXPECTATIONS = {
    "agreements:agreement-detail": Expect(statuses=READ, kwargs=_agreement),
    "agreements:agreement-edit": Expect(statuses=WRITE, kwargs=_agreement),
    "agreements:agreement-transition": Expect(
        statuses=ACT,
        kwargs=_transition,
        method="post",
        data=lambda cast: {"t-offer-expected_version": "999", "t-offer-note": "matrix"},
    ),
    "agreements:party-council": Expect(statuses=WRITE, kwargs=_party),
    "agreements:signature-record": Expect(statuses=WRITE, kwargs=_party),
    "agreements:obligation-create": Expect(statuses=WRITE, kwargs=_agreement),
    "agreements:obligation-status": Expect(statuses=WRITE, kwargs=_obligation),
}
