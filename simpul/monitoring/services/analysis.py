"""Progress and status of indicators, computed from verified data only.

Contract used by other areas:

    indicator_refresh(indicator_ids: Iterable[int]) -> None
        Recompute Indicator.latest_value / latest_target / latest_period_end / progress /
        status from verified data. Called by collection after verify/return, and by the seed.

How an indicator is measured (the same rules are explained to users on the indicator page,
see `RULES` in simpul.monitoring.selectors):

1. **Which values count.** Only party totals (DataValue.option is None) of submissions whose
   status is *verified*. Drafts, submitted-but-unverified and returned data never count.
2. **All parties in one reporting period.** Numbers are added up over the parties that
   reported. Percentages and yes/no answers (stored as 1/0) are the simple mean over the
   parties that reported: each party counts once, because we do not know the population
   behind each party's percentage, and a weighted mean would need it.
3. **Reporting periods within an indicator period.** Targets are set per period of the
   indicator's own frequency (e.g. per quarter or per year). When several reporting periods
   fall into one indicator period (quarterly data against a yearly target):
   - *cumulative* indicators (each value is the total so far): the value of the latest
     reporting period is the achievement;
   - *per-period* indicators (each value counts that period only): numbers are added up
     (the achievement against a yearly target is the sum of the year's periods, so far);
     percentages and yes/no are averaged.
4. **Progress** of a period with a target:
   - with a baseline: (actual − baseline) / (target − baseline) × 100. This works for both
     directions: for "lower is better" target − baseline is negative, and so is the change
     when the value went down. When target equals baseline, progress is 100% if the target is
     met and 0% otherwise.
   - without a baseline: actual / target × 100 for "higher is better"; target / actual × 100
     for "lower is better" (100% when the actual is zero).
5. **Status** from the indicator's own thresholds: on track when progress ≥ on_track_from,
   at risk when ≥ at_risk_from, off track below that. No verified value or no target for the
   latest period with data → "no data yet". Qualitative indicators are not scored.
6. The indicator's summary (`latest_*`, `progress`, `status`) is its **latest indicator
   period with verified data**.

The summary is a cache of derived values: it is written with bulk_update, so it does not
enter the audit trail (the verification that changed it does) and does not bump the
indicator's edit `version` (refreshing must never make someone's open edit form stale).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db.models import Avg, Sum

from simpul.core import public_cache
from simpul.monitoring.models import DataValue, Indicator, Submission, Target
from simpul.monitoring.periods import period_label, period_of, period_short_label

HUNDRED = Decimal(100)
PROGRESS_LIMIT = Decimal("99999.9")  # what Indicator.progress (7 digits, 1 place) can hold
CHUNK = 500
SUMMARY_FIELDS = ["latest_value", "latest_target", "latest_period_end", "progress", "status"]
AVERAGED_KINDS = {Indicator.Kind.PERCENTAGE, Indicator.Kind.BOOLEAN}


def to_decimal(value) -> Decimal | None:
    """Database aggregates come back as Decimal, float (SQLite's AVG) or None."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _mean(values: list[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def combine_parties(values: Iterable[Decimal], kind: str) -> Decimal | None:
    """All parties' totals of one reporting period: a sum, or a mean for percentages/yes-no."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    if kind in AVERAGED_KINDS:
        return _mean(values)
    return sum(values, Decimal(0))


def combine_periods(points: list[tuple[date, Decimal]], *, accumulation: str, kind: str):
    """Reporting periods inside one indicator period → the achievement of that period."""
    points = [(end, value) for end, value in points if value is not None]
    if not points:
        return None
    if accumulation == Indicator.Accumulation.CUMULATIVE:
        return max(points, key=lambda point: point[0])[1]
    values = [value for _end, value in points]
    if kind in AVERAGED_KINDS:
        return _mean(values)
    return sum(values, Decimal(0))


def combine_targets(targets: list[tuple[int, Decimal]], *, accumulation: str, kind: str):
    """Targets of the indicator periods of one year → the year's target (IPTT year column):
    the last period's for cumulative indicators, else a sum (numbers) or mean (percentages)."""
    targets = [(number, value) for number, value in targets if value is not None]
    if not targets:
        return None
    if accumulation == Indicator.Accumulation.CUMULATIVE:
        return max(targets, key=lambda target: target[0])[1]
    values = [value for _number, value in targets]
    if kind in AVERAGED_KINDS:
        return _mean(values)
    return sum(values, Decimal(0))


def compute_progress(
    actual: Decimal | None,
    target: Decimal | None,
    *,
    baseline: Decimal | None,
    direction: str,
) -> Decimal | None:
    """Percent of the way from the baseline (or zero) to the target; see the module doc."""
    if actual is None or target is None:
        return None
    lower_is_better = direction == Indicator.Direction.LOWER
    if baseline is not None:
        if target == baseline:
            met = actual <= target if lower_is_better else actual >= target
            result = HUNDRED if met else Decimal(0)
        else:
            result = (actual - baseline) / (target - baseline) * HUNDRED
    elif lower_is_better:
        result = HUNDRED if actual <= 0 else target / actual * HUNDRED
    elif target == 0:
        result = HUNDRED if actual >= 0 else Decimal(0)
    else:
        result = actual / target * HUNDRED
    result = max(-PROGRESS_LIMIT, min(PROGRESS_LIMIT, result))
    return result.quantize(Decimal("0.1"))


def status_for(progress: Decimal | None, *, on_track_from, at_risk_from) -> str:
    if progress is None:
        return Indicator.Status.NO_DATA
    if progress >= on_track_from:
        return Indicator.Status.ON_TRACK
    if progress >= at_risk_from:
        return Indicator.Status.AT_RISK
    return Indicator.Status.OFF_TRACK


@dataclass
class Point:
    """One period of the indicator's own frequency: target, achievement, progress, status."""

    year: int
    number: int
    label: str
    short_label: str
    target: Decimal | None = None
    actual: Decimal | None = None
    progress: Decimal | None = None
    status: str = Indicator.Status.NO_DATA
    end: date | None = None  # end of the latest reporting period with data in it
    by_party: dict = field(default_factory=dict)  # party id → that party's achievement
    parties_reported: int = 0

    @property
    def key(self) -> tuple[int, int]:
        return (self.year, self.number)

    @property
    def status_label(self) -> str:
        return str(Indicator.Status(self.status).label)


def evaluate(
    indicator: Indicator,
    reported: list[tuple[date, Decimal]],
    targets: dict[tuple[int, int], Decimal | None],
) -> list[Point]:
    """The indicator's periods in order: every period with a target or with data.

    `reported` holds one (reporting period end, all-parties value) pair per reporting period;
    `targets` maps (year, number) of the indicator's frequency to the target value."""
    buckets: dict[tuple[int, int], list[tuple[date, Decimal]]] = defaultdict(list)
    for end, value in reported:
        buckets[period_of(indicator.frequency, end)].append((end, value))
    points = []
    for year, number in sorted(set(buckets) | set(targets)):
        inside = buckets.get((year, number), [])
        actual = combine_periods(inside, accumulation=indicator.accumulation, kind=indicator.kind)
        target = targets.get((year, number))
        progress = compute_progress(
            actual, target, baseline=indicator.baseline_value, direction=indicator.direction
        )
        points.append(
            Point(
                year=year,
                number=number,
                label=period_label(indicator.frequency, year, number),
                short_label=period_short_label(indicator.frequency, year, number),
                target=target,
                actual=actual,
                progress=progress,
                status=status_for(
                    progress,
                    on_track_from=indicator.on_track_from,
                    at_risk_from=indicator.at_risk_from,
                ),
                end=max((end for end, _v in inside), default=None),
            )
        )
    return points


def latest_point(points: list[Point]) -> Point | None:
    with_data = [point for point in points if point.actual is not None]
    return with_data[-1] if with_data else None


def verified_totals(indicator_ids) -> dict[int, list[tuple[date, Decimal]]]:
    """Per indicator, one (period end, all-parties value) pair per reporting period with
    verified data, aggregated in the database (sum and mean; the caller's kind picks one)."""
    rows = (
        DataValue.objects.filter(
            indicator_id__in=indicator_ids,
            option__isnull=True,
            value__isnull=False,
            submission__status=Submission.Status.VERIFIED,
        )
        .values(
            "indicator_id", "indicator__kind", "submission__period_id", "submission__period__end"
        )
        .annotate(total=Sum("value"), mean=Avg("value"))
        .order_by()
    )
    result: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
    for row in rows:
        value = row["mean"] if row["indicator__kind"] in AVERAGED_KINDS else row["total"]
        result[row["indicator_id"]].append((row["submission__period__end"], to_decimal(value)))
    return result


def targets_of(indicator_ids) -> dict[int, dict[tuple[int, int], Decimal | None]]:
    result: dict[int, dict] = defaultdict(dict)
    for indicator_id, year, number, value in Target.objects.filter(
        indicator_id__in=indicator_ids
    ).values_list("indicator_id", "year", "number", "value"):
        result[indicator_id][(year, number)] = value
    return result


def indicator_refresh(indicator_ids: Iterable[int]) -> None:
    """Recompute the summary of these indicators from verified data (three queries per 500
    indicators: indicators, aggregated values, targets, plus the batched update)."""
    ids = sorted({int(pk) for pk in indicator_ids})
    for start in range(0, len(ids), CHUNK):
        _refresh_chunk(ids[start : start + CHUNK])
    if ids:
        # The latest verified values are what public pages, open data and the API show, so
        # every path that changes them (verify, return, targets, baseline) passes here.
        public_cache.bump()


def _refresh_chunk(ids: list[int]) -> None:
    indicators = list(
        Indicator.objects.filter(pk__in=ids).only(
            "pk",
            "kind",
            "frequency",
            "accumulation",
            "direction",
            "baseline_value",
            "on_track_from",
            "at_risk_from",
            *SUMMARY_FIELDS,
        )
    )
    if not indicators:
        return
    totals = verified_totals(ids)
    targets = targets_of(ids)
    for indicator in indicators:
        latest = None
        if indicator.kind != Indicator.Kind.QUALITATIVE:
            latest = latest_point(
                evaluate(indicator, totals.get(indicator.pk, []), targets.get(indicator.pk, {}))
            )
        if latest is None:
            indicator.latest_value = None
            indicator.latest_target = None
            indicator.latest_period_end = None
            indicator.progress = None
            indicator.status = Indicator.Status.NO_DATA
            continue
        indicator.latest_value = latest.actual.quantize(Decimal("0.0001"))
        indicator.latest_target = latest.target
        indicator.latest_period_end = latest.end
        indicator.progress = latest.progress
        indicator.status = latest.status
    Indicator.objects.bulk_update(indicators, SUMMARY_FIELDS, batch_size=CHUNK)
