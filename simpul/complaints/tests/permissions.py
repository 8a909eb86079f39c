"""Who may open the complaint pages (see simpul/testing/matrix.py).

Public pages (/pengaduan/): the form, the confirmation link, tracking and the answered list
and pages are for everyone. The inbox (/kelola-pengaduan/) needs a sign-in and shows each
person their own complaints. A complaint about the Yogyakarta–Sleman–Bantul cooperation is
routed to its registering organisation, here Pemkot Yogyakarta (unlike the matrix's other
agreements, registered by Biro Tapem DIY): sari (its admin) and rina act; dewi and agus (an
agency of Pemkot Yogyakarta), gita (DIY oversight) and hadi (national oversight) read; budi
and eko get 404. The agreement's complaints tab follows who reads the agreement.
"""

import secrets

from simpul.agreements.tests.factories import make_agreement
from simpul.complaints.models import Complaint
from simpul.core.abuse import token_hash
from simpul.organizations.models import Organization
from simpul.testing.matrix import LOGIN, PARTY_STAFF_READ, Expect, everyone, signed_in

from .factories import make_complaint

READ = {
    "anonymous": LOGIN,
    "sari": 200,
    "budi": 404,
    "dewi": 200,
    "gita": 200,
    "hadi": 200,
    "eko": 404,
    "rina": 200,
    # Members of the responsible organisation read, whatever their role; Sleman's coordinator
    # (a party to the agreement, but not responsible) and the joint secretariat do not.
    "wati": 200,
    "tono": 200,
    "vina": 200,
    "yanto": 404,
    "lina": 404,
    # Agency staff read their government's complaints (agus, an editor at DLH); the province's
    # bureau, no member of the responsible organisation, does not.
    "fitri": 404,
    "joko": 404,
    "agus": 200,
}
# Acting: editor roles of the responsible organisation (sari, wati), never tono or vina, nor
# an editor of one of its agencies (agus).
ACT = {
    **READ,
    "sari": 302,
    "rina": 302,
    "dewi": 404,
    "gita": 404,
    "hadi": 404,
    "wati": 302,
    "tono": 404,
    "vina": 404,
    "agus": 404,
}
# The agreement's complaints tab follows who reads the agreement (registered by Biro Tapem
# DIY, as everywhere in the matrix).
AGREEMENT_READ = {**READ, **PARTY_STAFF_READ}


def _complaint(cast, **fields) -> Complaint:
    agreement = make_agreement(cast, state="active", owner=cast.pemkot_yogyakarta)
    return make_complaint(agreement=agreement, **fields)


def _confirm(cast) -> dict:
    token = secrets.token_urlsafe(24)
    make_complaint(
        region=cast.sleman,
        status=Complaint.Status.UNCONFIRMED,
        confirm_token_hash=token_hash(token),
    )
    return {"token": token}


def _answered(cast) -> dict:
    complaint = _complaint(cast, status=Complaint.Status.ANSWERED, answer="Sudah diangkut.")
    return {"code": complaint.tracking_code}


def _pk(cast) -> dict:
    return {"pk": _complaint(cast).pk}


def _pk_with_photo(cast) -> dict:
    return {"pk": _complaint(cast, photo=True).pk}


def _reassign_data(cast) -> dict:
    sleman = Organization.objects.governments().get(region=cast.sleman)
    return {"version": 1, "organization": sleman.pk, "note": ""}


EXPECTATIONS = {
    "complaints_public:new": Expect(statuses=everyone(200)),
    "complaints_public:confirm": Expect(statuses=everyone(200), kwargs=_confirm),
    "complaints_public:track": Expect(statuses=everyone(200)),
    # Without having given the key in this browser: back to the tracking form.
    "complaints_public:track-status": Expect(
        statuses=everyone(302), kwargs=lambda cast: {"code": "ADU-2026-000001"}
    ),
    "complaints_public:list": Expect(statuses=everyone(200)),
    "complaints_public:detail": Expect(statuses=everyone(200), kwargs=_answered),
    "complaints:inbox": Expect(statuses=signed_in(200)),
    "complaints:detail": Expect(statuses=READ, kwargs=_pk),
    "complaints:act": Expect(
        statuses=ACT,
        kwargs=_pk,
        method="post",
        data=lambda cast: {"action": "verify", "version": 1, "note": ""},
    ),
    "complaints:reassign": Expect(statuses=ACT, kwargs=_pk, method="post", data=_reassign_data),
    "complaints:photo": Expect(statuses=READ, kwargs=_pk_with_photo),
    "complaints:agreement-complaints": Expect(
        statuses=AGREEMENT_READ,
        kwargs=lambda cast: {"agreement_pk": make_agreement(cast, state="active").pk},
    ),
}
