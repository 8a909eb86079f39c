"""The measurement rules of indicators (services/analysis.py) and the analysis selectors:
verified data only, sums and averages over parties, cumulative vs per-period, baselines,
direction, thresholds, the IPTT and the weighted roll-up."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from simpul.agreements.tests.factories import make_agreement
from simpul.monitoring.models import (
    DataValue,
    DisaggregationOption,
    Indicator,
    ReportingPeriod,
    Submission,
    Target,
)
from simpul.monitoring.periods import period_bounds
from simpul.monitoring.selectors import agreement_results, indicator_series, iptt
from simpul.monitoring.services.analysis import compute_progress, indicator_refresh

D = Decimal
VERIFIED = Submission.Status.VERIFIED


# --- Builders shared with test_dashboards ----------------------------------------------------


def make_indicator(agreement, code="I1", **fields) -> Indicator:
    fields.setdefault("name", f"Indikator {code}")
    fields.setdefault("unit", "ton")
    return Indicator.objects.create(agreement=agreement, code=code, **fields)


def set_targets(indicator, targets: dict) -> None:
    """targets: {(year, number): value}."""
    for (year, number), value in targets.items():
        Target.objects.create(indicator=indicator, year=year, number=number, value=D(value))


def period(agreement, year, number, frequency="quarterly", **fields) -> ReportingPeriod:
    start, end = period_bounds(frequency, year, number)
    found = ReportingPeriod.objects.filter(
        agreement=agreement, frequency=frequency, year=year, number=number
    ).first()
    if found:
        return found
    fields.setdefault("due_date", end + timedelta(days=15))
    fields.setdefault("status", ReportingPeriod.Status.CLOSED)
    return ReportingPeriod.objects.create(
        agreement=agreement,
        frequency=frequency,
        year=year,
        number=number,
        start=start,
        end=end,
        **fields,
    )


def report(indicator, reporting_period, party, value, *, status=VERIFIED, option=None):
    """A value of one party in one period; the party's submission gets `status`."""
    submission, _created = Submission.objects.get_or_create(
        period=reporting_period, party=party, defaults={"status": status}
    )
    if submission.status != status:
        Submission.objects.filter(pk=submission.pk).update(status=status)
    return DataValue.objects.create(
        submission=submission,
        indicator=indicator,
        option=option,
        value=None if value is None else D(str(value)),
    )


def parties_of(agreement):
    return list(agreement.parties.order_by("position", "pk"))


def refreshed(indicator) -> Indicator:
    indicator_refresh([indicator.pk])
    indicator.refresh_from_db()
    return indicator


@pytest.fixture
def agreement(cast):
    return make_agreement(cast, state="active")


# --- Progress arithmetic -------------------------------------------------------------------


def test_progress_without_a_baseline_is_actual_over_target():
    assert compute_progress(D(45), D(50), baseline=None, direction="higher") == D("90.0")


def test_progress_with_a_baseline_counts_the_way_from_baseline_to_target():
    # From 40 to 80; at 76 the agreement has gone 36 of the 40 steps.
    assert compute_progress(D(76), D(80), baseline=D(40), direction="higher") == D("90.0")


def test_progress_when_lower_is_better_with_a_baseline_rewards_going_down():
    # Complaints from 100 to 50: at 70, 30 of the 50 steps are done.
    assert compute_progress(D(70), D(50), baseline=D(100), direction="lower") == D("60.0")
    # Going up instead is negative progress.
    assert compute_progress(D(110), D(50), baseline=D(100), direction="lower") == D("-20.0")


def test_progress_when_lower_is_better_without_a_baseline_is_target_over_actual():
    assert compute_progress(D(25), D(20), baseline=None, direction="lower") == D("80.0")
    assert compute_progress(D(0), D(20), baseline=None, direction="lower") == D("100.0")


def test_a_target_equal_to_the_baseline_is_met_or_not():
    assert compute_progress(D(10), D(10), baseline=D(10), direction="higher") == D(100)
    assert compute_progress(D(9), D(10), baseline=D(10), direction="higher") == D(0)
    assert compute_progress(D(9), D(10), baseline=D(10), direction="lower") == D(100)


def test_no_target_or_no_actual_gives_no_progress():
    assert compute_progress(None, D(10), baseline=None, direction="higher") is None
    assert compute_progress(D(10), None, baseline=None, direction="higher") is None


# --- indicator_refresh ------------------------------------------------------------------------


def test_numbers_are_added_up_over_the_parties(agreement):
    indicator = make_indicator(agreement)
    set_targets(indicator, {(2025, 1): 100})
    q1 = period(agreement, 2025, 1)
    for party, value in zip(parties_of(agreement), (30, 40, 20), strict=True):
        report(indicator, q1, party, value)
    indicator = refreshed(indicator)
    assert indicator.latest_value == D(90)
    assert indicator.latest_target == D(100)
    assert indicator.latest_period_end == date(2025, 3, 31)
    assert indicator.progress == D("90.0")
    assert indicator.status == Indicator.Status.ON_TRACK  # 90 ≥ on_track_from (90)


def test_percentages_are_averaged_over_the_parties(agreement):
    indicator = make_indicator(agreement, kind=Indicator.Kind.PERCENTAGE, unit="%")
    set_targets(indicator, {(2025, 1): 80})
    q1 = period(agreement, 2025, 1)
    for party, value in zip(parties_of(agreement), (90, 60, 60), strict=True):
        report(indicator, q1, party, value)
    indicator = refreshed(indicator)
    assert indicator.latest_value == D(70)
    assert indicator.progress == D("87.5")
    assert indicator.status == Indicator.Status.AT_RISK


def test_yes_no_answers_count_as_the_share_of_parties_saying_yes(agreement):
    indicator = make_indicator(agreement, kind=Indicator.Kind.BOOLEAN, unit="")
    set_targets(indicator, {(2025, 1): 1})
    q1 = period(agreement, 2025, 1)
    for party, value in zip(parties_of(agreement), (1, 1, 0), strict=True):
        report(indicator, q1, party, value)
    indicator = refreshed(indicator)
    assert indicator.progress == D("66.7")
    assert indicator.status == Indicator.Status.OFF_TRACK


def test_a_cumulative_indicator_takes_the_latest_value_against_a_yearly_target(agreement):
    indicator = make_indicator(
        agreement,
        frequency="yearly",
        accumulation=Indicator.Accumulation.CUMULATIVE,
        unit="sambungan rumah",
    )
    set_targets(indicator, {(2025, 1): 1000})
    first = parties_of(agreement)[0]
    report(indicator, period(agreement, 2025, 1), first, 300)
    report(indicator, period(agreement, 2025, 2), first, 750)
    indicator = refreshed(indicator)
    assert indicator.latest_value == D(750)
    assert indicator.latest_period_end == date(2025, 6, 30)
    assert indicator.progress == D("75.0")
    assert indicator.status == Indicator.Status.AT_RISK


def test_a_per_period_indicator_adds_up_the_years_periods_against_a_yearly_target(agreement):
    indicator = make_indicator(
        agreement, frequency="yearly", accumulation=Indicator.Accumulation.PER_PERIOD
    )
    set_targets(indicator, {(2025, 1): 1000})
    first = parties_of(agreement)[0]
    report(indicator, period(agreement, 2025, 1), first, 300)
    report(indicator, period(agreement, 2025, 2), first, 450)
    indicator = refreshed(indicator)
    assert indicator.latest_value == D(750)
    assert indicator.progress == D("75.0")


def test_the_latest_period_with_data_decides_the_status(agreement):
    indicator = make_indicator(agreement)
    set_targets(indicator, {(2025, 1): 100, (2025, 2): 100, (2025, 3): 100})
    first = parties_of(agreement)[0]
    report(indicator, period(agreement, 2025, 1), first, 100)
    report(indicator, period(agreement, 2025, 2), first, 50)
    indicator = refreshed(indicator)
    assert indicator.latest_value == D(50)
    assert indicator.status == Indicator.Status.OFF_TRACK


def test_lower_is_better_with_a_baseline_reaches_its_status(agreement):
    indicator = make_indicator(
        agreement,
        name="Pengaduan warga",
        unit="pengaduan",
        direction=Indicator.Direction.LOWER,
        baseline_value=D(120),
    )
    set_targets(indicator, {(2025, 1): 80})
    report(indicator, period(agreement, 2025, 1), parties_of(agreement)[0], 84)
    indicator = refreshed(indicator)
    assert indicator.progress == D("90.0")
    assert indicator.status == Indicator.Status.ON_TRACK


def test_the_indicators_own_thresholds_decide_the_status(agreement):
    strict = make_indicator(agreement, code="S", on_track_from=D(95), at_risk_from=D(50))
    lenient = make_indicator(agreement, code="L", on_track_from=D(60), at_risk_from=D(40))
    q1 = period(agreement, 2025, 1)
    for indicator in (strict, lenient):
        set_targets(indicator, {(2025, 1): 100})
        report(indicator, q1, parties_of(agreement)[0], 90)
    assert refreshed(strict).status == Indicator.Status.AT_RISK
    assert refreshed(lenient).status == Indicator.Status.ON_TRACK


def test_unverified_data_is_ignored(agreement):
    indicator = make_indicator(agreement)
    set_targets(indicator, {(2025, 1): 100, (2025, 2): 100})
    sari_party, sleman, bantul = parties_of(agreement)
    report(indicator, period(agreement, 2025, 1), sari_party, 95)
    q2 = period(agreement, 2025, 2)
    report(indicator, q2, sleman, 10, status=Submission.Status.SUBMITTED)
    report(indicator, q2, bantul, 10, status=Submission.Status.DRAFT)
    report(indicator, q2, sari_party, 10, status=Submission.Status.RETURNED)
    indicator = refreshed(indicator)
    assert indicator.latest_period_end == date(2025, 3, 31)
    assert indicator.latest_value == D(95)
    assert indicator.status == Indicator.Status.ON_TRACK


def test_only_unverified_data_means_no_data_yet(agreement):
    indicator = make_indicator(agreement)
    set_targets(indicator, {(2025, 1): 100})
    report(
        indicator,
        period(agreement, 2025, 1),
        parties_of(agreement)[0],
        95,
        status=Submission.Status.SUBMITTED,
    )
    indicator = refreshed(indicator)
    assert indicator.status == Indicator.Status.NO_DATA
    assert indicator.latest_value is None
    assert indicator.progress is None


def test_returning_verified_data_takes_it_out_again(agreement):
    indicator = make_indicator(agreement)
    set_targets(indicator, {(2025, 1): 100})
    value = report(indicator, period(agreement, 2025, 1), parties_of(agreement)[0], 95)
    assert refreshed(indicator).status == Indicator.Status.ON_TRACK
    Submission.objects.filter(pk=value.submission_id).update(status=Submission.Status.RETURNED)
    assert refreshed(indicator).status == Indicator.Status.NO_DATA


def test_disaggregated_values_do_not_count_twice(agreement):
    indicator = make_indicator(agreement)
    set_targets(indicator, {(2025, 1): 100})
    q1 = period(agreement, 2025, 1)
    first = parties_of(agreement)[0]
    report(indicator, q1, first, 60)
    female, male = DisaggregationOption.objects.filter(disaggregation__code="sex").order_by(
        "position"
    )
    report(indicator, q1, first, 25, option=female)
    report(indicator, q1, first, 35, option=male)
    assert refreshed(indicator).latest_value == D(60)


def test_data_without_a_target_for_its_period_gives_no_status(agreement):
    indicator = make_indicator(agreement)
    set_targets(indicator, {(2025, 1): 100})
    report(indicator, period(agreement, 2025, 2), parties_of(agreement)[0], 70)
    indicator = refreshed(indicator)
    assert indicator.latest_value == D(70)
    assert indicator.latest_target is None
    assert indicator.status == Indicator.Status.NO_DATA


def test_qualitative_indicators_are_not_scored(agreement):
    indicator = make_indicator(agreement, kind=Indicator.Kind.QUALITATIVE, unit="")
    q1 = period(agreement, 2025, 1)
    submission = Submission.objects.create(
        period=q1, party=parties_of(agreement)[0], status=VERIFIED
    )
    DataValue.objects.create(submission=submission, indicator=indicator, text="Warga puas")
    assert refreshed(indicator).status == Indicator.Status.NO_DATA


def test_refreshing_does_not_bump_the_edit_version(agreement):
    indicator = make_indicator(agreement)
    set_targets(indicator, {(2025, 1): 100})
    report(indicator, period(agreement, 2025, 1), parties_of(agreement)[0], 95)
    version = indicator.version
    assert refreshed(indicator).version == version


def test_refreshing_many_indicators_takes_the_same_number_of_queries(
    agreement, django_assert_max_num_queries
):
    def build(count: int, prefix: str) -> list[int]:
        ids = []
        q1 = period(agreement, 2025, 1)
        for n in range(count):
            indicator = make_indicator(agreement, code=f"{prefix}{n}")
            set_targets(indicator, {(2025, 1): 100})
            report(indicator, q1, parties_of(agreement)[n % 3], n)
            ids.append(indicator.pk)
        return ids

    few, many = build(2, "A"), build(20, "B")
    with django_assert_max_num_queries(5):
        indicator_refresh(few)
    with django_assert_max_num_queries(5):
        indicator_refresh(many)
    assert Indicator.objects.filter(pk__in=many, status=Indicator.Status.OFF_TRACK).count() == 20


# --- Series, IPTT and roll-up -----------------------------------------------------------------


def test_the_series_gives_each_periods_target_actual_and_party_values(agreement):
    indicator = make_indicator(agreement)
    set_targets(indicator, {(2025, 1): 100, (2025, 2): 120})
    kota, sleman, _bantul = parties_of(agreement)
    q1 = period(agreement, 2025, 1)
    report(indicator, q1, kota, 50)
    report(indicator, q1, sleman, 45)
    report(indicator, period(agreement, 2025, 2), kota, 70, status=Submission.Status.SUBMITTED)
    points = indicator_series(indicator)
    assert [(p.year, p.number) for p in points] == [(2025, 1), (2025, 2)]
    first, second = points
    assert (first.target, first.actual, first.progress) == (D(100), D(95), D("95.0"))
    assert first.status == Indicator.Status.ON_TRACK
    assert first.by_party == {kota.pk: D(50), sleman.pk: D(45)}
    assert first.parties_reported == 2
    assert (second.target, second.actual, second.by_party) == (D(120), None, {})
    assert second.status == Indicator.Status.NO_DATA


def test_the_iptt_shows_targets_actuals_parties_and_disaggregations(
    agreement, django_assert_max_num_queries
):
    indicator = make_indicator(agreement)
    set_targets(indicator, {(2025, 1): 100, (2025, 2): 100})
    kota, sleman, _bantul = parties_of(agreement)
    q1, q2 = period(agreement, 2025, 1), period(agreement, 2025, 2)
    report(indicator, q1, kota, 60)
    report(indicator, q1, sleman, 30)
    report(indicator, q2, kota, 50)
    female = DisaggregationOption.objects.get(disaggregation__code="sex", code="f")
    report(indicator, q1, kota, 25, option=female)
    report(indicator, q1, sleman, 10, option=female)
    yearly = make_indicator(agreement, code="Y", frequency="yearly")
    set_targets(yearly, {(2025, 1): 10})

    with django_assert_max_num_queries(7), translation.override("en"):
        groups = iptt(agreement)

    assert [group.frequency for group in groups] == ["quarterly", "yearly"]
    quarterly = groups[0]
    assert [c.label for c in quarterly.columns] == ["Q1 2025", "Q2 2025", "Year 2025"]
    rows = {row.label: row for row in quarterly.indicators[0].rows}
    total = quarterly.indicators[0].rows[0]
    assert total.kind == "total"
    assert [(c.target, c.actual) for c in total.cells] == [
        (D(100), D(90)),
        (D(100), D(50)),
        (D(200), D(140)),  # per period: the year's target and actual are sums
    ]
    assert total.cells[2].progress == D("70.0")
    assert [c.actual for c in rows[kota.organization.name].cells] == [D(60), D(50), D(110)]
    assert [c.actual for c in rows[sleman.organization.name].cells] == [D(30), None, D(30)]
    female_row = next(row for row in quarterly.indicators[0].rows if row.kind == "option")
    assert female_row.label == "Sex: Female"
    assert [c.actual for c in female_row.cells] == [D(35), None, D(35)]


def test_the_iptt_takes_the_same_number_of_queries_for_more_indicators(
    agreement, django_assert_max_num_queries
):
    female = DisaggregationOption.objects.get(disaggregation__code="sex", code="f")
    q1 = period(agreement, 2025, 1)
    for n in range(15):
        indicator = make_indicator(agreement, code=f"K{n}")
        set_targets(indicator, {(2025, 1): 100, (2025, 2): 100})
        for party in parties_of(agreement):
            report(indicator, q1, party, n)
            report(indicator, q1, party, 1, option=female)
    with django_assert_max_num_queries(7):
        groups = iptt(agreement)
    assert len(groups[0].indicators) == 15


def test_the_roll_up_weighs_each_indicators_capped_progress(agreement):
    q1 = period(agreement, 2025, 1)
    first = parties_of(agreement)[0]
    spec = [("A", 1, 100), ("B", 3, 50), ("C", 1, 300)]  # C is capped at 100%
    for code, weight, value in spec:
        indicator = make_indicator(agreement, code=code, weight=D(weight))
        set_targets(indicator, {(2025, 1): 100})
        report(indicator, q1, first, value)
        indicator_refresh([indicator.pk])
    make_indicator(agreement, code="D", weight=D(5))  # no data: not scored
    results = agreement_results(agreement)
    # (100×1 + 50×3 + 100×1) / 5
    assert results["score"] == D("70.0")
    assert results["scored_weight"] == D(5)
    counts = {row["status"]: row["count"] for row in results["by_status"]}
    assert counts == {"on_track": 2, "off_track": 1, "at_risk": 0, "no_data": 1}
    shares = {i.code: i.rollup_share for i in results["indicators"]}
    assert shares == {"A": D("20.0"), "B": D("60.0"), "C": D("20.0"), "D": None}
