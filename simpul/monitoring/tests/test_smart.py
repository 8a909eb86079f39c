"""The SMART check: each letter failing and passing, the non-blocking warning for an
implausible target, and the plan-submission check built on it."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from simpul.monitoring.models import Indicator, Result, Target
from simpul.monitoring.smart import (
    IMPLAUSIBLE_FACTOR,
    indicator_smart_check,
    plan_submit_check,
    smart_letters,
    smart_passes,
)
from simpul.monitoring.tests.permissions_indicators import (
    agreement_with_objective,
    make_indicator,
    objective_of,
)
from simpul.plans.access import plan_for
from simpul.plans.checks import run_submit_checks


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def agreement(cast):
    return agreement_with_objective(cast)


def codes(indicator, targets=None) -> dict[str, tuple[str, ...]]:
    return {i.code: i.letters for i in indicator_smart_check(indicator, targets)}


def states(indicator) -> dict[str, str]:
    return {s.letter: s.state for s in smart_letters(indicator_smart_check(indicator))}


def test_a_complete_indicator_passes_every_letter(agreement):
    indicator = make_indicator(agreement)
    assert indicator_smart_check(indicator) == []
    assert states(indicator) == dict.fromkeys("SMART", "pass")


def test_no_definition_fails_specific_and_measurable_and_says_how_to_fix_it(agreement):
    indicator = make_indicator(agreement, definition="  ")
    issues = indicator_smart_check(indicator)
    assert [(i.code, i.letters) for i in issues] == [("no_definition", ("S", "M"))]
    assert "write exactly what is counted" in issues[0].text
    assert states(indicator)["S"] == "fail"
    assert not smart_passes(issues)


def test_no_unit_fails_for_numbers_but_not_for_yes_no_or_qualitative(agreement):
    assert codes(make_indicator(agreement, code="A", unit="")) == {"no_unit": ("S", "M")}
    boolean = make_indicator(agreement, code="B", unit="", kind="boolean", baseline_value=0)
    boolean.targets.update(value=1)
    assert codes(boolean) == {}
    qualitative = make_indicator(
        agreement,
        code="C",
        unit="",
        kind="qualitative",
        baseline_value=None,
        targets={(2025, 4): "Warga puas dengan layanan"},
    )
    assert codes(qualitative) == {}


def test_no_baseline_value_or_date_fails_measurable_and_achievable(agreement):
    assert codes(make_indicator(agreement, code="A", baseline_value=None)) == {
        "no_baseline": ("M", "A")
    }
    assert codes(make_indicator(agreement, code="B", baseline_date=None)) == {
        "no_baseline": ("M", "A")
    }


def test_no_target_fails_measurable_and_achievable(agreement):
    indicator = make_indicator(agreement, targets={})
    assert codes(indicator) == {"no_target": ("M", "A")}
    # A target row without a value is no target either.
    Target.objects.create(indicator=indicator, year=2025, number=1, value=None)
    assert codes(indicator) == {"no_target": ("M", "A")}


def test_a_qualitative_target_needs_text(agreement):
    indicator = make_indicator(
        agreement, kind="qualitative", unit="", baseline_value=None, targets={(2025, 4): "  "}
    )
    assert codes(indicator) == {"no_target": ("M", "A")}


def test_an_indicator_not_linked_to_an_objective_fails_relevant(agreement):
    indicator = make_indicator(agreement, objective=None)
    assert codes(indicator) == {"no_objective": ("R",)}
    assert states(indicator)["R"] == "fail"


def test_a_result_with_an_objective_makes_the_indicator_relevant(agreement):
    outcome = Result.objects.create(
        agreement=agreement,
        level="outcome",
        code="OC1",
        statement="Layanan",
        objective=objective_of(agreement),
    )
    output = Result.objects.create(
        agreement=agreement, level="output", code="OP1", statement="TPA", parent=outcome
    )
    assert codes(make_indicator(agreement, code="A", objective=None, result=output)) == {}
    orphan = Result.objects.create(agreement=agreement, level="outcome", code="OC2", statement="X")
    assert codes(make_indicator(agreement, code="B", objective=None, result=orphan)) == {
        "no_objective": ("R",)
    }


def test_no_end_date_fails_time_bound_unless_the_agreement_ends(cast):
    open_ended = agreement_with_objective(cast, end_date=None)
    indicator = make_indicator(open_ended)
    assert codes(indicator) == {"no_end_date": ("T",)}
    assert "No end date" in indicator_smart_check(indicator)[0].text
    indicator.end_date = date(2027, 12, 31)
    assert codes(indicator) == {}


def test_no_frequency_fails_time_bound(agreement):
    indicator = make_indicator(agreement)
    indicator.frequency = ""
    assert codes(indicator) == {"no_frequency": ("T",)}


def test_a_target_far_above_the_baseline_is_a_warning_that_names_the_factor(agreement):
    indicator = make_indicator(agreement, targets={(2025, 4): 600, (2026, 4): 1600})
    issues = indicator_smart_check(indicator)
    assert [(i.code, i.letters, i.warning) for i in issues] == [
        ("implausible_target", ("A",), True)
    ]
    assert f"more than {IMPLAUSIBLE_FACTOR} times the baseline (500)" in issues[0].text
    assert "Quarter 4 2026" in issues[0].text
    assert smart_passes(issues)
    assert states(indicator)["A"] == "warn"


def test_a_target_far_below_the_baseline_or_below_zero_is_a_warning(agreement):
    below = make_indicator(agreement, code="A", targets={(2025, 4): 100})
    assert codes(below) == {"implausible_target": ("A",)}
    negative = make_indicator(
        agreement, code="B", direction="lower", baseline_value=Decimal(0), targets={(2025, 4): -5}
    )
    assert codes(negative) == {"implausible_target": ("A",)}
    plausible = make_indicator(agreement, code="C", targets={(2025, 4): 200, (2026, 4): 1400})
    assert codes(plausible) == {}


def test_an_unsaved_percentage_target_above_100_is_a_warning(agreement):
    indicator = make_indicator(agreement, kind="percentage", unit="%", baseline_value=40)
    targets = [Target(indicator=indicator, year=2025, number=4, value=Decimal(110))]
    issues = indicator_smart_check(indicator, targets)
    assert [i.code for i in issues] == ["implausible_target"]
    assert "above 100%" in issues[0].text


def test_several_failures_are_reported_together(agreement):
    indicator = make_indicator(agreement, definition="", unit="", objective=None, targets={})
    assert set(codes(indicator)) == {"no_definition", "no_unit", "no_target", "no_objective"}
    assert states(indicator) == {"S": "fail", "M": "fail", "A": "fail", "R": "fail", "T": "pass"}


def test_a_plan_without_indicators_cannot_be_submitted(agreement):
    messages = run_submit_checks(plan_for(agreement))
    assert len([m for m in messages if m.text.startswith("Add at least one indicator")]) == 1
    assert all(m.blocking for m in messages if "indicator" in m.text)


def test_a_failing_indicator_blocks_the_plan_until_it_is_fixed(agreement):
    indicator = make_indicator(agreement, unit="")
    plan = plan_for(agreement)
    mine = [m for m in run_submit_checks(plan) if m.subject == "IKU-1"]
    assert [(m.blocking, m.letters) for m in mine] == [(True, ("S", "M"))]
    assert mine[0].url == f"/kerja-sama/{agreement.pk}/pemantauan/indikator/{indicator.pk}/ubah/"
    Indicator.objects.filter(pk=indicator.pk).update(unit="ton/hari")
    assert [m for m in run_submit_checks(plan) if m.subject == "IKU-1"] == []


def test_a_warning_is_shown_but_does_not_block_the_plan(agreement):
    make_indicator(agreement, targets={(2025, 4): 5000})
    messages = plan_submit_check(plan_for(agreement))
    assert [(m.subject, m.blocking, m.letters) for m in messages] == [("IKU-1", False, ("A",))]


def test_the_plan_check_reads_all_indicators_in_a_constant_number_of_queries(
    agreement, django_assert_max_num_queries
):
    for n in range(10):
        indicator = make_indicator(agreement, code=f"I-{n}", unit="" if n % 2 else "ton")
        Result.objects.create(agreement=agreement, level="outcome", code=f"OC{n}", statement="x")
        indicator.result = Result.objects.get(code=f"OC{n}")
        indicator.save()
    plan = plan_for(agreement)
    with django_assert_max_num_queries(3):
        messages = plan_submit_check(plan)
    assert len([m for m in messages if m.blocking]) == 5
