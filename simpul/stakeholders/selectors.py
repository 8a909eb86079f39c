"""Reads of the stakeholder register: the register of one agreement (stakeholders with their
verified totals, the power–interest grid's points), its contributions, and the roll-ups per
organisation and year counted in the database.

Each read is a fixed number of queries whatever the number of rows (tested)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from simpul.agreements.models import Agreement

from .models import Contribution, Quadrant, Stakeholder

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=17, decimal_places=2))
VERIFIED = Q(contributions__status=Contribution.Status.VERIFIED)


def stakeholders_of(agreement: Agreement) -> QuerySet[Stakeholder]:
    """The agreement's stakeholders, each with its verified total and counts: one query."""
    return (
        Stakeholder.objects.filter(agreement=agreement)
        .select_related("organization", "invitation")
        .annotate(
            verified_total=Coalesce(Sum("contributions__value", filter=VERIFIED), ZERO),
            verified_count=Count("contributions", filter=VERIFIED),
            recorded_count=Count(
                "contributions", filter=Q(contributions__status=Contribution.Status.RECORDED)
            ),
        )
    )


def contributions_of(agreement: Agreement) -> QuerySet[Contribution]:
    return (
        Contribution.objects.filter(stakeholder__agreement=agreement)
        .select_related("stakeholder", "recorded_by", "decided_by")
        .order_by("-year", "stakeholder__name", "pk")
    )


@dataclass(frozen=True)
class GridPoint:
    number: int
    name: str
    influence: int
    interest: int
    quadrant: str


def grid_points(stakeholders: list[Stakeholder]) -> list[GridPoint]:
    """The grid's points numbered as the table beside it numbers its rows."""
    return [
        GridPoint(index, s.name, s.influence, s.interest, s.quadrant)
        for index, s in enumerate(stakeholders, start=1)
    ]


def quadrant_counts(stakeholders: list[Stakeholder]) -> dict[str, int]:
    counts = dict.fromkeys(Quadrant.values, 0)
    for stakeholder in stakeholders:
        counts[stakeholder.quadrant] += 1
    return counts


@dataclass(frozen=True)
class Rollup:
    organization_id: int | None
    organization: str
    year: int
    kind: str
    count: int
    total: Decimal
    # The agreements (cooperations) the contributions went to; filled by the per-organisation
    # roll-up only (recognition's "to 2 cooperations").
    cooperations: int = 0

    @property
    def kind_label(self) -> str:
        return str(Contribution.Kind(self.kind).label)


def _rollup(contributions: QuerySet[Contribution], by: str) -> list[Rollup]:
    rows = (
        contributions.filter(status=Contribution.Status.VERIFIED)
        .values(by, "year", "kind")
        .annotate(count=Count("pk"), total=Sum("value"))
        .order_by(by, "-year", "kind")
    )
    return [
        Rollup(
            row.get("stakeholder__organization_id"),
            row.get("stakeholder__organization__name") or row.get("stakeholder__name") or "",
            row["year"],
            row["kind"],
            row["count"],
            row["total"] or Decimal("0"),
        )
        for row in rows
    ]


def rollup_by_stakeholder(agreement: Agreement) -> list[Rollup]:
    """Verified contributions of one agreement per stakeholder, year and kind: one query."""
    return _rollup(
        Contribution.objects.filter(stakeholder__agreement=agreement), "stakeholder__name"
    )


def contributions_by_organization(
    *, year: int | None = None, agreements: QuerySet[Agreement] | None = None
) -> list[Rollup]:
    """Verified contributions of platform organisations per organisation, year and kind,
    counted in one query (of `agreements` only, when given). `publication.selectors.
    contributions_by_organization(public_only=True)` passes the public agreements."""
    contributions = Contribution.objects.filter(stakeholder__organization__isnull=False)
    if year is not None:
        contributions = contributions.filter(year=year)
    if agreements is not None:
        contributions = contributions.filter(stakeholder__agreement__in=agreements)
    rows = (
        contributions.filter(status=Contribution.Status.VERIFIED)
        .values("stakeholder__organization_id", "stakeholder__organization__name", "year", "kind")
        .annotate(
            count=Count("pk"),
            total=Sum("value"),
            cooperations=Count("stakeholder__agreement_id", distinct=True),
        )
        .order_by("stakeholder__organization__name", "-year", "kind")
    )
    return [
        Rollup(
            row["stakeholder__organization_id"],
            row["stakeholder__organization__name"],
            row["year"],
            row["kind"],
            row["count"],
            row["total"] or Decimal("0"),
            row["cooperations"],
        )
        for row in rows
    ]
