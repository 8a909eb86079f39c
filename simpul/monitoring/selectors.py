"""Reads of monitoring analysis: an indicator's series, the Indicator Performance Tracking
Table (IPTT), an agreement's results and the regional/national overview.

Nothing here decides who sees what: callers pass an agreement they got from access.py, or a
user whose visible agreements (agreements.access.agreements_visible_to) scope the overview.
Every function runs a fixed number of queries whatever the number of rows, and sums, counts
and averages run in the database (values().annotate() / aggregate()); Python only arranges
the aggregated rows. The measurement rules are in services/analysis.py and, for people, in
`RULES` below (shown on the pages).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from simpul.agreements.access import agreements_visible_to
from simpul.agreements.models import Agreement, Family, Party
from simpul.agreements.selectors import state_choices
from simpul.organizations.access import (
    memberships_of,
    user_oversees_everything,
)
from simpul.organizations.models import Organization
from simpul.plans.models import BudgetLine
from simpul.plans.selectors import (
    absorption_rate,
    budget_by_party_year,
    budget_table,
)
from simpul.regions.models import Region

from .models import (
    DataValue,
    DisaggregationOption,
    Frequency,
    Indicator,
    ReportingPeriod,
    Submission,
)
from .periods import period_bounds, period_label, period_of, period_short_label
from .services.analysis import (
    AVERAGED_KINDS,
    Point,
    combine_parties,
    combine_periods,
    combine_targets,
    compute_progress,
    evaluate,
    latest_point,
    status_for,
    targets_of,
    to_decimal,
    verified_totals,
)

# Shown on the dashboard, the indicator page and the IPTT, so people can check the numbers.
RULES = {
    "verified": _(
        "Only verified data counts: drafts, data awaiting verification and returned "
        "data are left out."
    ),
    "parties": _(
        "All parties together: numbers are added up over the parties that reported; "
        "percentages and yes/no answers are the simple average over the parties "
        "that reported (each party counts once)."
    ),
    "cumulative": _(
        "Cumulative indicators (each value is the total so far): the latest "
        "reported value is the achievement."
    ),
    "per_period": _(
        "Per-period indicators (each value counts that period only): the "
        "achievement against a target is the sum of the reporting periods inside "
        "the target's period (for example, the year's quarters against a yearly "
        "target); percentages and yes/no answers are averaged instead."
    ),
    "progress": _(
        "Progress = (actual − baseline) ÷ (target − baseline) × 100 when there is a "
        "baseline, otherwise actual ÷ target × 100 (target ÷ actual × 100 when lower "
        "is better)."
    ),
    "status": _(
        "Status compares the progress of the latest period with verified data to "
        "each indicator's thresholds."
    ),
    "rollup": _(
        "The roll-up score is the average progress of the scored indicators weighted "
        "by their weights; each indicator's progress counts between 0% and 100%, so one "
        "indicator far above its target cannot hide another one below."
    ),
}

DELIVERED = [Submission.Status.SUBMITTED, Submission.Status.VERIFIED]
STATUS_ORDER = [
    Indicator.Status.OFF_TRACK,
    Indicator.Status.AT_RISK,
    Indicator.Status.ON_TRACK,
    Indicator.Status.NO_DATA,
]
TOP = 10
_SCORE = DecimalField(max_digits=20, decimal_places=4)


def _english() -> bool:
    return (get_language() or "id").startswith("en")


def status_label(status: str) -> str:
    return str(Indicator.Status(status).label)


# --- One indicator ---------------------------------------------------------------------------


def indicator_series(indicator: Indicator) -> list[Point]:
    """The indicator's periods (its own frequency) in order, each with the target, the
    achievement of all parties, progress and status, and `by_party` (party id → that party's
    own achievement) and `parties_reported`. Two queries."""
    rows = DataValue.objects.filter(
        indicator=indicator,
        option__isnull=True,
        value__isnull=False,
        submission__status=Submission.Status.VERIFIED,
    ).values_list("submission__period__end", "submission__party_id", "value")
    per_period: dict[date, list[Decimal]] = defaultdict(list)
    per_party: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
    for end, party_id, value in rows:
        per_period[end].append(value)
        per_party[party_id].append((end, value))
    reported = [
        (end, combine_parties(values, indicator.kind)) for end, values in per_period.items()
    ]
    points = evaluate(indicator, reported, targets_of([indicator.pk]).get(indicator.pk, {}))
    by_key = {point.key: point for point in points}
    for party_id, values in per_party.items():
        buckets: dict[tuple[int, int], list] = defaultdict(list)
        for end, value in values:
            buckets[period_of(indicator.frequency, end)].append((end, value))
        for key, inside in buckets.items():
            point = by_key[key]
            point.by_party[party_id] = combine_periods(
                inside, accumulation=indicator.accumulation, kind=indicator.kind
            )
            point.parties_reported += 1
    return points


def indicator_page(indicator: Indicator) -> dict:
    """What the indicator page shows: the series with each party's values in party order,
    the parties that reported, the latest point and the latest qualitative findings."""
    points = indicator_series(indicator)
    parties = list(
        Party.objects.filter(agreement_id=indicator.agreement_id).select_related("organization")
    )
    reporting = [p for p in parties if any(p.pk in point.by_party for point in points)]
    for point in points:
        point.party_values = [point.by_party.get(party.pk) for party in reporting]
    findings = []
    if indicator.kind == Indicator.Kind.QUALITATIVE:
        findings = list(
            DataValue.objects.filter(
                indicator=indicator,
                option__isnull=True,
                submission__status=Submission.Status.VERIFIED,
            )
            .exclude(text="")
            .select_related("submission__period", "submission__party__organization")
            .order_by("-submission__period__end", "submission__party__position")[:20]
        )
    return {
        "points": points,
        "parties": reporting,
        "latest": latest_point(points),
        "findings": findings,
    }


# --- IPTT -----------------------------------------------------------------------------------


@dataclass
class Cell:
    target: Decimal | None = None
    actual: Decimal | None = None
    progress: Decimal | None = None
    status: str = ""

    @property
    def status_label(self) -> str:
        return status_label(self.status) if self.status else ""


@dataclass
class Column:
    year: int
    number: int | None  # None: the year's total column
    label: str

    @property
    def key(self):
        return (self.year, self.number)

    @property
    def is_year(self) -> bool:
        return self.number is None


@dataclass
class IpttRow:
    kind: str  # "total", "party" or "option"
    label: str
    cells: list[Cell] = field(default_factory=list)


@dataclass
class IpttIndicator:
    indicator: Indicator
    rows: list[IpttRow]


@dataclass
class IpttGroup:
    frequency: str
    label: str
    columns: list[Column]
    indicators: list[IpttIndicator]


def _bucket(indicator, reported):
    """(reporting period end, value) pairs → {(year, number): achievement}."""
    buckets: dict[tuple[int, int], list] = defaultdict(list)
    for end, value in reported:
        buckets[period_of(indicator.frequency, end)].append((end, value))
    return {
        key: combine_periods(inside, accumulation=indicator.accumulation, kind=indicator.kind)
        for key, inside in buckets.items()
    }


def _year_actual(indicator, achieved: dict, year: int):
    inside = [
        (period_bounds(indicator.frequency, y, n)[1], value)
        for (y, n), value in achieved.items()
        if y == year
    ]
    return combine_periods(inside, accumulation=indicator.accumulation, kind=indicator.kind)


def iptt(agreement: Agreement) -> list[IpttGroup]:
    """The Indicator Performance Tracking Table: for each frequency used by the agreement's
    indicators, one table of indicators × periods (and, except for yearly indicators, a year
    column after each year's periods) with target, actual and progress, then one row per party
    and per disaggregation option (actuals). Seven queries whatever the size."""
    indicators = list(
        Indicator.objects.filter(agreement=agreement)
        .exclude(kind=Indicator.Kind.QUALITATIVE)
        .order_by("position", "code", "pk")
    )
    ids = [indicator.pk for indicator in indicators]
    targets = targets_of(ids)
    totals = verified_totals(ids)
    verified = DataValue.objects.filter(
        indicator_id__in=ids,
        value__isnull=False,
        submission__status=Submission.Status.VERIFIED,
    )
    party_values: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for indicator_id, party_id, end, value in verified.filter(option__isnull=True).values_list(
        "indicator_id", "submission__party_id", "submission__period__end", "value"
    ):
        party_values[indicator_id][party_id].append((end, value))
    option_values: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for row in (
        verified.filter(option__isnull=False)
        .values("indicator_id", "indicator__kind", "option_id", "submission__period__end")
        .annotate(total=Sum("value"), mean=Avg("value"))
        .order_by()
    ):
        value = row["mean"] if row["indicator__kind"] in AVERAGED_KINDS else row["total"]
        option_values[row["indicator_id"]][row["option_id"]].append(
            (row["submission__period__end"], to_decimal(value))
        )
    option_ids = {o for options in option_values.values() for o in options}
    options = {
        option.pk: option
        for option in DisaggregationOption.objects.filter(pk__in=option_ids).select_related(
            "disaggregation"
        )
    }
    parties = list(Party.objects.filter(agreement=agreement).select_related("organization"))
    english = _english()

    def option_label(option) -> str:
        if english:
            return f"{option.disaggregation.name_en}: {option.name_en}"
        return f"{option.disaggregation.name_id}: {option.name_id}"

    groups: dict[str, dict] = {}
    for indicator in indicators:
        points = {
            p.key: p
            for p in evaluate(indicator, totals.get(indicator.pk, []), targets[indicator.pk])
        }
        group = groups.setdefault(indicator.frequency, {"keys": set(), "items": []})
        group["keys"].update(points)
        breakdown = []
        for party in parties:
            values = party_values[indicator.pk].get(party.pk)
            if values:
                breakdown.append(("party", party.organization.name, _bucket(indicator, values)))
        for option_id in sorted(
            option_values[indicator.pk],
            key=lambda pk: (options[pk].disaggregation.position, options[pk].position, pk),
        ):
            achieved = _bucket(indicator, option_values[indicator.pk][option_id])
            breakdown.append(("option", option_label(options[option_id]), achieved))
        group["items"].append((indicator, points, breakdown))

    result = []
    for frequency in sorted(groups, key=list(Frequency.values).index):
        group = groups[frequency]
        columns = _columns(frequency, group["keys"])
        items = []
        for indicator, points, breakdown in group["items"]:
            total = IpttRow("total", str(_("All parties")))
            achieved = {key: point.actual for key, point in points.items()}
            for column in columns:
                total.cells.append(_total_cell(indicator, column, points, achieved))
            rows = [total]
            for kind, label, values in breakdown:
                row = IpttRow(kind, label)
                for column in columns:
                    actual = (
                        _year_actual(indicator, values, column.year)
                        if column.is_year
                        else values.get(column.key)
                    )
                    row.cells.append(Cell(actual=actual))
                rows.append(row)
            items.append(IpttIndicator(indicator, rows))
        result.append(
            IpttGroup(
                frequency=frequency,
                label=str(Frequency(frequency).label),
                columns=columns,
                indicators=items,
            )
        )
    return result


def _columns(frequency: str, keys) -> list[Column]:
    columns = []
    years = sorted({year for year, _number in keys})
    for year in years:
        numbers = sorted(number for y, number in keys if y == year)
        for number in numbers:
            label = (
                str(year) if frequency == "yearly" else period_short_label(frequency, year, number)
            )
            columns.append(Column(year, number, label))
        if frequency != "yearly":
            columns.append(Column(year, None, str(_("Year %(year)s")) % {"year": year}))
    return columns


def _total_cell(indicator, column: Column, points: dict, achieved: dict) -> Cell:
    if not column.is_year:
        point = points.get(column.key)
        if point is None:
            return Cell()
        return Cell(point.target, point.actual, point.progress, point.status)
    year_targets = [
        (number, point.target) for (y, number), point in points.items() if y == column.year
    ]
    target = combine_targets(year_targets, accumulation=indicator.accumulation, kind=indicator.kind)
    actual = _year_actual(indicator, achieved, column.year)
    progress = compute_progress(
        actual, target, baseline=indicator.baseline_value, direction=indicator.direction
    )
    status = status_for(
        progress, on_track_from=indicator.on_track_from, at_risk_from=indicator.at_risk_from
    )
    return Cell(target, actual, progress, status)


def iptt_csv_rows(groups: list[IpttGroup]):
    """The IPTT in long form (one line per indicator, breakdown and period), the shape a
    spreadsheet pivot table or a statistics package reads directly. Values are plain
    numbers with a dot; callers neutralise formula-like text."""
    yield [
        str(_("Indicator code")),
        str(_("Indicator")),
        str(_("Unit")),
        str(_("Frequency")),
        str(_("Values are")),
        str(_("Breakdown")),
        str(_("Period")),
        str(_("Target")),
        str(_("Actual")),
        str(_("Progress (%)")),
        str(_("Status")),
    ]
    for group in groups:
        for item in group.indicators:
            indicator = item.indicator
            for row in item.rows:
                for column, cell in zip(group.columns, row.cells, strict=True):
                    if cell.target is None and cell.actual is None:
                        continue
                    yield [
                        indicator.code,
                        indicator.name,
                        indicator.unit,
                        group.label,
                        indicator.get_accumulation_display(),
                        row.label,
                        column.label,
                        _plain(cell.target),
                        _plain(cell.actual),
                        _plain(cell.progress),
                        status_label(cell.status) if cell.status else "",
                    ]


def _plain(value) -> str:
    if value is None:
        return ""
    value = Decimal(value).quantize(Decimal("0.0001")).normalize()
    return format(value, "f")


# --- One agreement's results ------------------------------------------------------------------


def agreement_results(agreement: Agreement) -> dict:
    """Counts of indicators by status, the weighted roll-up score and each indicator's
    latest values with its weight and share of the roll-up. Two queries."""
    scored = Q(progress__isnull=False) & ~Q(kind=Indicator.Kind.QUALITATIVE)
    capped = Least(Greatest(F("progress"), Value(Decimal(0))), Value(Decimal(100)))
    totals = Indicator.objects.filter(agreement=agreement).aggregate(
        total=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in Indicator.Status.values},
        scored_weight=Sum("weight", filter=scored),
        weighted=Sum(ExpressionWrapper(F("weight") * capped, output_field=_SCORE), filter=scored),
    )
    scored_weight = to_decimal(totals["scored_weight"])
    score = None
    if scored_weight:
        score = (to_decimal(totals["weighted"]) / scored_weight).quantize(Decimal("0.1"))
    indicators = list(
        Indicator.objects.filter(agreement=agreement)
        .select_related("result", "responsible_party__organization")
        .order_by("position", "code", "pk")
    )
    for indicator in indicators:
        indicator.counts_in_rollup = (
            indicator.progress is not None and indicator.kind != Indicator.Kind.QUALITATIVE
        )
        indicator.rollup_share = (
            (indicator.weight * 100 / scored_weight).quantize(Decimal("0.1"))
            if indicator.counts_in_rollup and scored_weight
            else None
        )
        indicator.bar = _bar(indicator.progress)
    return {
        "total": totals["total"],
        "by_status": [
            {"status": status, "label": status_label(status), "count": totals[status]}
            for status in STATUS_ORDER
        ],
        "score": score,
        "score_bar": _bar(score),
        "scored_weight": scored_weight,
        "indicators": indicators,
    }


def _bar(progress) -> int:
    """Width of a progress bar in whole percent, 0..100."""
    if progress is None:
        return 0
    return int(max(Decimal(0), min(Decimal(100), Decimal(progress))))


def agreement_budget(agreement: Agreement) -> dict:
    """Planned vs realised by party and year (plans.selectors), one query."""
    rows = budget_by_party_year(agreement)
    return {"rows": rows, "table": budget_table(rows)}


# --- Regional and national overview ---------------------------------------------------------


@dataclass
class Scope:
    """Whose agreements an overview shows: `national`, a `province`, a `region` (a regency
    or city) or, for everyone else, `own` (the agreements they take part in)."""

    kind: str
    region: Region | None = None

    @property
    def region_ids(self) -> list[int] | None:
        return [self.region.pk] if self.region is not None else None


GOVERNMENT_SIDE = Organization.REGIONAL_KINDS


def overview_scope(user, *, province: Region | None = None) -> Scope:
    """The default scope of the /pemantauan/ page: national for Kemendagri and platform
    administrators (optionally narrowed to one province), the province of a province
    government's member, the region of a regional government's (or its agency's or council's)
    member, and otherwise the user's own agreements."""
    if user_oversees_everything(user):
        if province is not None:
            return Scope("province", province)
        return Scope("national")
    memberships = memberships_of(user)
    for membership in memberships:
        if membership.organization.is_province_government and membership.organization.region:
            return Scope("province", membership.organization.region)
    for membership in memberships:
        organization = membership.organization
        if organization.kind in GOVERNMENT_SIDE and organization.region:
            region = organization.region
            return Scope("province" if region.is_province else "region", region)
    return Scope("own")


def scoped_agreements(user, region_ids=None) -> QuerySet[Agreement]:
    """The agreements the user may see, restricted to those with a party in one of the
    regions (a province includes its regencies and cities) when region_ids is given."""
    agreements = agreements_visible_to(user)
    if region_ids is not None:
        parties = Party.objects.filter(
            Q(organization__region_id__in=region_ids)
            | Q(organization__region__parent_id__in=region_ids)
        )
        agreements = agreements.filter(pk__in=parties.values("agreement_id"))
    return agreements


def _count_subquery(queryset, group_by: str):
    return Coalesce(
        Subquery(
            queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def late_periods(agreement_ids, today: date | None = None) -> QuerySet[ReportingPeriod]:
    """Open reporting periods, each annotated with `missing`: how many parties' data for it
    is marked late (Submission.is_late, decided in each party's zone) and still not
    submitted or verified. `today` is kept for callers; the stored decision needs no date.
    Entirely in SQL."""
    missing = Submission.objects.filter(period_id=OuterRef("pk"), is_late=True).exclude(
        status__in=DELIVERED
    )
    periods = ReportingPeriod.objects.filter(status=ReportingPeriod.Status.OPEN)
    if agreement_ids is not None:  # None: every agreement (national scope)
        periods = periods.filter(agreement_id__in=agreement_ids)
    return periods.annotate(missing=_count_subquery(missing, "period_id"))


def overview(user, region_ids=None, *, today: date | None = None) -> dict:
    """The regional/national dashboard of the agreements `user` may see (restricted to
    region_ids when given): counts of agreements by state and family, indicators by status,
    late data, budget absorption and the indicators furthest off track. Eight queries (plus
    the user's memberships, cached per request), whatever the number of agreements,
    indicators or values."""
    today = today or timezone.localdate()
    agreements = scoped_agreements(user, region_ids)
    # A national viewer sees every agreement: filtering each aggregate by "agreement in all
    # agreements" would only add a semi-join over 20,000 rows to every query.
    everything = region_ids is None and user_oversees_everything(user)
    agreement_ids = None if everything else agreements.values("pk")

    def in_scope(queryset, path: str = "agreement_id"):
        return queryset if everything else queryset.filter(**{f"{path}__in": agreement_ids})

    states: dict[str, int] = defaultdict(int)
    families: dict[str, int] = defaultdict(int)
    for row in agreements.order_by().values("state", "family").annotate(n=Count("pk")):
        states[row["state"]] += row["n"]
        families[row["family"]] += row["n"]
    state_names = dict(state_choices())
    family_names = dict(Family.choices)

    status_counts = dict.fromkeys(Indicator.Status.values, 0)
    for row in (
        in_scope(Indicator.objects.all()).order_by().values("status").annotate(n=Count("pk"))
    ):
        status_counts[row["status"]] = row["n"]

    # One pass over the late periods, grouped by agreement; totals are summed from the rows.
    late_rows = list(
        late_periods(agreement_ids, today)
        .filter(missing__gt=0)
        .values("agreement_id", "agreement__reference_code", "agreement__title")
        .annotate(late=Sum("missing"))
        .order_by("-late", "agreement__reference_code")
    )
    late_agreements = late_rows[:TOP]

    budget_years = [
        {
            "fiscal_year": row["fiscal_year"],
            "planned": row["planned"],
            "realised": row["realised"],
            "absorption": absorption_rate(row["planned"], row["realised"]),
        }
        for row in in_scope(BudgetLine.objects.all(), "plan__agreement_id")
        .order_by("fiscal_year")
        .values("fiscal_year")
        .annotate(planned=Sum("planned"), realised=Sum("realised"))
    ]

    planned = sum((row["planned"] or 0 for row in budget_years), Decimal(0))
    realised = sum((row["realised"] or 0 for row in budget_years), Decimal(0))
    budget = {
        "planned": planned,
        "realised": realised,
        "absorption": absorption_rate(planned, realised),
    }

    off_track = list(
        in_scope(Indicator.objects.filter(status=Indicator.Status.OFF_TRACK))
        .select_related("agreement")
        .only(
            "pk",
            "code",
            "name",
            "unit",
            "progress",
            "latest_value",
            "latest_target",
            "latest_period_end",
            "on_track_from",
            "at_risk_from",
            "status",
            "agreement__id",
            "agreement__reference_code",
            "agreement__title",
        )
        .order_by("progress", "pk")[:TOP]
    )
    for indicator in off_track:
        indicator.bar = _bar(indicator.progress)

    total = sum(states.values())
    return {
        "agreements_total": total,
        "by_state": [
            {"code": code, "label": state_names.get(code, code), "count": n}
            for code, n in sorted(states.items(), key=lambda item: (-item[1], item[0]))
        ],
        "by_family": [
            {"code": code, "label": str(family_names.get(code, code)), "count": n}
            for code, n in sorted(families.items(), key=lambda item: (-item[1], item[0]))
        ],
        "indicators_total": sum(status_counts.values()),
        "by_status": [
            {"status": status, "label": status_label(status), "count": status_counts[status]}
            for status in STATUS_ORDER
        ],
        "late_missing": sum(row["late"] for row in late_rows),
        "late_agreements_count": len(late_rows),
        "late_agreements": late_agreements,
        "budget": budget,
        "budget_bar": _bar(budget["absorption"]),
        "budget_years": budget_years,
        "off_track": off_track,
    }


def province_choices() -> QuerySet[Region]:
    return Region.objects.current().without_geometry().provinces().order_by("code")


def region_by_code(code: str) -> Region | None:
    return Region.objects.current().without_geometry().filter(code=code).first()


__all__ = [
    "RULES",
    "Scope",
    "agreement_budget",
    "agreement_results",
    "indicator_page",
    "indicator_series",
    "iptt",
    "iptt_csv_rows",
    "overview",
    "overview_scope",
    "period_label",
    "province_choices",
    "region_by_code",
    "scoped_agreements",
]
