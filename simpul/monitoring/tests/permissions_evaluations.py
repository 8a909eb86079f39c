"""Permission-matrix expectations of the monitoring evaluations area.

The agreement is an active KSDD between Kota Yogyakarta, Sleman and Bantul registered by
Biro Tapem DIY, with one draft evaluation holding a finding, a recommendation and a
follow-up owned by the Kota Yogyakarta party. Readers (party members, DLH as an OPD of a
party, the DIY province and Kemendagri as overseers, platform admins) read; editors of a
party or of the registering bureau (sari, fitri) and platform admins (rina) write; a
follow-up's status is also moved by the owner party's data officers and up (dewi and agus, DLH
under Pemkot Yogyakarta). Everyone else gets 404.
"""

from datetime import date

from simpul.agreements.tests.factories import make_agreement
from simpul.monitoring.models import Evaluation, Finding, FollowUp, Recommendation
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
WRITE_PAGE = {
    "anonymous": LOGIN,
    "sari": 200,
    "budi": 404,
    "dewi": 404,
    "gita": 404,
    "hadi": 404,
    "eko": 404,
    "rina": 200,
    "wati": 200,  # editor at Pemkot Yogyakarta
    "tono": 404,  # data officer
    "vina": 404,  # viewer
    "yanto": 200,  # coordinator at Pemkab Sleman, a party
    "lina": 404,  # joint secretariat, no party
    "fitri": 200,  # coordinator of the registering bureau, no party
    "joko": 404,  # data officer of the registering bureau
    "agus": 404,  # editor at DLH, an agency under a party
}
WRITE = {**WRITE_PAGE, "sari": 302, "rina": 302, "wati": 302, "yanto": 302, "fitri": 302}
# The owner party's data officers and up (dewi and agus at its agency, tono at the government)
# move it too; not the registering bureau's data officer (joko).
OWNER_WRITE = {**WRITE, "dewi": 302, "tono": 302, "agus": 302}


def _world(cast) -> dict:
    agreement = make_agreement(
        cast,
        user=cast.sari,
        state="active",
        start_date=date(2025, 1, 1),
        end_date=date(2029, 12, 31),
    )
    evaluation = Evaluation.objects.create(
        agreement=agreement,
        title="Evaluasi semester I 2025",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 6, 30),
        summary="Layanan berjalan, data terlambat.",
        proposes_revision=True,
        revision_note="Tambah kegiatan pemilahan sampah.",
        created_by=cast.sari,
    )
    finding = Finding.objects.create(evaluation=evaluation, kind="weakness", text="Data terlambat")
    recommendation = Recommendation.objects.create(
        evaluation=evaluation, finding=finding, text="Tetapkan petugas data"
    )
    owner = agreement.parties.get(organization=cast.pemkot_yogyakarta)
    follow_up = FollowUp.objects.create(
        recommendation=recommendation,
        action="Tunjuk petugas data di DLH",
        owner=owner,
        due_date=date(2025, 9, 30),
    )
    return {
        "agreement_pk": agreement.pk,
        "pk": evaluation.pk,
        "finding_pk": finding.pk,
        "recommendation_pk": recommendation.pk,
        "follow_up_pk": follow_up.pk,
    }


def _only(*names):
    def build(cast) -> dict:
        world = _world(cast)
        return {name: world[name] for name in names}

    return build


AGREEMENT = _only("agreement_pk")
EVALUATION = _only("agreement_pk", "pk")
FINDING = _only("agreement_pk", "pk", "finding_pk")
RECOMMENDATION = _only("agreement_pk", "pk", "recommendation_pk")
FOLLOW_UP = _only("agreement_pk", "pk", "follow_up_pk")


def _evaluation_data(cast) -> dict:
    return {
        "title": "Evaluasi semester II 2025",
        "period_start": "2025-07-01",
        "period_end": "2025-12-31",
        "summary": "Ringkasan",
    }


def _follow_up_data(cast) -> dict:
    from simpul.agreements.models import Party

    party = Party.objects.filter(organization=cast.pemkot_yogyakarta).order_by("-pk").first()
    return {"action": "Rapat koordinasi", "owner": party.pk, "due_date": "2026-03-31"}


EXPECTATIONS = {
    "monitoring:warning-list": Expect(statuses=READ, kwargs=AGREEMENT),
    "monitoring:evaluation-list": Expect(statuses=READ, kwargs=AGREEMENT),
    "monitoring:evaluation-create": Expect(
        statuses=WRITE, kwargs=AGREEMENT, method="post", data=_evaluation_data
    ),
    "monitoring:evaluation-detail": Expect(statuses=READ, kwargs=EVALUATION),
    "monitoring:evaluation-edit": Expect(statuses=WRITE_PAGE, kwargs=EVALUATION),
    "monitoring:evaluation-finalise": Expect(statuses=WRITE, kwargs=EVALUATION, method="post"),
    "monitoring:evaluation-revise-plan": Expect(statuses=WRITE, kwargs=EVALUATION, method="post"),
    "monitoring:finding-create": Expect(
        statuses=WRITE,
        kwargs=EVALUATION,
        method="post",
        data=lambda cast: {"kind": "strength", "text": "Armada cukup"},
    ),
    "monitoring:finding-edit": Expect(statuses=WRITE_PAGE, kwargs=FINDING),
    "monitoring:finding-delete": Expect(statuses=WRITE, kwargs=FINDING, method="post"),
    "monitoring:recommendation-create": Expect(statuses=WRITE_PAGE, kwargs=EVALUATION),
    "monitoring:recommendation-edit": Expect(
        statuses=WRITE,
        kwargs=RECOMMENDATION,
        method="post",
        data=lambda cast: {"text": "Tetapkan dua petugas data"},
    ),
    "monitoring:recommendation-delete": Expect(
        statuses=WRITE, kwargs=RECOMMENDATION, method="post"
    ),
    "monitoring:follow-up-create": Expect(
        statuses=WRITE, kwargs=RECOMMENDATION, method="post", data=_follow_up_data
    ),
    "monitoring:follow-up-edit": Expect(statuses=WRITE_PAGE, kwargs=FOLLOW_UP),
    "monitoring:follow-up-delete": Expect(statuses=WRITE, kwargs=FOLLOW_UP, method="post"),
    "monitoring:follow-up-status": Expect(
        statuses=OWNER_WRITE,
        kwargs=FOLLOW_UP,
        method="post",
        data=lambda cast: {"status": "in_progress"},
    ),
}
