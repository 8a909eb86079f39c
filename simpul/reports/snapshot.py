"""The data a periodic report shows, gathered once and frozen as plain JSON.

`report_snapshot(report)` reads the agreement, its parties, plan, activities, budget, indicators
(baseline, targets and verified actuals per period in the covered range) and evaluations with
a constant number of queries, whatever the size of the agreement, and returns only JSON-able
values: numbers are decimal strings (no float rounding of money), dates ISO strings, and every
label is already translated into the report's language. The three renderers read only this
dict, so the PDF, DOCX and XLSX of a report always agree, and a report opened years later shows
what was known when it was generated.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from simpul.agreements.models import Party
from simpul.monitoring.models import (
    DataValue,
    Evaluation,
    Finding,
    FollowUp,
    Frequency,
    Indicator,
    Recommendation,
    Submission,
    Target,
)
from simpul.monitoring.periods import (
    period_bounds,
    period_label,
    period_of,
    period_short_label,
    periods_between,
)
from simpul.plans.models import Activity, Plan
from simpul.plans.selectors import approved_budget_by_party_year

SCHEMA = 1
# Activities still open after their end date.
OPEN_ACTIVITY_STATUSES = (
    Activity.Status.PLANNED,
    Activity.Status.IN_PROGRESS,
    Activity.Status.DELAYED,
)


def num(value) -> str | None:
    """A Decimal (or int) as a plain decimal string without exponent or trailing zeros."""
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return format(value.quantize(Decimal(1)), "f")
    return format(value.normalize(), "f")


def iso(day) -> str | None:
    return day.isoformat() if day else None


def report_snapshot(report) -> dict:
    agreement = report.agreement
    start, end = report.period_start, report.period_end
    parties = list(
        Party.objects.filter(agreement=agreement)
        .select_related("organization", "organization__region")
        .order_by("position", "pk")
    )
    return {
        "schema": SCHEMA,
        "taken_at": timezone.now().isoformat(),
        "language": report.language,
        "title": report.title,
        "period": {"start": iso(start), "end": iso(end)},
        "addressee": report.addressee,
        "addressee_label": str(report.get_addressee_display()),
        "agreement": _agreement(agreement),
        "parties": [
            {
                "id": party.pk,
                "name": party.organization.name,
                "role": str(party.get_role_display()),
                "region": party.organization.region.name if party.organization.region else "",
            }
            for party in parties
        ],
        "plan": _plan(agreement),
        "activities": _activities(agreement, end),
        "budget": _budget(agreement, start, end),
        "indicators": _indicators(agreement, start, end),
        "evaluations": _evaluations(agreement, start, end),
    }


def _agreement(agreement) -> dict:
    return {
        "id": agreement.pk,
        "reference_code": agreement.reference_code,
        "title": agreement.title,
        "family": str(agreement.get_family_display()),
        "category": str(agreement.get_category_display()) if agreement.category else "",
        "state": agreement.state,
        "start_date": iso(agreement.start_date),
        "end_date": iso(agreement.end_date),
        "owner": agreement.owner.name,
        "objectives": agreement.objectives,
        "scope": agreement.scope,
    }


def _plan(agreement) -> dict | None:
    plan = Plan.objects.filter(agreement=agreement).first()
    if plan is None:
        return None
    return {
        "status": plan.status,
        "status_label": str(plan.get_status_display()),
        "number": plan.number,
        "approved_at": plan.approved_at.date().isoformat() if plan.approved_at else None,
    }


def _activities(agreement, end: date) -> dict:
    counts = dict(
        Activity.objects.filter(plan__agreement=agreement)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    overdue = (
        Activity.objects.filter(
            plan__agreement=agreement, status__in=OPEN_ACTIVITY_STATUSES, end_date__lt=end
        )
        .select_related("program", "responsible__organization")
        .order_by("end_date", "pk")
    )
    return {
        "total": sum(counts.values()),
        "by_status": [
            {"status": value, "label": str(label), "count": counts.get(value, 0)}
            for value, label in Activity.Status.choices
        ],
        "overdue": [
            {
                "name": activity.name,
                "program": activity.program.name,
                "end_date": iso(activity.end_date),
                "responsible": activity.responsible.organization.name
                if activity.responsible
                else "",
                "status_label": str(activity.get_status_display()),
                "progress": activity.progress,
            }
            for activity in overdue
        ],
    }


def _absorption(planned: Decimal, realised: Decimal) -> str | None:
    if not planned:
        return None
    return num((realised * 100 / planned).quantize(Decimal("0.1")))


def _budget(agreement, start: date, end: date) -> dict:
    rows = []
    totals = defaultdict(lambda: [Decimal(0), Decimal(0)])
    # The approved plan version's budget: a report may be published, a draft revision not.
    for row in approved_budget_by_party_year(agreement):
        year = row["fiscal_year"]
        if not start.year <= year <= end.year:
            continue
        planned, realised = Decimal(row["planned"] or 0), Decimal(row["realised"] or 0)
        totals[year][0] += planned
        totals[year][1] += realised
        rows.append(
            {
                "party": row["organization_name"],
                "year": year,
                "planned": num(planned),
                "realised": num(realised),
                "absorption": _absorption(planned, realised),
                "over_plan": realised > planned,
            }
        )
    by_year = [
        {
            "year": year,
            "planned": num(planned),
            "realised": num(realised),
            "absorption": _absorption(planned, realised),
        }
        for year, (planned, realised) in sorted(totals.items())
    ]
    planned = sum((v[0] for v in totals.values()), Decimal(0))
    realised = sum((v[1] for v in totals.values()), Decimal(0))
    return {
        "rows": rows,
        "by_year": by_year,
        "total": {
            "planned": num(planned),
            "realised": num(realised),
            "absorption": _absorption(planned, realised),
        },
    }


def _actuals(agreement, start: date, end: date) -> dict:
    """Verified totals (option None) summed over parties, per indicator and reporting period,
    in one aggregate query: {indicator_id: [(period start, frequency, year, number, total)]}."""
    rows = (
        DataValue.objects.filter(
            indicator__agreement=agreement,
            option__isnull=True,
            value__isnull=False,
            submission__status=Submission.Status.VERIFIED,
            submission__period__end__gte=start,
            submission__period__start__lte=end,
        )
        .values(
            "indicator_id",
            "submission__period__start",
            "submission__period__frequency",
            "submission__period__year",
            "submission__period__number",
        )
        .annotate(total=Sum("value"))
        .order_by()
    )
    actuals = defaultdict(list)
    for row in rows:
        actuals[row["indicator_id"]].append((row["submission__period__start"], row["total"]))
    return actuals


def _indicator_periods(indicator, start, end, targets, actuals) -> list[dict]:
    """The indicator's own periods in the covered range, each with its target and actual.
    Data reported more often than the indicator's frequency is rolled up: summed for
    per-period values, the latest kept for cumulative ones."""
    frequency = indicator.frequency
    rolled: dict[tuple[int, int], Decimal] = {}
    for period_start, total in sorted(actuals, key=lambda item: item[0]):
        key = period_of(frequency, period_start)
        if key in rolled and indicator.accumulation == Indicator.Accumulation.PER_PERIOD:
            rolled[key] += total
        else:
            rolled[key] = total
    periods = []
    for year, number in periods_between(frequency, start, end):
        target = targets.get((year, number))
        period_end = period_bounds(frequency, year, number)[1]
        periods.append(
            {
                "year": year,
                "number": number,
                "label": period_label(frequency, year, number),
                "short_label": period_short_label(frequency, year, number),
                "end": iso(period_end),
                "target": num(target.value) if target else None,
                "target_text": target.text if target else "",
                "actual": num(rolled.get((year, number))),
            }
        )
    return periods


def _indicators(agreement, start: date, end: date) -> list[dict]:
    indicators = list(
        Indicator.objects.filter(agreement=agreement)
        .select_related("responsible_party__organization", "objective", "result")
        .order_by("position", "code", "pk")
    )
    targets = defaultdict(dict)
    for target in Target.objects.filter(
        indicator__agreement=agreement, year__gte=start.year, year__lte=end.year
    ):
        targets[target.indicator_id][(target.year, target.number)] = target
    actuals = _actuals(agreement, start, end)
    result = []
    for indicator in indicators:
        result.append(
            {
                "id": indicator.pk,
                "code": indicator.code,
                "name": indicator.name,
                "definition": indicator.definition,
                "unit": indicator.unit,
                "kind": indicator.kind,
                "kind_label": str(indicator.get_kind_display()),
                "direction": indicator.direction,
                "direction_label": str(indicator.get_direction_display()),
                "accumulation_label": str(indicator.get_accumulation_display()),
                "frequency": indicator.frequency,
                "frequency_label": str(Frequency(indicator.frequency).label),
                "objective": str(indicator.objective) if indicator.objective else "",
                "result": str(indicator.result) if indicator.result else "",
                "responsible": indicator.responsible_party.organization.name
                if indicator.responsible_party
                else "",
                "baseline_value": num(indicator.baseline_value),
                "baseline_date": iso(indicator.baseline_date),
                "latest_value": num(indicator.latest_value),
                "latest_target": num(indicator.latest_target),
                "latest_period_end": iso(indicator.latest_period_end),
                "progress": num(indicator.progress),
                "status": indicator.status,
                "status_label": str(indicator.get_status_display()),
                "on_track_from": num(indicator.on_track_from),
                "at_risk_from": num(indicator.at_risk_from),
                "weight": num(indicator.weight),
                "periods": _indicator_periods(
                    indicator, start, end, targets[indicator.pk], actuals.get(indicator.pk, [])
                ),
            }
        )
    return result


def indicator_status_counts(snapshot: dict) -> list[dict]:
    counts = defaultdict(int)
    for indicator in snapshot["indicators"]:
        counts[indicator["status"]] += 1
    return [
        {"status": value, "label": str(label), "count": counts.get(value, 0)}
        for value, label in Indicator.Status.choices
    ]


def _evaluations(agreement, start: date, end: date) -> list[dict]:
    in_range = Q(agreement=agreement, period_end__gte=start, period_start__lte=end)
    evaluations = list(Evaluation.objects.filter(in_range).order_by("period_start", "pk"))
    ids = [evaluation.pk for evaluation in evaluations]
    findings = defaultdict(list)
    recommendations = defaultdict(list)
    follow_ups = defaultdict(list)
    if ids:
        for finding in Finding.objects.filter(evaluation_id__in=ids).order_by(
            "evaluation_id", "position", "pk"
        ):
            findings[finding.evaluation_id].append(
                {
                    "kind": finding.kind,
                    "kind_label": str(finding.get_kind_display()),
                    "text": finding.text,
                }
            )
        recommendation_rows = list(
            Recommendation.objects.filter(evaluation_id__in=ids).order_by(
                "evaluation_id", "position", "pk"
            )
        )
        for follow_up in (
            FollowUp.objects.filter(recommendation__evaluation_id__in=ids)
            .select_related("owner__organization")
            .order_by("due_date", "pk")
        ):
            follow_ups[follow_up.recommendation_id].append(
                {
                    "action": follow_up.action,
                    "owner": follow_up.owner.organization.name,
                    "due_date": iso(follow_up.due_date),
                    "status": follow_up.status,
                    "status_label": str(follow_up.get_status_display()),
                    "done_on": iso(follow_up.done_on),
                }
            )
        for recommendation in recommendation_rows:
            recommendations[recommendation.evaluation_id].append(
                {"text": recommendation.text, "follow_ups": follow_ups[recommendation.pk]}
            )
    return [
        {
            "id": evaluation.pk,
            "title": evaluation.title,
            "period_start": iso(evaluation.period_start),
            "period_end": iso(evaluation.period_end),
            "conducted_on": iso(evaluation.conducted_on),
            "status": evaluation.status,
            "status_label": str(evaluation.get_status_display()),
            "method": evaluation.method,
            "summary": evaluation.summary,
            "proposes_revision": evaluation.proposes_revision,
            "revision_note": evaluation.revision_note,
            "findings": findings[evaluation.pk],
            "recommendations": recommendations[evaluation.pk],
        }
        for evaluation in evaluations
    ]


def key_figures(snapshot: dict) -> dict:
    """The handful of numbers the report page and the summary sheet lead with."""
    indicators = snapshot["indicators"]
    budget = snapshot["budget"]["total"]
    follow_ups = [
        f
        for evaluation in snapshot["evaluations"]
        for recommendation in evaluation["recommendations"]
        for f in recommendation["follow_ups"]
    ]
    return {
        "indicators": len(indicators),
        "on_track": sum(1 for i in indicators if i["status"] == "on_track"),
        "at_risk": sum(1 for i in indicators if i["status"] == "at_risk"),
        "off_track": sum(1 for i in indicators if i["status"] == "off_track"),
        "no_data": sum(1 for i in indicators if i["status"] == "no_data"),
        "activities": snapshot["activities"]["total"],
        "overdue_activities": len(snapshot["activities"]["overdue"]),
        "budget_planned": budget["planned"],
        "budget_realised": budget["realised"],
        "budget_absorption": budget["absorption"],
        "evaluations": len(snapshot["evaluations"]),
        "open_follow_ups": sum(1 for f in follow_ups if f["status"] in ("open", "in_progress")),
    }
