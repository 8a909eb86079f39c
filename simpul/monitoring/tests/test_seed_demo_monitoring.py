"""The demo monitoring command: plans, indicators and data on the demo agreements, safe to
re-run, never in production."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from simpul.monitoring.models import (
    DataValue,
    Evaluation,
    FollowUp,
    Indicator,
    MonitoringSetup,
    ReportingPeriod,
    Submission,
    SubmissionEvent,
    Target,
)
from simpul.plans.models import Activity, BudgetLine, Plan, PlanVersion

pytestmark = pytest.mark.django_db

COUNTED = (
    Plan,
    PlanVersion,
    Activity,
    BudgetLine,
    Indicator,
    Target,
    ReportingPeriod,
    Submission,
    SubmissionEvent,
    DataValue,
    Evaluation,
    FollowUp,
)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo_agreements", stdout=io.StringIO())


def test_the_demo_agreements_get_plans_indicators_and_years_of_quarterly_data(demo):
    out = io.StringIO()
    call_command("seed_demo_monitoring", stdout=out)
    assert "Demo monitoring ready: 3 plans (3 new)" in out.getvalue()

    kartamantul = Plan.objects.get(agreement__title__startswith="Pengelolaan Sampah Regional")
    # Approved as version 1, then a revision v2 started after the evaluation.
    assert kartamantul.status == Plan.Status.DRAFT
    assert kartamantul.number == 2
    assert list(kartamantul.versions.values_list("number", flat=True)) == [1]
    assert Plan.objects.filter(status=Plan.Status.APPROVED).count() == 2

    for plan in Plan.objects.all():
        assert 2 <= plan.objectives.count() <= 4
        assert plan.budget_lines.exists()
        indicators = Indicator.objects.filter(agreement=plan.agreement)
        assert 3 <= indicators.count() <= 8
        for indicator in indicators:
            assert indicator.definition and indicator.unit and indicator.baseline_value is not None
            assert indicator.targets.exists()
    assert BudgetLine.objects.filter(realised__gt=F("planned")).count() == 1
    assert Activity.objects.filter(status=Activity.Status.DELAYED).exists()

    waste = Indicator.objects.get(code="KM-1")
    verified = DataValue.objects.filter(
        indicator=waste, option__isnull=True, submission__status=Submission.Status.VERIFIED
    )
    # Quarterly from January 2024, for each of the three parties: years of data.
    assert verified.values("submission__period").distinct().count() >= 8
    assert verified.values("submission__party").distinct().count() == 3

    # Provenance: every verified submission says who submitted and who verified it.
    for submission in Submission.objects.filter(status=Submission.Status.VERIFIED)[:20]:
        actions = set(submission.events.values_list("action", flat=True))
        assert {"submitted", "verified"} <= actions
    # The latest quarter is only partly in: something submitted but not verified, a draft,
    # a returned submission and parties that sent nothing.
    statuses = set(Submission.objects.values_list("status", flat=True))
    assert statuses == {"verified", "submitted", "draft", "returned"}
    referred = Indicator.objects.get(code="KS-1")
    assert DataValue.objects.filter(indicator=referred, option__code="f").exists()

    # The seed ends by refreshing every indicator from verified data: the dashboards show
    # a realistic mix, some of it off track.
    assert Indicator.objects.filter(status=Indicator.Status.OFF_TRACK).exists()
    assert Indicator.objects.filter(status=Indicator.Status.ON_TRACK).exists()

    setup = MonitoringSetup.objects.get(agreement=kartamantul.agreement)
    assert setup.evaluations_per_year == 2
    evaluation = Evaluation.objects.get(agreement=kartamantul.agreement, proposes_revision=True)
    assert evaluation.findings.exists() and evaluation.recommendations.exists()
    assert FollowUp.objects.filter(status=FollowUp.Status.OPEN, due_date__year=2026).exists()


def test_running_the_demo_monitoring_twice_changes_nothing(demo):
    call_command("seed_demo_monitoring", stdout=io.StringIO())
    first = _counts()
    out = io.StringIO()
    call_command("seed_demo_monitoring", stdout=out)
    assert _counts() == first
    assert first["DataValue"] > 100
    assert "3 plans (0 new)" in out.getvalue()


def test_the_demo_monitoring_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("seed_demo_monitoring", stdout=io.StringIO())
    assert not Plan.objects.exists()
