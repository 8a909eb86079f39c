"""Each score's formula on small hand-made data, with its inputs visible; no data gives
None, never zero."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from simpul.agreements.models import AgreementEvent
from simpul.agreements.tests.factories import make_agreement
from simpul.complaints.models import Complaint
from simpul.consultations.models import Comment, Consultation
from simpul.monitoring.models import Indicator, ReportingPeriod, Submission
from simpul.monitoring.tests.test_analysis import (
    make_indicator,
    parties_of,
    period,
    report,
    set_targets,
)
from simpul.publication.models import PublicationDecision
from simpul.scorecard import services

from . import builders

YEAR = 2025
TODAY = date(2026, 1, 15)
D = Decimal


def inputs_of(agreement, year=YEAR, today=TODAY) -> dict:
    return services.agreement_inputs([agreement.pk], year, today)[agreement.pk]


def scores_of(agreement, **kwargs) -> dict:
    return services.scores_from_inputs(inputs_of(agreement, **kwargs))


def decide(agreement, kind, *, public: bool, at):
    PublicationDecision.objects.create(
        agreement=agreement, kind=kind, is_public=public, reason="uji", decided_at=at
    )


@pytest.mark.django_db
def test_transparency_counts_required_kinds_published_and_published_on_time(cast):
    agreement = make_agreement(cast, state="active")
    entered = AgreementEvent.objects.filter(agreement=agreement).latest("seq").occurred_at
    decide(agreement, "budget", public=False, at=entered + timedelta(days=1))
    decide(agreement, "evaluations", public=True, at=entered + timedelta(days=45))
    decide(agreement, "plan", public=True, at=entered + timedelta(days=29))

    inputs = inputs_of(agreement)["transparency"]
    scores = scores_of(agreement)

    # Active: summary, parties, affairs, objectives, plan, indicators, budget, evaluations.
    assert inputs == {"required": 8, "published": 7, "on_time": 6}
    assert scores["transparency"] == D("81.3")  # 50 × 7/8 + 50 × 6/8 = 81.25


@pytest.mark.django_db
def test_a_draft_has_no_required_information_so_no_transparency_score(cast):
    agreement = make_agreement(cast)

    assert inputs_of(agreement)["transparency"]["required"] == 0
    assert scores_of(agreement)["transparency"] is None


@pytest.mark.django_db
def test_accountability_counts_fully_verified_closed_periods_and_reported_budget(cast):
    agreement = make_agreement(cast, state="active")
    one, two, three = parties_of(agreement)
    indicator = make_indicator(agreement)  # no responsible party: every party reports
    first, second = period(agreement, YEAR, 1), period(agreement, YEAR, 2)
    for party in (one, two, three):
        report(indicator, first, party, 5)
    report(indicator, second, one, 5)
    report(indicator, second, two, 5)
    report(indicator, second, three, 5, status=Submission.Status.SUBMITTED)
    # Not yet closed nor ended on TODAY: not counted.
    period(agreement, 2026, 1, status=ReportingPeriod.Status.OPEN)
    builders.budget_lines(
        agreement, [(YEAR, "1000000", "400000"), (YEAR, "500000", "0"), (2024, "9", "0")]
    )

    counts = inputs_of(agreement)["accountability"]

    assert counts == {"periods": 2, "periods_complete": 1, "lines": 2, "lines_reported": 1}
    assert scores_of(agreement)["accountability"] == D("50.0")


@pytest.mark.django_db
def test_a_period_counts_only_the_party_responsible_for_its_indicators(cast):
    agreement = make_agreement(cast, state="active")
    one, two, _three = parties_of(agreement)
    indicator = make_indicator(agreement, responsible_party=one)
    closed = period(agreement, YEAR, 1)
    report(indicator, closed, one, 5)
    report(indicator, closed, two, 5, status=Submission.Status.DRAFT)

    counts = inputs_of(agreement)["accountability"]

    assert (counts["periods"], counts["periods_complete"]) == (1, 1)
    assert scores_of(agreement)["accountability"] == D("100.0")


@pytest.mark.django_db
def test_participation_weighs_consultations_answers_and_people_involved(cast):
    agreement = make_agreement(cast, state="active")
    section = builders.consultation(agreement, opens=date(YEAR, 3, 1))
    builders.comment(section, "a@example.org", answered=True)
    builders.comment(section, "b@example.org")
    builders.comment(section, "c@example.org", Comment.Status.HIDDEN)
    builders.comment(section, "d@example.org", Comment.Status.UNCONFIRMED)
    builders.consultation(agreement, opens=date(YEAR, 5, 1), status=Consultation.Status.DRAFT)
    builders.survey_responses(agreement, on=date(YEAR, 6, 10), count=2)
    builders.survey_responses(agreement, on=date(2024, 6, 10), count=7)

    counts = inputs_of(agreement)["participation"]

    assert counts == {"consultations": 1, "comments": 2, "answered": 1, "people": 5}
    # 40 × held + 40 × 1/2 answered + 20 × 5/20 people
    assert scores_of(agreement)["participation"] == D("65.0")


@pytest.mark.django_db
def test_no_consultation_and_nobody_involved_scores_zero_participation_not_no_data(cast):
    agreement = make_agreement(cast, state="active")

    # Participation is measured by what happened: nothing held is a recorded zero; the
    # "answered" part has no data and is left out.
    assert scores_of(agreement)["participation"] == D("0.0")


@pytest.mark.django_db
def test_responsiveness_is_the_share_answered_by_the_deadline_with_the_median_time(cast):
    agreement = make_agreement(cast, state="active")
    received = date(YEAR, 3, 3)  # a Monday
    builders.complaint(
        agreement,
        received=received,
        answered_at=builders.at(date(YEAR, 3, 5)),
        follow_up_due=date(YEAR, 3, 12),
    )
    builders.complaint(
        agreement,
        received=received,
        answered_at=builders.at(date(YEAR, 3, 20)),
        follow_up_due=date(YEAR, 3, 12),
    )
    builders.complaint(  # open past its deadline: late
        agreement, received=received, status=Complaint.Status.VERIFIED, verify_due=date(YEAR, 3, 6)
    )
    builders.complaint(  # not due yet on TODAY: not judged
        agreement,
        received=date(YEAR, 12, 30),
        status=Complaint.Status.RECEIVED,
        verify_due=date(2026, 1, 20),
    )
    builders.complaint(agreement, received=received, status=Complaint.Status.REJECTED)
    builders.complaint(agreement, received=received, status=Complaint.Status.UNCONFIRMED)

    counts = inputs_of(agreement)["responsiveness"]
    count_days, unit = services._day_counter()

    assert (counts["complaints"], counts["answered"], counts["on_time"]) == (3, 2, 1)
    assert sorted(counts["answer_days"]) == sorted(
        [count_days(received, date(YEAR, 3, 5)), count_days(received, date(YEAR, 3, 20))]
    )
    assert counts["day_unit"] == unit
    assert scores_of(agreement)["responsiveness"] == D("33.3")


@pytest.mark.django_db
def test_effectiveness_counts_indicators_on_track_and_past_targets_met(cast):
    agreement = make_agreement(cast, state="active")
    one = parties_of(agreement)[0]
    quarterly = make_indicator(agreement, "I1")
    set_targets(quarterly, {(YEAR, 1): 10, (YEAR, 2): 10})
    report(quarterly, period(agreement, YEAR, 1), one, 10)  # 100 %: met
    report(quarterly, period(agreement, YEAR, 2), one, 5)  # 50 %: off track, not met
    yearly = make_indicator(agreement, "I2", frequency="yearly")
    set_targets(yearly, {(YEAR, 1): 100, (2026, 1): 100})  # 2026 has not ended: not past
    report(yearly, period(agreement, YEAR, 1, frequency="yearly"), one, 95)  # on track, not met
    make_indicator(agreement, "I3", kind=Indicator.Kind.QUALITATIVE)

    counts = inputs_of(agreement)["effectiveness"]

    assert counts == {"indicators": 2, "on_track": 1, "targets": 3, "targets_met": 1}
    assert scores_of(agreement)["effectiveness"] == D("41.7")  # 50 × 1/2 + 50 × 1/3


@pytest.mark.django_db
def test_overall_is_the_mean_of_the_scores_with_data_and_none_is_never_zero(cast):
    agreement = make_agreement(cast, state="active")
    builders.budget_lines(agreement, [(YEAR, "100", "100")])

    scores = scores_of(agreement)

    assert scores["responsiveness"] is None
    assert scores["effectiveness"] is None
    assert scores["transparency"] == D("100.0")
    assert scores["accountability"] == D("100.0")
    assert scores["participation"] == D("0.0")
    assert scores["overall"] == D("66.7")


def test_pooled_inputs_add_up_counts_and_answer_times():
    first, second = services.empty_inputs(), services.empty_inputs()
    first["responsiveness"].update(complaints=1, on_time=1, answered=1, answer_days=[2])
    second["responsiveness"].update(complaints=3, on_time=0, answered=3, answer_days=[5, 9, 1])

    pooled = services.pool_inputs([first, second])

    assert pooled["responsiveness"]["complaints"] == 4
    assert sorted(pooled["responsiveness"]["answer_days"]) == [1, 2, 5, 9]
    assert services.scores_from_inputs(pooled)["responsiveness"] == D("25.0")
    assert services.stored_inputs(pooled)["responsiveness"]["median_days"] == 3.5


@pytest.mark.django_db
def test_accountability_counts_the_approved_budget_not_a_revision_being_drafted(cast):
    from simpul.plans.models import BudgetLine, Plan

    agreement = make_agreement(cast, state="active")
    builders.budget_lines(agreement, [(YEAR, "1000000", "0")])  # approved: nothing realised
    plan = Plan.objects.get(agreement=agreement)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT, number=2)
    line = BudgetLine.objects.get(plan=plan)
    BudgetLine.objects.filter(pk=line.pk).update(realised=D("1000000"))  # the draft's claim
    BudgetLine.objects.create(
        plan=plan,
        activity=line.activity,
        party=line.party,
        funding_source="apbd",
        fiscal_year=YEAR,
        planned=D("5"),
        realised=D("5"),
    )

    counts = inputs_of(agreement)["accountability"]

    assert (counts["lines"], counts["lines_reported"]) == (1, 0)
