"""The one place knowledge items reach the public (the portal, open data and the API read
only these functions).

An item is public when its owner's reviewer published it to the public and, for every
agreement it names, the publication gate makes that agreement's "knowledge" kind public (so
a practice never reveals a cooperation still internal). Its results show only the verified
values of indicators whose agreement publishes its indicators.

An adoption is public with the same strictness: its practice is public, its organisation
decided to adopt or adapt it and has planned it, and every agreement that carries it out (the
plan's agreement, the plan activity's agreement) publishes its knowledge and its parties (the
adopter is one of them, so the row says who works with whom). An adoption planned on no
published agreement, a new draft included, stays internal until that agreement is public; a
"not now", the reasons, notes, the visit and the follow-up indicator are always internal."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from simpul.monitoring.models import Indicator
from simpul.publication import selectors as gate
from simpul.publication.kinds import InfoKind
from simpul.regions.models import Region

from .models import Adoption, KnowledgeItem
from .selectors import ResultSeries, item_results


def public_items() -> QuerySet[KnowledgeItem]:
    hidden_agreement = KnowledgeItem.agreements.through.objects.filter(
        knowledgeitem_id=OuterRef("pk")
    ).exclude(agreement__in=gate.agreements_with_public(InfoKind.KNOWLEDGE))
    return KnowledgeItem.objects.filter(
        status=KnowledgeItem.Status.PUBLISHED, audience=KnowledgeItem.Audience.PUBLIC
    ).exclude(Exists(hidden_agreement))


def public_items_for_list(*, kind: str = "", year: int | None = None) -> QuerySet[KnowledgeItem]:
    items = public_items()
    if kind:
        items = items.filter(kind=kind)
    if year:
        items = items.filter(year=year)
    regions = Region.objects.defer("boundary", "bbox").order_by("name")
    return (
        items.select_related("owner")
        .prefetch_related(Prefetch("regions", queryset=regions))
        .order_by("-published_at", "-pk")
    )


def public_item_get(code: str) -> KnowledgeItem:
    """A public item by its code; an internal or unknown code is the same 404."""
    regions = Region.objects.defer("boundary", "bbox").order_by("name")
    item = (
        public_items()
        .select_related("owner", "contact_organization", "research_partner")
        .prefetch_related("affairs", Prefetch("regions", queryset=regions))
        .filter(code=code)
        .first()
    )
    if item is None:
        raise Http404
    return item


def public_agreements_of(item: KnowledgeItem) -> QuerySet:
    return gate.public_agreements().filter(knowledge_items=item).order_by("title")


def public_results(item: KnowledgeItem) -> list[ResultSeries]:
    indicators = Indicator.objects.filter(
        agreement__in=gate.agreements_with_public(InfoKind.INDICATORS)
    )
    return item_results(item, indicators=indicators)


def public_adoptions() -> QuerySet[Adoption]:
    carried_out_publicly = gate.agreements_with_public(InfoKind.KNOWLEDGE).filter(
        pk__in=gate.agreements_with_public(InfoKind.PARTIES).values("pk")
    )
    return (
        Adoption.objects.filter(
            item__in=public_items(),
            status=Adoption.Status.IMPLEMENTING,
            decision__in=(Adoption.Decision.ADOPT, Adoption.Decision.ADAPT),
        )
        .filter(Q(plan_agreement__isnull=False) | Q(plan_activity__isnull=False))
        .filter(Q(plan_agreement__isnull=True) | Q(plan_agreement__in=carried_out_publicly))
        .filter(
            Q(plan_activity__isnull=True)
            | Q(plan_activity__plan__agreement__in=carried_out_publicly)
        )
    )


def public_adoptions_of(item: KnowledgeItem) -> QuerySet[Adoption]:
    """Where a public practice was adopted, for its portal page (one query)."""
    return (
        public_adoptions()
        .filter(item=item)
        .select_related("organization__region", "plan_agreement", "plan_activity__plan__agreement")
        .defer("organization__region__boundary", "organization__region__bbox")
        .order_by("decided_at", "pk")
    )
