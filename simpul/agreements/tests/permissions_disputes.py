"""Who may open the dispute pages of an agreement (see simpul/testing/matrix.py).

The agreement is an active KSDD between Kota Yogyakarta, Sleman and Bantul registered by
Biro Tapem DIY, with one open dispute. Its readers (party members, DLH as an OPD of a
party, the DIY province and Kemendagri as overseers, platform admins) read the disputes;
members with edit rights in a party (sari) and platform admins (rina) open, escalate and
decide them. Everyone else gets 404.
"""

from simpul.agreements.models import Agreement, DisputeLevel
from simpul.agreements.services.disputes import dispute_open
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
    return {"pk": make_agreement(cast, user=cast.sari, state="active").pk}


def _dispute(cast) -> dict:
    agreement = make_agreement(cast, user=cast.sari, state="active")
    dispute = dispute_open(
        agreement=agreement,
        user=cast.sari,
        subject="Pembagian biaya TPA",
        parties=agreement.parties.all()[:2],
        level=DisputeLevel.objects.order_by("position").first(),
        suspends_agreement=False,
    )
    return {"pk": agreement.pk, "dispute_pk": dispute.pk}


def _new_dispute(cast) -> dict:
    agreement = Agreement.objects.order_by("-pk").first()
    return {
        "subject": "Pembagian biaya TPA",
        "parties": [party.pk for party in agreement.parties.all()],
        "level": DisputeLevel.objects.order_by("position").first().pk,
        "suspends_agreement": "on",
    }


def _decision(cast) -> dict:
    return {"summary": "Disepakati melalui musyawarah.", "decided_on": "2026-01-15"}


EXPECTATIONS = {
    "agreements:dispute-list": Expect(statuses=READ, kwargs=_agreement),
    "agreements:dispute-create": Expect(
        statuses=ACT, kwargs=_agreement, method="post", data=_new_dispute
    ),
    "agreements:dispute-detail": Expect(statuses=READ, kwargs=_dispute),
    "agreements:dispute-escalate": Expect(statuses=ACT, kwargs=_dispute, method="post"),
    "agreements:dispute-decide": Expect(
        statuses=ACT, kwargs=_dispute, method="post", data=_decision
    ),
}
