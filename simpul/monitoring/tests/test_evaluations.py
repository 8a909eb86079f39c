"""Evaluations: writing one with findings, recommendations and follow-ups, finalising it
(read-only afterwards), the due date of the next one, follow-up status by the owner party,
the plan revision an evaluation proposes, and who may do what."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from simpul.agreements.tests.factories import make_agreement
from simpul.monitoring.models import (
    Evaluation,
    Finding,
    FollowUp,
    Indicator,
    MonitoringSetup,
    Recommendation,
)
from simpul.monitoring.services.evaluations import (
    EvaluationFinal,
    evaluation_finalise,
    evaluation_schedule,
    finding_save,
    follow_up_set_status,
)
from simpul.plans.models import Plan, PlanEvent

pytestmark = pytest.mark.django_db


def url(name, evaluation=None, **kwargs):
    if evaluation is not None:
        kwargs = {"agreement_pk": evaluation.agreement_id, "pk": evaluation.pk, **kwargs}
    return reverse(f"monitoring:{name}", kwargs=kwargs)


@pytest.fixture
def agreement(cast):
    return make_agreement(
        cast,
        user=cast.sari,
        state="active",
        start_date=date(2025, 1, 1),
        end_date=date(2029, 12, 31),
    )


def make_evaluation(agreement, **fields):
    defaults = {
        "title": "Evaluasi semester I 2025",
        "period_start": date(2025, 1, 1),
        "period_end": date(2025, 6, 30),
        "summary": "Pengangkutan berjalan; data sering terlambat.",
    }
    return Evaluation.objects.create(agreement=agreement, **{**defaults, **fields})


def make_follow_up(evaluation, owner, **fields):
    recommendation = Recommendation.objects.create(evaluation=evaluation, text="Tetapkan petugas")
    defaults = {"action": "Tunjuk petugas data", "owner": owner, "due_date": date(2025, 9, 30)}
    return FollowUp.objects.create(recommendation=recommendation, **{**defaults, **fields})


def party_of(agreement, organization):
    return agreement.parties.get(organization=organization)


# --- writing an evaluation ----------------------------------------------------------------------


def test_an_editor_writes_an_evaluation_with_findings_recommendations_and_follow_ups(
    client, cast, agreement
):
    client.force_login(cast.sari)
    response = client.post(
        url("evaluation-create", agreement_pk=agreement.pk),
        {
            "title": "Evaluasi semester I 2025",
            "period_start": "2025-01-01",
            "period_end": "2025-06-30",
            "conducted_on": "2025-07-20",
            "method": "Telaah dokumen dan kunjungan lapangan",
            "summary": "Layanan berjalan.",
        },
    )
    evaluation = Evaluation.objects.get(agreement=agreement)
    assert response.status_code == 302
    assert response.url == url("evaluation-detail", evaluation)
    assert (evaluation.status, evaluation.created_by) == ("draft", cast.sari)

    client.post(url("finding-create", evaluation), {"kind": "weakness", "text": "Data terlambat"})
    finding = Finding.objects.get(evaluation=evaluation)
    client.post(
        url("recommendation-create", evaluation),
        {"finding": finding.pk, "text": "Tetapkan petugas data di setiap pihak"},
    )
    recommendation = Recommendation.objects.get(evaluation=evaluation)
    owner = party_of(agreement, cast.pemkot_yogyakarta)
    response = client.post(
        url("follow-up-create", evaluation, recommendation_pk=recommendation.pk),
        {"action": "Tunjuk petugas data", "owner": owner.pk, "due_date": "2025-09-30"},
    )

    follow_up = FollowUp.objects.get(recommendation=recommendation)
    assert response.status_code == 302
    assert (recommendation.finding, follow_up.owner, follow_up.status) == (finding, owner, "open")
    page = client.get(url("evaluation-detail", evaluation))
    assert f'id="follow-up-{follow_up.pk}"' in page.text
    assert f'id="finding-{finding.pk}"' in page.text


def test_bad_input_is_answered_with_field_errors_not_a_500(client, cast, agreement):
    client.cookies["django_language"] = "en"
    client.force_login(cast.sari)

    response = client.post(
        url("evaluation-create", agreement_pk=agreement.pk),
        {
            "title": "Evaluasi",
            "period_start": "2025-06-30",
            "period_end": "2025-01-01",
            "proposes_revision": "on",
        },
    )

    assert response.status_code == 400
    assert "The period covered cannot end before it starts." in response.text
    assert "Say what the plan revision should change." in response.text
    assert not Evaluation.objects.exists()


def test_a_follow_up_owner_must_be_a_party_to_the_agreement(client, cast, agreement):
    other = make_agreement(cast, state="active", title="Air minum")
    evaluation = make_evaluation(agreement)
    recommendation = Recommendation.objects.create(evaluation=evaluation, text="r")
    client.force_login(cast.sari)

    response = client.post(
        url("follow-up-create", evaluation, recommendation_pk=recommendation.pk),
        {
            "action": "Rapat",
            "owner": other.parties.first().pk,
            "due_date": "2025-09-30",
        },
    )

    assert response.status_code == 400
    assert not FollowUp.objects.exists()


def test_editors_edit_and_delete_findings_and_recommendations(client, cast, agreement):
    evaluation = make_evaluation(agreement)
    finding = Finding.objects.create(evaluation=evaluation, kind="strength", text="Armada")
    recommendation = Recommendation.objects.create(evaluation=evaluation, text="Rawat armada")
    client.force_login(cast.sari)

    client.post(
        url("finding-edit", evaluation, finding_pk=finding.pk),
        {"kind": "lesson", "text": "Armada perlu dirawat"},
    )
    client.post(url("recommendation-delete", evaluation, recommendation_pk=recommendation.pk))

    finding.refresh_from_db()
    assert (finding.kind, finding.text) == ("lesson", "Armada perlu dirawat")
    assert not Recommendation.objects.exists()
    client.post(url("finding-delete", evaluation, finding_pk=finding.pk))
    assert not Finding.objects.exists()


# --- finalising ---------------------------------------------------------------------------------


def test_finalising_needs_a_summary_and_a_finding(client, cast, agreement):
    client.cookies["django_language"] = "en"
    evaluation = make_evaluation(agreement, summary="")
    client.force_login(cast.sari)

    response = client.post(url("evaluation-finalise", evaluation), follow=True)

    assert "Write a summary before finalising the evaluation." in response.text
    assert "Record at least one finding before finalising the evaluation." in response.text
    evaluation.refresh_from_db()
    assert evaluation.status == "draft"


def test_a_final_evaluation_is_read_only(client, cast, agreement):
    evaluation = make_evaluation(agreement)
    finding = Finding.objects.create(evaluation=evaluation, kind="weakness", text="Data")
    client.force_login(cast.sari)

    response = client.post(url("evaluation-finalise", evaluation))

    evaluation.refresh_from_db()
    assert response.status_code == 302
    assert evaluation.status == "final"
    assert evaluation.conducted_on == timezone.localdate()
    response = client.post(
        url("evaluation-edit", evaluation),
        {"title": "Diubah", "period_start": "2025-01-01", "period_end": "2025-06-30"},
    )
    assert response.status_code == 302
    client.post(url("finding-create", evaluation), {"kind": "lesson", "text": "Baru"})
    client.post(url("finding-delete", evaluation, finding_pk=finding.pk))
    evaluation.refresh_from_db()
    assert evaluation.title == "Evaluasi semester I 2025"
    assert list(Finding.objects.all()) == [finding]
    page = client.get(url("evaluation-detail", evaluation))
    assert 'id="final-notice"' in page.text
    assert url("evaluation-edit", evaluation) not in page.text
    with pytest.raises(EvaluationFinal):
        finding_save(evaluation=evaluation, user=cast.sari, kind="lesson", text="x")
    with pytest.raises(ValidationError):
        evaluation_finalise(evaluation=evaluation, user=cast.sari)


# --- when the next evaluation is due ----------------------------------------------------------


def test_the_first_evaluation_is_due_a_year_after_the_start_by_default(agreement):
    schedule = evaluation_schedule(agreement, today=date(2025, 6, 1))

    assert (schedule["per_year"], schedule["next_due"]) == (1, date(2025, 12, 31))
    assert not schedule["overdue"]


def test_twice_a_year_the_next_evaluation_is_due_six_months_after_the_last_final_one(
    client, cast, agreement
):
    MonitoringSetup.objects.create(agreement=agreement, evaluations_per_year=2)
    make_evaluation(agreement, status="final")
    make_evaluation(
        agreement,
        title="Draft semester II",
        period_start=date(2025, 7, 1),
        period_end=date(2025, 12, 31),
    )

    schedule = evaluation_schedule(agreement, today=date(2026, 1, 15))

    assert schedule["interval_months"] == 6
    assert schedule["next_due"] == date(2025, 12, 31)
    assert schedule["overdue"]
    client.force_login(cast.sari)
    page = client.get(url("evaluation-list", agreement_pk=agreement.pk))
    assert 'data-next-due="2025-12-31"' in page.text
    assert 'data-per-year="2"' in page.text
    new_form = client.get(url("evaluation-create", agreement_pk=agreement.pk))
    assert new_form.context["form"].initial == {
        "period_start": date(2025, 7, 1),
        "period_end": date(2025, 12, 31),
    }


# --- follow-up status ---------------------------------------------------------------------------


def test_the_owner_partys_data_officer_marks_a_follow_up_done(client, cast, agreement):
    evaluation = make_evaluation(agreement, status="final")
    follow_up = make_follow_up(evaluation, party_of(agreement, cast.pemkot_yogyakarta))
    client.force_login(cast.dewi)  # data officer at DLH, an agency of Pemkot Yogyakarta

    page = client.get(url("evaluation-detail", evaluation))
    form = client.get(url("follow-up-status", evaluation, follow_up_pk=follow_up.pk))
    response = client.post(
        url("follow-up-status", evaluation, follow_up_pk=follow_up.pk), {"status": "done"}
    )

    assert url("follow-up-status", evaluation, follow_up_pk=follow_up.pk) in page.text
    assert form.status_code == 200
    assert 'id="follow-up-status-form"' in form.text
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.done_on) == ("done", timezone.localdate())


def test_a_data_officer_cannot_update_another_partys_follow_up(client, cast, agreement):
    evaluation = make_evaluation(agreement)
    sleman = agreement.parties.exclude(organization=cast.pemkot_yogyakarta).first()
    follow_up = make_follow_up(evaluation, sleman)
    client.force_login(cast.dewi)

    response = client.post(
        url("follow-up-status", evaluation, follow_up_pk=follow_up.pk), {"status": "done"}
    )

    assert response.status_code == 404
    follow_up.refresh_from_db()
    assert follow_up.status == "open"


def test_a_follow_up_cannot_be_done_in_the_future_and_reopening_clears_the_date(cast, agreement):
    evaluation = make_evaluation(agreement)
    follow_up = make_follow_up(evaluation, party_of(agreement, cast.pemkot_yogyakarta))

    with pytest.raises(ValidationError):
        follow_up_set_status(
            follow_up=follow_up,
            user=cast.sari,
            status="done",
            done_on=timezone.localdate() + timedelta(days=3),
        )
    follow_up_set_status(follow_up=follow_up, user=cast.sari, status="done")
    follow_up = follow_up_set_status(follow_up=follow_up, user=cast.sari, status="in_progress")

    assert (follow_up.status, follow_up.done_on) == ("in_progress", None)


# --- plan revision ------------------------------------------------------------------------------


def test_an_evaluation_that_proposes_a_revision_starts_a_new_plan_version(client, cast, agreement):
    plan = Plan.objects.create(agreement=agreement, status=Plan.Status.APPROVED)
    evaluation = make_evaluation(
        agreement, proposes_revision=True, revision_note="Tambah kegiatan pemilahan"
    )
    client.force_login(cast.sari)

    page = client.get(url("evaluation-detail", evaluation))
    response = client.post(url("evaluation-revise-plan", evaluation))

    assert 'id="revise-plan-form"' in page.text
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.number, plan.status) == (2, Plan.Status.DRAFT)
    event = PlanEvent.objects.get(plan=plan, kind=PlanEvent.Kind.REVISION_STARTED)
    assert "Tambah kegiatan pemilahan" in event.note
    assert event.actor == cast.sari


def test_a_revision_is_explained_not_offered_while_the_plan_is_not_approved(
    client, cast, agreement
):
    client.cookies["django_language"] = "en"
    plan = Plan.objects.create(agreement=agreement, status=Plan.Status.SUBMITTED)
    evaluation = make_evaluation(agreement, proposes_revision=True, revision_note="Ubah target")
    client.force_login(cast.sari)

    page = client.get(url("evaluation-detail", evaluation))
    response = client.post(url("evaluation-revise-plan", evaluation), follow=True)

    assert 'id="revision-unavailable"' in page.text
    assert 'id="revise-plan-form"' not in page.text
    assert "Only an approved plan can be revised" in response.text
    plan.refresh_from_db()
    assert (plan.number, plan.status) == (1, Plan.Status.SUBMITTED)


# --- access and reading -----------------------------------------------------------------------


@pytest.mark.parametrize("person", ["budi", "eko"])
def test_people_outside_the_agreement_get_404(client, cast, agreement, person):
    evaluation = make_evaluation(agreement)
    client.force_login(getattr(cast, person))

    assert client.get(url("evaluation-list", agreement_pk=agreement.pk)).status_code == 404
    assert client.get(url("evaluation-detail", evaluation)).status_code == 404


@pytest.mark.parametrize("person", ["gita", "hadi"])
def test_oversight_reads_evaluations_but_cannot_change_them(client, cast, agreement, person):
    evaluation = make_evaluation(agreement)
    follow_up = make_follow_up(evaluation, party_of(agreement, cast.pemkot_yogyakarta))
    client.force_login(getattr(cast, person))

    page = client.get(url("evaluation-detail", evaluation))
    edit = client.post(url("evaluation-edit", evaluation), {"title": "Diubah"})
    status = client.post(
        url("follow-up-status", evaluation, follow_up_pk=follow_up.pk), {"status": "done"}
    )

    assert page.status_code == 200
    assert url("evaluation-edit", evaluation) not in page.text
    assert url("follow-up-status", evaluation, follow_up_pk=follow_up.pk) not in page.text
    assert (edit.status_code, status.status_code) == (404, 404)


def test_the_evaluation_page_counts_the_indicators_by_status(client, cast, agreement):
    for code, status in [("I1", "off_track"), ("I2", "off_track"), ("I3", "on_track")]:
        Indicator.objects.create(agreement=agreement, code=code, name=code, status=status)
    evaluation = make_evaluation(agreement)
    client.force_login(cast.sari)

    counts = client.get(url("evaluation-detail", evaluation)).context["status_counts"]

    assert {row["status"]: row["count"] for row in counts} == {
        "no_data": 0,
        "on_track": 1,
        "at_risk": 0,
        "off_track": 2,
    }


def test_the_evaluation_page_queries_do_not_grow_with_follow_ups(
    client, cast, agreement, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    evaluation = make_evaluation(agreement)
    owner = party_of(agreement, cast.pemkot_yogyakarta)
    make_follow_up(evaluation, owner)
    client.force_login(cast.sari)
    with CaptureQueriesContext(connection) as few:
        client.get(url("evaluation-detail", evaluation))
    for i in range(6):
        Finding.objects.create(evaluation=evaluation, kind="lesson", text=f"f{i}")
        make_follow_up(evaluation, owner, action=f"a{i}")

    with django_assert_max_num_queries(len(few)):
        client.get(url("evaluation-detail", evaluation))
