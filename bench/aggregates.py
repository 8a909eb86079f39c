"""The monitoring dashboards' aggregations, each written twice: with the ORM, in the shape
simpul.monitoring.selectors runs them (agreements scoped through a subquery of the agreements
the viewer may see), and as the raw SQL a person would write for the same numbers. run.py
times both on the same database, interleaved, checks they agree, and reports the ratio.

Scopes: national (a Kemendagri viewer sees every agreement) and one province (agreements
with a party in the province or in one of its regencies and cities), plus one agreement's
results dashboard (status counts and weighted roll-up; verified totals per indicator and
period, which feed its charts and the IPTT).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

DELIVERED = ("submitted", "verified")


@dataclass
class Aggregate:
    name: str
    orm: Callable[[], object]
    sql: Callable[[], object]


def _rows(sql: str, params: list) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _normalise(result) -> object:
    """Compare ORM dicts and SQL tuples by value: sorted tuples of numbers to 9 significant
    digits (sums of decimals come back as Decimal from the ORM and float from raw SQL)."""
    if isinstance(result, dict):
        return tuple(sorted((str(k), _normalise(v)) for k, v in result.items()))
    if isinstance(result, list | tuple):
        return tuple(sorted((_normalise(v) for v in result), key=repr))
    if isinstance(result, float | Decimal | int) and not isinstance(result, bool):
        return f"{float(result):.9g}"
    return result


def scoped(queryset, path: str, agreement_ids):
    """The selectors' scoping: no filter at all for the national scope (None)."""
    if agreement_ids is None:
        return queryset
    return queryset.filter(**{f"{path}__in": agreement_ids})


def same(a, b) -> bool:
    return _normalise(a) == _normalise(b)


def build(*, province_pk: int | None, agreement_pk: int | None, today: datetime.date):
    """The aggregates to measure on this world (skips scopes the world lacks)."""
    from django.db.models import (
        Count,
        Exists,
        ExpressionWrapper,
        F,
        IntegerField,
        OuterRef,
        Q,
        Subquery,
        Sum,
        Value,
    )
    from django.db.models import DecimalField as Decimal_
    from django.db.models.functions import Coalesce, Greatest, Least

    from simpul.agreements.models import Agreement, Party
    from simpul.monitoring.models import DataValue, Indicator, ReportingPeriod, Submission
    from simpul.plans.models import BudgetLine

    scopes: list[tuple[str, object, str, list]] = [
        # (label, agreement ids queryset for the ORM, SQL condition on agreement_id, params)
        # National: selectors.overview applies no agreement filter when the viewer sees all.
        ("national", None, "1 = 1", []),
    ]
    if province_pk is not None:
        parties = Party.objects.filter(
            Q(organization__region_id__in=[province_pk])
            | Q(organization__region__parent_id__in=[province_pk])
        )
        scopes.append(
            (
                "province",
                Agreement.objects.filter(pk__in=parties.values("agreement_id")).values("pk"),
                "{col} IN (SELECT pa.agreement_id FROM agreements_party pa "
                "JOIN organizations_organization o ON o.id = pa.organization_id "
                "JOIN regions_region r ON r.id = o.region_id "
                "WHERE r.id = %s OR r.parent_id = %s)",
                [province_pk, province_pk],
            )
        )

    aggregates: list[Aggregate] = []
    for label, agreement_ids, condition, params in scopes:

        def status_orm(agreement_ids=agreement_ids):
            return {
                row["status"]: row["n"]
                for row in scoped(Indicator.objects.all(), "agreement_id", agreement_ids)
                .order_by()
                .values("status")
                .annotate(n=Count("pk"))
            }

        def status_sql(condition=condition, params=params):
            where = condition.format(col="agreement_id")
            return dict(
                _rows(
                    f"SELECT status, COUNT(*) FROM monitoring_indicator WHERE {where} "
                    "GROUP BY status",
                    params,
                )
            )

        aggregates.append(Aggregate(f"indicator status, {label}", status_orm, status_sql))

        def late_orm(agreement_ids=agreement_ids):
            # selectors.late_periods: parties expected to report in an open period past its
            # due date (an indicator of theirs, or without a responsible party, is measured
            # in it) and that delivered nothing.
            measured = Indicator.objects.filter(
                agreement_id=OuterRef(OuterRef("agreement_id")),
                frequency=OuterRef(OuterRef("frequency")),
            ).filter(
                Q(start_date__isnull=True) | Q(start_date__lte=OuterRef(OuterRef("end"))),
                Q(end_date__isnull=True) | Q(end_date__gte=OuterRef(OuterRef("start"))),
                Q(responsible_party__isnull=True) | Q(responsible_party_id=OuterRef("pk")),
            )
            delivered = Submission.objects.filter(
                period_id=OuterRef(OuterRef("pk")), party_id=OuterRef("pk"), status__in=DELIVERED
            )
            missing = (
                Party.objects.filter(agreement_id=OuterRef("agreement_id"))
                .filter(Exists(measured))
                .exclude(Exists(delivered))
                .order_by()
                .values("agreement_id")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            )
            totals = (
                scoped(
                    ReportingPeriod.objects.filter(status="open", due_date__lt=today),
                    "agreement_id",
                    agreement_ids,
                )
                .annotate(
                    missing=Coalesce(Subquery(missing, output_field=IntegerField()), Value(0))
                )
                .aggregate(
                    missing_total=Coalesce(Sum("missing"), Value(0)),
                    agreements=Count("agreement_id", distinct=True, filter=Q(missing__gt=0)),
                )
            )
            return (totals["missing_total"], totals["agreements"])

        def late_sql(condition=condition, params=params):
            where = condition.format(col="p.agreement_id")
            (row,) = _rows(
                "SELECT COUNT(*), COUNT(DISTINCT p.agreement_id) "
                "FROM monitoring_reportingperiod p "
                "JOIN agreements_party pa ON pa.agreement_id = p.agreement_id "
                f"WHERE {where} AND p.status = 'open' AND p.due_date < %s "
                "AND EXISTS (SELECT 1 FROM monitoring_indicator i "
                "  WHERE i.agreement_id = p.agreement_id AND i.frequency = p.frequency "
                '  AND (i.start_date IS NULL OR i.start_date <= p."end") '
                '  AND (i.end_date IS NULL OR i.end_date >= p."start") '
                "  AND (i.responsible_party_id IS NULL OR i.responsible_party_id = pa.id)) "
                "AND NOT EXISTS (SELECT 1 FROM monitoring_submission s "
                "  WHERE s.period_id = p.id AND s.party_id = pa.id "
                "  AND s.status IN ('submitted', 'verified'))",
                [*params, today],
            )
            return tuple(row)

        aggregates.append(Aggregate(f"late data, {label}", late_orm, late_sql))

        def budget_orm(agreement_ids=agreement_ids):
            return [
                (row["fiscal_year"], row["planned"], row["realised"])
                for row in scoped(BudgetLine.objects.all(), "plan__agreement_id", agreement_ids)
                .order_by("fiscal_year")
                .values("fiscal_year")
                .annotate(planned=Sum("planned"), realised=Sum("realised"))
            ]

        def budget_sql(condition=condition, params=params):
            where = condition.format(col="pl.agreement_id")
            return _rows(
                "SELECT b.fiscal_year, SUM(b.planned), SUM(b.realised) FROM plans_budgetline b "
                f"JOIN plans_plan pl ON pl.id = b.plan_id WHERE {where} "
                "GROUP BY b.fiscal_year ORDER BY b.fiscal_year",
                params,
            )

        aggregates.append(Aggregate(f"budget absorption, {label}", budget_orm, budget_sql))

    if agreement_pk is not None:

        def rollup_orm():
            # selectors.agreement_results: counts by status and the weighted roll-up.
            scored = Q(progress__isnull=False) & ~Q(kind="qualitative")
            capped = Least(Greatest(F("progress"), Value(Decimal(0))), Value(Decimal(100)))
            totals = Indicator.objects.filter(agreement_id=agreement_pk).aggregate(
                total=Count("pk"),
                **{s: Count("pk", filter=Q(status=s)) for s in Indicator.Status.values},
                scored_weight=Sum("weight", filter=scored),
                weighted=Sum(
                    ExpressionWrapper(
                        F("weight") * capped,
                        output_field=Decimal_(max_digits=20, decimal_places=4),
                    ),
                    filter=scored,
                ),
            )
            return totals

        def rollup_sql():
            statuses = list(Indicator.Status.values)
            scored = "progress IS NOT NULL AND kind <> 'qualitative'"
            columns = ", ".join(
                f"COUNT(CASE WHEN status = '{s}' THEN 1 END)"
                for s in statuses  # fixed codes, not input
            )
            (row,) = _rows(
                f"SELECT COUNT(*), {columns}, "
                f"SUM(CASE WHEN {scored} THEN weight END), "
                f"SUM(CASE WHEN {scored} THEN weight * CASE WHEN progress < 0 THEN 0 "
                "WHEN progress > 100 THEN 100 ELSE progress END END) "
                "FROM monitoring_indicator WHERE agreement_id = %s",
                [agreement_pk],
            )
            keys = ["total", *statuses, "scored_weight", "weighted"]
            return dict(zip(keys, row, strict=True))

        aggregates.append(Aggregate("results roll-up, one agreement", rollup_orm, rollup_sql))

        def totals_orm():
            # services.analysis.verified_totals for the agreement's indicators.
            return [
                (row["indicator_id"], row["submission__period_id"], row["total"])
                for row in DataValue.objects.filter(
                    indicator__agreement_id=agreement_pk,
                    option__isnull=True,
                    value__isnull=False,
                    submission__status="verified",
                )
                .values(
                    "indicator_id",
                    "indicator__kind",
                    "submission__period_id",
                    "submission__period__end",
                )
                .annotate(total=Sum("value"))
                .order_by()
            ]

        def totals_sql():
            return _rows(
                "SELECT v.indicator_id, s.period_id, SUM(v.value) FROM monitoring_datavalue v "
                "JOIN monitoring_indicator i ON i.id = v.indicator_id "
                "JOIN monitoring_submission s ON s.id = v.submission_id "
                "WHERE i.agreement_id = %s AND v.option_id IS NULL AND v.value IS NOT NULL "
                "AND s.status = 'verified' GROUP BY v.indicator_id, s.period_id",
                [agreement_pk],
            )

        aggregates.append(Aggregate("verified totals, one agreement", totals_orm, totals_sql))
    return aggregates
