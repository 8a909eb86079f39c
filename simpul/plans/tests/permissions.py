"""Who may open the plan pages of an agreement (see simpul/testing/matrix.py).

The agreement is a KSDD between Kota Yogyakarta, Sleman and Bantul registered by Biro
Tapem DIY (no party). Everyone who reads the agreement reads its plan, versions, diffs and
attachments (sari, dewi as an OPD's data officer, gita and hadi as overseers, rina); only
editors of a party or of the registering bureau (sari, fitri) and platform admins (rina)
change the draft, submit and revise; approving and returning are done on behalf of a party by
its admins or coordinators (sari for Pemkot Yogyakarta; rina for any), never by the
registering bureau, which is no party. Everyone else gets 404, so the agreement's existence
does not leak.
"""

from contextlib import contextmanager

from django.core.files.uploadedfile import SimpleUploadedFile

from simpul.core.tests.test_uploads import PDF_BYTES
from simpul.plans import checks, services
from simpul.plans.tests.factories import approve_by_all, fill_plan, new_plan
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
EDIT_PAGE = {
    "anonymous": LOGIN,
    "sari": 200,
    "budi": 404,
    "dewi": 404,
    "gita": 404,
    "hadi": 404,
    "eko": 404,
    "rina": 200,
    "wati": 200,  # editor at Pemkot Yogyakarta
    "tono": 404,  # data officer at Pemkot Yogyakarta
    "vina": 404,  # viewer at Pemkot Yogyakarta
    "yanto": 200,  # coordinator at Pemkab Sleman, a party
    "lina": 404,  # joint secretariat, no party
    "fitri": 200,  # coordinator of the registering bureau
    "joko": 404,  # data officer of the registering bureau
    "agus": 404,  # editor at DLH, an agency under a party
}
ACT = {**EDIT_PAGE, "sari": 302, "rina": 302, "wati": 302, "yanto": 302, "fitri": 302}
# Approving or returning for Pemkot Yogyakarta's party: its admin (sari) and the platform
# admin. Wati (an editor, who submitted the plan) is no approver: 404. Yanto approves for
# Sleman only: the form refuses Yogyakarta's party (400). Fitri coordinates the registering
# bureau, no party: 404.
DECIDE = {**ACT, "wati": 404, "yanto": 400, "fitri": 404}


@contextmanager
def _plans_own_checks_only():
    # Other apps' submit checks (SMART) judge indicators these fixtures do not create.
    saved = list(checks._checks)
    checks._checks[:] = []
    try:
        yield
    finally:
        checks._checks[:] = saved


def _draft(cast) -> dict:
    plan = new_plan(cast)
    fill_plan(plan, cast.sari)
    return {"agreement_pk": plan.agreement_id}


def _part(slug: str, key: str):
    def kwargs(cast) -> dict:
        plan = new_plan(cast)
        parts = fill_plan(plan, cast.sari)
        return {"agreement_pk": plan.agreement_id, "part": slug, "pk": parts[key].pk}

    return kwargs


def _submitted(cast) -> dict:
    plan = new_plan(cast)
    fill_plan(plan, cast.sari)
    with _plans_own_checks_only():
        # Wati, an editor, submits: the approvers (sari, rina) did not.
        services.plan_submit(plan=plan, user=cast.wati, expected_version=plan.version)
    return {"agreement_pk": plan.agreement_id}


def _approved(cast) -> dict:
    plan = new_plan(cast)
    fill_plan(plan, cast.sari)
    with _plans_own_checks_only():
        approve_by_all(plan, cast.rina)
    return {"agreement_pk": plan.agreement_id}


def _approved_version(cast) -> dict:
    return {**_approved(cast), "number": 1}


def _attachment(cast) -> dict:
    plan = new_plan(cast)
    assessment = services.assessment_create(
        plan=plan,
        user=cast.sari,
        expected_version=plan.version,
        title="Survei timbulan sampah",
        method="survey",
        attachment=SimpleUploadedFile("survei.pdf", PDF_BYTES),
    )
    return {"agreement_pk": plan.agreement_id, "pk": assessment.pk}


def _decision(note: str):
    def data(cast) -> dict:
        from simpul.plans.models import Plan

        plan = Plan.objects.filter(status="submitted").order_by("-pk").first()
        party = plan.agreement.parties.get(organization=cast.pemkot_yogyakarta)
        prefix = "approve" if not note else "return"
        return {
            f"{prefix}-plan_version": plan.version,
            f"{prefix}-party": party.pk,
            f"{prefix}-note": note,
        }

    return data


def _revise_data(cast) -> dict:
    from simpul.plans.models import Plan

    plan = Plan.objects.filter(status="approved").order_by("-pk").first()
    return {"plan_version": plan.version, "note": "Hasil evaluasi"}


EXPECTATIONS = {
    "plans:plan-detail": Expect(statuses=READ, kwargs=_draft),
    "plans:plan-summary": Expect(statuses=EDIT_PAGE, kwargs=_draft),
    # Without the page's version the submission is refused as stale (302 back to the plan):
    # what is checked here is who reaches the action at all.
    "plans:plan-submit": Expect(statuses=ACT, kwargs=_draft, method="post"),
    "plans:plan-approve": Expect(
        statuses=DECIDE, kwargs=_submitted, method="post", data=_decision("")
    ),
    "plans:plan-return": Expect(
        statuses=DECIDE, kwargs=_submitted, method="post", data=_decision("Anggaran belum sesuai")
    ),
    "plans:plan-revise": Expect(statuses=ACT, kwargs=_approved, method="post", data=_revise_data),
    "plans:plan-version": Expect(statuses=READ, kwargs=_approved_version),
    "plans:plan-diff": Expect(statuses=READ, kwargs=_approved),
    "plans:assessment-attachment": Expect(statuses=READ, kwargs=_attachment),
    "plans:part-create": Expect(
        statuses=EDIT_PAGE, kwargs=lambda cast: {**_draft(cast), "part": "kegiatan"}
    ),
    "plans:part-edit": Expect(statuses=EDIT_PAGE, kwargs=_part("anggaran", "budget_line_0")),
    "plans:part-delete": Expect(statuses=EDIT_PAGE, kwargs=_part("risiko", "risk")),
}
