"""Reads of cooperation plans: the plan page and the budget aggregates other apps reuse
(the monitoring dashboards and the periodic reports).

Sums always run in the database (`values().annotate(Sum)` / `aggregate`); Python only divides
the few aggregated rows to get absorption rates.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from simpul.agreements.models import Agreement, Party

from .models import (
    Activity,
    ApprovedBudgetLine,
    BudgetLine,
    NeedsAssessment,
    Objective,
    Plan,
    PlanEvent,
    PlanVersion,
    Program,
    Risk,
    Strategy,
)

ZERO = Decimal(0)
_MONEY = DecimalField(max_digits=20, decimal_places=2)


def absorption_rate(planned, realised) -> Decimal | None:
    """Realised as a percentage of planned, to one decimal; None when nothing was planned."""
    planned = planned or ZERO
    realised = realised or ZERO
    if not planned:
        return None
    return (Decimal(realised) * 100 / Decimal(planned)).quantize(Decimal("0.1"))


def _money_sum(field: str):
    return Coalesce(Sum(field), Value(ZERO), output_field=_MONEY)


def _by_party_year(lines: QuerySet, name_field: str) -> list[dict]:
    rows = (
        lines.values("party_id", name_field, "party__position", "fiscal_year")
        .annotate(planned=_money_sum("planned"), realised=_money_sum("realised"))
        .order_by("party__position", "party_id", "fiscal_year")
    )
    return [
        {
            "party_id": row["party_id"],
            "organization_name": row[name_field],
            "fiscal_year": row["fiscal_year"],
            "planned": row["planned"],
            "realised": row["realised"],
            "absorption": absorption_rate(row["planned"], row["realised"]),
            "over_plan": row["realised"] > row["planned"],
        }
        for row in rows
    ]


def _agreement_id(agreement: Agreement | int) -> int:
    return agreement if isinstance(agreement, int) else agreement.pk


def budget_by_party_year(agreement: Agreement | int) -> list[dict]:
    """Planned and realised budget of an agreement's live plan (the draft its members work
    on) per party and fiscal year, in one query, ordered by the party's position then the
    year. Internal pages only: the public reads approved_budget_by_party_year.

    Each row: party_id, organization_name, fiscal_year, planned, realised, absorption
    (Decimal percent or None when nothing was planned), over_plan (realised > planned)."""
    return _by_party_year(
        BudgetLine.objects.filter(plan__agreement_id=_agreement_id(agreement)),
        "party__organization__name",
    )


def approved_budget_by_party_year(agreement: Agreement | int) -> list[dict]:
    """The same rows from the latest approved plan version (ApprovedBudgetLine): what the
    public, the scorecard and reports read, so a draft revision never shows. Empty before the
    first approval."""
    return _by_party_year(
        ApprovedBudgetLine.objects.filter(plan__agreement_id=_agreement_id(agreement)),
        "party_name",
    )


def _totals(lines: QuerySet) -> dict:
    totals = lines.aggregate(planned=_money_sum("planned"), realised=_money_sum("realised"))
    planned = totals["planned"] or ZERO
    realised = totals["realised"] or ZERO
    return {
        "planned": planned,
        "realised": realised,
        "absorption": absorption_rate(planned, realised),
    }


def budget_totals(agreement_ids: QuerySet | list | None) -> dict:
    """Planned, realised and absorption over the live plans of many agreements, in one query
    (the national and regional dashboards pass a queryset of agreement ids; None means every
    agreement, which spares the database a semi-join over all of them)."""
    lines = BudgetLine.objects.all()
    if agreement_ids is not None:
        lines = lines.filter(plan__agreement_id__in=agreement_ids)
    return _totals(lines)


def approved_budget_totals(agreement_ids: QuerySet | list) -> dict:
    """The same totals over the latest approved plan versions (the public home page)."""
    return _totals(ApprovedBudgetLine.objects.filter(plan__agreement_id__in=agreement_ids))


def budget_table(rows: list[dict]) -> dict:
    """The rows of budget_by_party_year grouped for display: per party (with subtotals),
    per year totals and the grand total. No queries."""
    parties: dict[int, dict] = {}
    years: dict[int, dict] = defaultdict(lambda: {"planned": ZERO, "realised": ZERO})
    for row in rows:
        party = parties.setdefault(
            row["party_id"],
            {
                "party_id": row["party_id"],
                "organization_name": row["organization_name"],
                "rows": [],
                "planned": ZERO,
                "realised": ZERO,
            },
        )
        party["rows"].append(row)
        party["planned"] += row["planned"]
        party["realised"] += row["realised"]
        years[row["fiscal_year"]]["planned"] += row["planned"]
        years[row["fiscal_year"]]["realised"] += row["realised"]
    for group in list(parties.values()) + list(years.values()):
        group["absorption"] = absorption_rate(group["planned"], group["realised"])
        group["over_plan"] = group["realised"] > group["planned"]
    planned = sum((p["planned"] for p in parties.values()), ZERO)
    realised = sum((p["realised"] for p in parties.values()), ZERO)
    return {
        "parties": list(parties.values()),
        "years": [{"fiscal_year": y, **v} for y, v in sorted(years.items())],
        "total": {
            "planned": planned,
            "realised": realised,
            "absorption": absorption_rate(planned, realised),
            "over_plan": realised > planned,
        },
    }


def plan_page(plan: Plan) -> dict:
    """Everything the plan page shows, in a constant number of queries whatever the number of
    rows: parts, activities grouped under programs, budget lines, aggregates, events and the
    list of approved versions (without their snapshots)."""
    parties = list(
        Party.objects.filter(agreement_id=plan.agreement_id).select_related("organization")
    )
    assessments = list(NeedsAssessment.objects.filter(plan=plan))
    objectives = list(Objective.objects.filter(plan=plan))
    strategies = list(Strategy.objects.filter(plan=plan))
    risks = list(Risk.objects.filter(plan=plan).select_related("owner__organization"))
    for number, risk in enumerate(risks, start=1):
        risk.ref = f"R{number}"  # how the likelihood × impact table refers to it
    budget_lines = list(
        BudgetLine.objects.filter(plan=plan).select_related("party__organization", "activity")
    )
    lines_by_activity: dict[int, list[BudgetLine]] = defaultdict(list)
    for line in budget_lines:
        lines_by_activity[line.activity_id].append(line)
    activities = list(
        Activity.objects.filter(plan=plan)
        .select_related("responsible__organization", "region")
        .defer("region__boundary")
    )
    for activity in activities:
        activity.plan_budget_lines = lines_by_activity.get(activity.pk, [])
    programs = list(Program.objects.filter(plan=plan).select_related("objective"))
    activities_by_program: dict[int, list[Activity]] = defaultdict(list)
    for activity in activities:
        activities_by_program[activity.program_id].append(activity)
    for program in programs:
        program.plan_activities = activities_by_program.get(program.pk, [])
    events = list(
        PlanEvent.objects.filter(plan=plan).select_related("party__organization", "actor")
    )
    versions = list(PlanVersion.objects.filter(plan=plan).defer("snapshot").order_by("number"))
    for previous, version in zip([None, *versions], versions, strict=False):
        version.previous_number = previous.number if previous else None
    budget_rows = budget_by_party_year(plan.agreement_id)
    return {
        "parties": parties,
        "assessments": assessments,
        "objectives": objectives,
        "strategies": strategies,
        "risks": risks,
        "risk_matrix": risk_matrix(risks),
        "programs": programs,
        "activities": activities,
        "budget_lines": budget_lines,
        "budget_rows": budget_rows,
        "budget": budget_table(budget_rows),
        "events": events,
        "versions": versions,
    }


def risk_matrix(risks: list[Risk]) -> list[dict]:
    """Rows of a likelihood × impact table (likelihood 5 at the top), each cell listing the
    risks in it and its score band (low/medium/high) for the label."""
    levels = list(reversed(Risk.Level.choices))
    rows = []
    for likelihood, likelihood_label in levels:
        cells = []
        for impact, _label in Risk.Level.choices:
            score = likelihood * impact
            cells.append(
                {
                    "impact": impact,
                    "score": score,
                    "band": "high" if score >= 15 else "medium" if score >= 6 else "low",
                    "risks": [
                        r for r in risks if r.likelihood == likelihood and r.impact == impact
                    ],
                }
            )
        rows.append({"likelihood": likelihood, "label": likelihood_label, "cells": cells})
    return rows


def approvals_for_current_number(plan: Plan) -> set[int]:
    """Ids of the parties that approved the plan since its latest submission (one query):
    approvals given before a return do not count for the resubmitted draft."""
    last_submission = (
        PlanEvent.objects.filter(
            plan=OuterRef("plan"), number=plan.number, kind=PlanEvent.Kind.SUBMITTED
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    return set(
        PlanEvent.objects.filter(
            plan=plan,
            number=plan.number,
            kind=PlanEvent.Kind.PARTY_APPROVED,
            pk__gt=Subquery(last_submission),
        ).values_list("party_id", flat=True)
    )
