"""Reads of knowledge items: the filtered list, an item's page (its results from the verified
values of its indicators), and what the search index needs of each item."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from simpul.accounts.access import AnyUser
from simpul.agreements.access import agreements_visible_to
from simpul.agreements.models import Agreement
from simpul.core import charts
from simpul.monitoring.access import indicators_visible_to
from simpul.monitoring.models import Indicator
from simpul.monitoring.selectors import indicator_series
from simpul.regions.models import Region

from . import access
from .models import KnowledgeItem, KnowledgeResult

REGIONS = Prefetch("regions", queryset=Region.objects.defer("boundary", "bbox").order_by("name"))


def items_for_list(user: AnyUser, filters: dict[str, Any]) -> QuerySet[KnowledgeItem]:
    """The items the user reads, filtered by kind, affair, region and year; a fixed number of
    queries for any page (owner joined, regions prefetched)."""
    items = access.knowledge_items_visible_to(user)
    if filters.get("kind"):
        items = items.filter(kind=filters["kind"])
    if filters.get("affair"):
        items = items.filter(affairs=filters["affair"])
    if filters.get("region"):
        items = items.filter(regions=filters["region"])
    if filters.get("year"):
        items = items.filter(year=filters["year"])
    return (
        items.select_related("owner")
        .prefetch_related(REGIONS)
        .order_by("-year", "-created_at", "-pk")
        .distinct()
    )


def item_for_page(item: KnowledgeItem) -> KnowledgeItem:
    """The item with what its page shows, loaded in a fixed number of queries."""
    return (
        KnowledgeItem.objects.select_related(
            "owner",
            "contact_organization",
            "research_partner",
            "source_finding__evaluation__agreement",
            "source_decision__agenda_item__meeting",
            "changed_by",
        )
        .prefetch_related("affairs", REGIONS, "agreements")
        .get(pk=item.pk)
    )


@dataclass
class ResultSeries:
    """One indicator's verified values beside an item, as a chart and a table."""

    result: KnowledgeResult
    indicator: Indicator
    points: list[Any] = field(default_factory=list)
    chart: str = ""

    @property
    def verified(self) -> list[Any]:
        return [point for point in self.points if point.actual is not None]


def item_results(
    item: KnowledgeItem, *, indicators: QuerySet[Indicator] | None = None
) -> list[ResultSeries]:
    """The item's results: each linked indicator (of those in `indicators`, when given) with
    its verified values only, charted where there are any."""
    results = item.results.select_related("indicator__agreement").order_by("pk")
    if indicators is not None:
        results = results.filter(indicator__in=indicators)
    out = []
    for result in results:
        indicator = result.indicator
        series = ResultSeries(
            result=result, indicator=indicator, points=indicator_series(indicator)
        )
        if series.verified:
            series.chart = charts.trend_chart(
                series.points,
                title=indicator.name,
                unit=indicator.unit,
                baseline=indicator.baseline_value,
                direction=indicator.direction,
            )
        out.append(series)
    return out


def linked_agreements(user: AnyUser, item: KnowledgeItem) -> list[Agreement]:
    """The item's agreements this reader may open (the others are not named to them)."""
    return list(
        agreements_visible_to(user)
        .filter(pk__in=[agreement.pk for agreement in item.agreements.all()])
        .order_by("title")
    )


def agreement_choices(user: AnyUser) -> QuerySet[Agreement]:
    return agreements_visible_to(user).order_by("title")


def indicator_choices(user: AnyUser) -> QuerySet[Indicator]:
    return (
        indicators_visible_to(user).select_related("agreement").order_by("agreement__title", "code")
    )


# --- For the search index ----------------------------------------------------------------------

SEARCHABLE_FIELDS = (
    "title", "summary", "context", "problem", "approach", "results_text",
    "replication_conditions", "pitfalls", "transcript", "image_alt", "tags",
)  # fmt: skip

# Who may find an item: everyone, the platform's members, or only those who read its owner's
# drafts (the owner's members and agencies, oversight, platform admins: access.py).
PUBLIC, MEMBERS, OWNER = "public", "members", "owner"


def item_visibility(item: KnowledgeItem) -> str:
    if item.status != KnowledgeItem.Status.PUBLISHED:
        return OWNER
    return PUBLIC if item.audience == KnowledgeItem.Audience.PUBLIC else MEMBERS


def search_documents(items: QuerySet[KnowledgeItem] | None = None) -> list[dict[str, Any]]:
    """What the search index keeps of each item: its text, its filters and who may find it
    (`visibility` is public, members or owner; `owner_id` and `owner_region_id` say whose
    reading rules apply to a draft; `access.knowledge_items_visible_to` is the rule)."""
    items = (
        (items if items is not None else KnowledgeItem.objects.all())
        .select_related("owner")
        .prefetch_related("affairs", REGIONS)
    )
    documents = []
    for item in items:
        text = "\n".join(str(getattr(item, name) or "") for name in SEARCHABLE_FIELDS)
        documents.append(
            {
                "pk": item.pk,
                "kind": item.kind,
                "title": item.title,
                "text": text,
                "year": item.year,
                "affairs": [affair.code for affair in item.affairs.all()],
                "regions": [region.code for region in item.regions.all()],
                "visibility": item_visibility(item),
                "owner_id": item.owner_id,
                "owner_region_id": item.owner.region_id,
                "url": reverse("knowledge:item-detail", args=[item.pk]),
            }
        )
    return documents
