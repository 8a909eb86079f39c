"""Plan services: the draft is edited only in draft, submission runs the registered checks,
every party approves before the version is frozen, returns need a reason, revisions start a
new number whose diff shows what changed, and concurrent edits never overwrite silently."""

import hashlib
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.core.errors import Conflict
from simpul.core.tests.test_uploads import PDF_BYTES
from simpul.plans import checks, services
from simpul.plans.checks import CheckMessage
from simpul.plans.models import Objective, Plan, PlanEvent, PlanVersion, Risk
from simpul.plans.tests.factories import approve_by_all, fill_plan, new_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _only_the_plans_own_checks(monkeypatch):
    """Other apps' checks (the SMART check of indicators) have their own tests; here a test
    registers exactly the checks it is about."""
    monkeypatch.setattr(checks, "_checks", [])


def failing_smart_check(plan) -> list:
    return [
        CheckMessage(
            text="Indicator IKU-1 has no unit.", blocking=True, subject="IKU-1", letters=("S", "M")
        )
    ]


def warning_check(plan) -> list:
    return [CheckMessage(text="Target far above baseline.", blocking=False, letters=("A",))]


@pytest.fixture
def plan(cast):
    return new_plan(cast)


def _v(plan) -> int:
    plan.refresh_from_db()
    return plan.version


# --- Editing ------------------------------------------------------------------------------------


def test_a_submitted_plan_refuses_changes_until_a_revision_starts(cast, plan):
    fill_plan(plan, cast.sari)
    services.plan_submit(plan=plan, user=cast.sari, expected_version=_v(plan))
    with pytest.raises(ValidationError) as error:
        services.objective_create(
            plan=plan, user=cast.sari, expected_version=_v(plan), code="T2", statement="Lagi"
        )
    assert "start a revision to change it" in error.value.messages[0]
    assert Objective.objects.filter(plan=plan).count() == 1


def test_an_approved_plan_refuses_deleting_its_parts(cast, plan):
    parts = fill_plan(plan, cast.sari)
    approve_by_all(plan, cast.sari)
    with pytest.raises(services.PlanNotEditable):
        services.objective_delete(objective=parts["objective"], user=cast.sari)
    assert Objective.objects.filter(pk=parts["objective"].pk).exists()


def test_two_people_editing_the_same_row_the_second_gets_a_conflict_naming_the_first(cast, plan):
    parts = fill_plan(plan, cast.sari)
    first = Objective.objects.get(pk=parts["objective"].pk)
    second = Objective.objects.get(pk=parts["objective"].pk)
    services.objective_update(objective=first, user=cast.sari, statement="Versi Sari")
    with pytest.raises(Conflict) as error:
        services.objective_update(objective=second, user=cast.rina, statement="Versi Rina")
    assert cast.sari.full_name in error.value.messages[0]
    assert Objective.objects.get(pk=first.pk).statement == "Versi Sari"


def test_two_people_editing_two_different_risks_of_one_plan_both_save(cast, plan):
    parts = fill_plan(plan, cast.sari)
    other = services.risk_create(
        plan=plan, user=cast.sari, description="Banjir", likelihood=2, impact=3
    )
    plan_version = _v(plan)
    # Both opened their risk at the same moment.
    sari_risk = Risk.objects.get(pk=parts["risk"].pk)
    rina_risk = Risk.objects.get(pk=other.pk)
    services.risk_update(
        risk=sari_risk, user=cast.sari, version=sari_risk.version, mitigation="Sosialisasi RW"
    )
    services.risk_update(
        risk=rina_risk, user=cast.rina, version=rina_risk.version, mitigation="Tanggul"
    )
    assert Risk.objects.get(pk=sari_risk.pk).mitigation == "Sosialisasi RW"
    assert Risk.objects.get(pk=rina_risk.pk).mitigation == "Tanggul"
    assert _v(plan) == plan_version  # part edits leave the plan's version alone


def test_an_edit_of_a_part_saved_after_the_plan_was_submitted_is_refused(cast, plan):
    parts = fill_plan(plan, cast.sari)
    risk = Risk.objects.get(pk=parts["risk"].pk)  # opened while the plan was a draft
    services.plan_submit(plan=plan, user=cast.rina, expected_version=_v(plan))
    with pytest.raises(services.PlanNotEditable):
        services.risk_update(risk=risk, user=cast.sari, version=risk.version, impact=1)
    assert Risk.objects.get(pk=risk.pk).impact == 4


def test_a_submit_after_a_part_edit_landed_submits_the_edited_part(cast, plan):
    parts = fill_plan(plan, cast.sari)
    read = _v(plan)  # the submit button was rendered before the edit
    risk = parts["risk"]
    services.risk_update(risk=risk, user=cast.sari, version=risk.version, impact=5)
    services.plan_submit(plan=plan, user=cast.rina, expected_version=read)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUBMITTED
    assert Risk.objects.get(pk=risk.pk).impact == 5


def test_a_part_form_opened_before_a_return_to_draft_cannot_add_to_the_new_draft(cast, plan):
    fill_plan(plan, cast.sari)
    opened = _v(plan)
    services.plan_submit(plan=plan, user=cast.sari, expected_version=opened)
    party = plan.agreement.parties.first()
    services.plan_return(plan=plan, party=party, user=cast.rina, note="Perbaiki")
    with pytest.raises(Conflict):
        services.objective_create(
            plan=plan, user=cast.sari, expected_version=opened, code="T9", statement="Lama"
        )
    assert not Objective.objects.filter(plan=plan, code="T9").exists()


def test_a_failed_validation_does_not_bump_the_plan_version(cast, plan):
    before = _v(plan)
    with pytest.raises(ValidationError):
        services.objective_create(
            plan=plan, user=cast.sari, expected_version=before, code="", statement=""
        )
    assert _v(plan) == before


def test_an_activity_outside_the_agreements_dates_is_refused_with_a_clear_error(cast, plan):
    parts = fill_plan(plan, cast.sari)
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            plan=plan,
            user=cast.sari,
            expected_version=_v(plan),
            program=parts["program"],
            name="Terlalu lambat",
            start_date=date(2029, 6, 1),
            end_date=date(2030, 3, 1),
        )
    assert "end_date" in error.value.message_dict
    assert "31 December 2029" in error.value.message_dict["end_date"][0]


def test_an_activity_ending_before_it_starts_is_refused(cast, plan):
    parts = fill_plan(plan, cast.sari)
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            plan=plan,
            user=cast.sari,
            expected_version=_v(plan),
            program=parts["program"],
            name="Mundur",
            start_date=date(2026, 6, 1),
            end_date=date(2026, 3, 1),
        )
    assert "end_date" in error.value.message_dict


def test_the_responsible_party_must_be_a_party_of_this_agreement(cast, plan):
    parts = fill_plan(plan, cast.sari)
    other = make_agreement(cast, parties=[cast.pemkot_semarang, government_of(cast.sleman)])
    stranger = other.parties.first()
    with pytest.raises(ValidationError) as error:
        services.activity_update(
            activity=parts["activities"][0],
            user=cast.sari,
            responsible=stranger,
        )
    assert "responsible" in error.value.message_dict


def test_a_point_needs_both_latitude_and_longitude(cast, plan):
    parts = fill_plan(plan, cast.sari)
    with pytest.raises(ValidationError) as error:
        services.activity_update(
            activity=parts["activities"][0],
            user=cast.sari,
            latitude=Decimal("-7.8"),
            longitude=None,
        )
    assert "longitude" in error.value.message_dict


def test_a_budget_line_for_another_agreements_party_is_refused(cast, plan):
    parts = fill_plan(plan, cast.sari)
    other = make_agreement(cast, parties=[cast.pemkot_semarang, government_of(cast.sleman)])
    with pytest.raises(ValidationError) as error:
        services.budget_line_create(
            plan=plan,
            user=cast.sari,
            expected_version=_v(plan),
            activity=parts["activities"][0],
            party=other.parties.first(),
            funding_source="apbd",
            fiscal_year=2026,
            planned=Decimal(100),
        )
    assert "party" in error.value.message_dict


def test_a_negative_planned_budget_is_refused(cast, plan):
    parts = fill_plan(plan, cast.sari)
    with pytest.raises(ValidationError) as error:
        services.budget_line_update(
            budget_line=parts["budget_lines"][0],
            user=cast.sari,
            planned=Decimal(-5),
        )
    assert "planned" in error.value.message_dict


def test_realised_above_planned_is_allowed_and_flagged(cast, plan):
    parts = fill_plan(plan, cast.sari)
    line = services.budget_line_update(
        budget_line=parts["budget_lines"][0],
        user=cast.sari,
        realised=Decimal("1500000"),
    )
    line.refresh_from_db()
    assert line.realised == Decimal("1500000")
    assert line.is_over_plan
    assert "above planned" in services.budget_line_warnings(line)[0]


def test_an_assessment_attachment_is_checked_and_stored_under_a_random_name(cast, plan):
    with pytest.raises(ValidationError) as error:
        services.assessment_create(
            plan=plan,
            user=cast.sari,
            expected_version=_v(plan),
            title="Survei",
            method="survey",
            attachment=SimpleUploadedFile("hasil.pdf", b"MZ not a pdf at all"),
        )
    assert "attachment" in error.value.message_dict
    assessment = services.assessment_create(
        plan=plan,
        user=cast.sari,
        expected_version=_v(plan),
        title="Survei",
        method="survey",
        attachment=SimpleUploadedFile("hasil survei.pdf", PDF_BYTES),
    )
    assert assessment.attachment_name == "hasil survei.pdf"
    assert "hasil" not in assessment.attachment.name
    assert assessment.attachment_sha256 == hashlib.sha256(PDF_BYTES).hexdigest()


# --- Submitting -----------------------------------------------------------------------------------


def test_a_plan_without_objectives_cannot_be_submitted(cast, plan):
    with pytest.raises(services.PlanSubmitBlocked) as error:
        services.plan_submit(plan=plan, user=cast.sari, expected_version=_v(plan))
    assert "at least one objective" in error.value.check_messages[0].text
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT


def test_a_failing_registered_check_blocks_the_submission_with_its_letters(cast, plan, monkeypatch):
    fill_plan(plan, cast.sari)
    monkeypatch.setattr(checks, "_checks", ["simpul.plans.tests.test_services.failing_smart_check"])
    with pytest.raises(services.PlanSubmitBlocked) as error:
        services.plan_submit(plan=plan, user=cast.sari, expected_version=_v(plan))
    assert error.value.check_messages[0].letters == ("S", "M")
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT
    assert not PlanEvent.objects.filter(plan=plan).exists()


def test_warnings_do_not_block_the_submission_and_are_returned(cast, plan, monkeypatch):
    fill_plan(plan, cast.sari)
    monkeypatch.setattr(checks, "_checks", ["simpul.plans.tests.test_services.warning_check"])
    warnings = services.plan_submit(plan=plan, user=cast.sari, expected_version=_v(plan))
    assert [w.text for w in warnings] == ["Target far above baseline."]
    plan.refresh_from_db()
    assert plan.status == Plan.Status.SUBMITTED
    assert plan.submitted_by == cast.sari


def test_register_submit_check_adds_a_check_once(monkeypatch):
    monkeypatch.setattr(checks, "_checks", [])
    checks.register_submit_check("simpul.plans.tests.test_services.warning_check")
    checks.register_submit_check("simpul.plans.tests.test_services.warning_check")
    assert checks._checks == ["simpul.plans.tests.test_services.warning_check"]


# --- Approving, returning, revising ---------------------------------------------------------------


def test_the_plan_is_approved_only_when_every_party_has_approved(cast, plan):
    fill_plan(plan, cast.sari)
    services.plan_submit(plan=plan, user=cast.sari, expected_version=_v(plan))
    parties = list(plan.agreement.parties.all())
    for party in parties[:-1]:
        services.plan_approve(plan=plan, party=party, user=cast.rina, expected_version=_v(plan))
        assert Plan.objects.get(pk=plan.pk).status == Plan.Status.SUBMITTED
    assert not PlanVersion.objects.filter(plan=plan).exists()
    services.plan_approve(plan=plan, party=parties[-1], user=cast.rina, expected_version=_v(plan))
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED
    version = PlanVersion.objects.get(plan=plan, number=1)
    canonical = json.dumps(
        version.snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()
    assert version.sha256 == hashlib.sha256(canonical).hexdigest()
    assert version.snapshot["sections"]["objectives"]
    kinds = list(PlanEvent.objects.filter(plan=plan).values_list("kind", flat=True))
    assert kinds == ["submitted"] + ["party_approved"] * len(parties) + ["approved"]


def test_a_party_cannot_approve_the_same_version_twice(cast, plan):
    fill_plan(plan, cast.sari)
    services.plan_submit(plan=plan, user=cast.wati, expected_version=_v(plan))
    party = plan.agreement.parties.first()
    services.plan_approve(plan=plan, party=party, user=cast.sari, expected_version=_v(plan))
    with pytest.raises(ValidationError) as error:
        services.plan_approve(plan=plan, party=party, user=cast.sari, expected_version=_v(plan))
    assert "already approved" in error.value.messages[0]


def test_returning_needs_a_note_and_sends_the_plan_back_to_draft(cast, plan):
    fill_plan(plan, cast.sari)
    services.plan_submit(plan=plan, user=cast.sari, expected_version=_v(plan))
    first, second = list(plan.agreement.parties.all())[:2]
    services.plan_approve(plan=plan, party=first, user=cast.rina, expected_version=_v(plan))
    with pytest.raises(ValidationError) as error:
        services.plan_return(
            plan=plan, party=second, user=cast.rina, note="  ", expected_version=_v(plan)
        )
    assert "note" in error.value.message_dict
    services.plan_return(
        plan=plan,
        party=second,
        user=cast.rina,
        note="Anggaran 2026 belum sesuai",
        expected_version=_v(plan),
    )
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    event = PlanEvent.objects.get(plan=plan, kind="returned")
    assert (event.party, event.note) == (second, "Anggaran 2026 belum sesuai")
    # The earlier approval was for the returned draft: after resubmission it no longer counts.
    services.plan_submit(plan=plan, user=cast.sari, expected_version=_v(plan))
    from simpul.plans.selectors import approvals_for_current_number

    assert approvals_for_current_number(plan) == set()


def test_a_stale_version_cannot_approve(cast, plan):
    fill_plan(plan, cast.sari)
    services.plan_submit(plan=plan, user=cast.wati, expected_version=_v(plan))
    stale = _v(plan) - 1
    with pytest.raises(Conflict):
        services.plan_approve(
            plan=plan, party=plan.agreement.parties.first(), user=cast.sari, expected_version=stale
        )


def test_a_revision_starts_a_new_number_and_the_diff_shows_the_change(cast, plan):
    parts = fill_plan(plan, cast.sari)
    approve_by_all(plan, cast.sari)
    frozen = PlanVersion.objects.get(plan=plan, number=1)
    frozen_hash = frozen.sha256
    services.plan_revise(plan=plan, user=cast.sari, note="Hasil evaluasi 2026")
    plan.refresh_from_db()
    assert (plan.number, plan.status) == (2, Plan.Status.DRAFT)
    assert PlanEvent.objects.filter(plan=plan, kind="revision_started", number=2).exists()
    services.objective_update(
        objective=parts["objective"],
        user=cast.sari,
        statement="Mengurangi sampah ke TPA sebesar 40% pada 2028",
    )
    new_objective = services.objective_create(
        plan=plan, user=cast.sari, expected_version=_v(plan), code="T2", statement="Kompos"
    )
    strategy_id = parts["strategy"].pk
    services.strategy_delete(strategy=parts["strategy"], user=cast.sari)
    diff = services.plan_diff(frozen.snapshot, services.plan_snapshot(plan))
    by_section = {d["section"]: d for d in diff}
    objectives = by_section["objectives"]
    assert [a["id"] for a in objectives["added"]] == [str(new_objective.pk)]
    change = objectives["changed"][0]
    assert change["fields"] == [
        {
            "field": "statement",
            "label": change["fields"][0]["label"],
            "before": "Mengurangi sampah yang dibuang ke TPA sebesar 30% pada 2028",
            "after": "Mengurangi sampah ke TPA sebesar 40% pada 2028",
        }
    ]
    assert by_section["strategies"]["removed"][0]["id"] == str(strategy_id)
    assert "risks" not in by_section
    # The approved version did not move.
    frozen.refresh_from_db()
    assert frozen.sha256 == frozen_hash
    assert frozen.snapshot["sections"]["objectives"][str(parts["objective"].pk)]["statement"] == (
        "Mengurangi sampah yang dibuang ke TPA sebesar 30% pada 2028"
    )


def test_only_an_approved_plan_can_be_revised(cast, plan):
    with pytest.raises(ValidationError) as error:
        services.plan_revise(plan=plan, user=cast.sari)
    assert "Only an approved plan" in error.value.messages[0]


def test_the_snapshot_is_stable_for_an_unchanged_plan(cast, plan):
    fill_plan(plan, cast.sari)
    first = services.plan_snapshot(plan)
    second = services.plan_snapshot(Plan.objects.get(pk=plan.pk))
    assert services.snapshot_sha256(first) == services.snapshot_sha256(second)
    assert services.plan_diff(first, second) == []


def test_two_objectives_cannot_share_a_code(cast, plan):
    fill_plan(plan, cast.sari)
    with pytest.raises(ValidationError):
        services.objective_create(
            plan=plan, user=cast.sari, expected_version=_v(plan), code="T1", statement="Kembar"
        )
    assert Objective.objects.filter(plan=plan, code="T1").count() == 1
