"""Reads of ideas: the board, an idea's page, the moderation queue, the portal's list and
the searchable text (for the search app, which indexes ideas after it is merged)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When

from simpul.accounts.access import AnyUser
from simpul.agreements.models import Agreement, GovernmentAffair, Party
from simpul.knowledge.access import knowledge_items_readable_by, knowledge_items_visible_to
from simpul.knowledge.models import KnowledgeItem
from simpul.plans.models import Activity
from simpul.regions.models import Region
from simpul.search.selectors import matching_ids

from . import access
from .models import Idea, IdeaComment, IdeaEvent, Support


def _listed(ideas: QuerySet[Idea]) -> QuerySet[Idea]:
    """What a list row shows, in a constant number of queries."""
    return (
        ideas.select_related("owner")
        .prefetch_related("affairs")
        .annotate(comment_count=Count("comments", distinct=True))
    )


def board(
    user: AnyUser,
    *,
    status: str = "",
    affair: GovernmentAffair | None = None,
    region: Region | None = None,
    sort: str = "",
) -> QuerySet[Idea]:
    ideas = access.ideas_visible_to(user)
    if status:
        ideas = ideas.filter(status=status)
    if affair is not None:
        ideas = ideas.filter(
            pk__in=Idea.affairs.through.objects.filter(governmentaffair_id=affair.pk).values(
                "idea_id"
            )
        )
    if region is not None:
        listed = Idea.regions.through.objects.filter(region_id=region.pk).values("idea_id")
        ideas = ideas.filter(Q(owner__region_id=region.pk) | Q(pk__in=listed))
    order = ("-support_count", "-created_at", "-pk") if sort != "newest" else ("-created_at", "-pk")
    return _listed(ideas).order_by(*order)


def idea_page(idea: Idea, user: AnyUser) -> dict[str, Any]:
    return {
        "comments": list(
            IdeaComment.objects.filter(idea=idea).select_related("author").order_by("created_at")
        ),
        "events": list(IdeaEvent.objects.filter(idea=idea).select_related("actor")),
        "supported": user.is_authenticated
        and Support.objects.filter(idea=idea, user_id=user.pk).exists(),
        "affairs": list(idea.affairs.all()),
        "regions": list(idea.regions.without_geometry().order_by("name")),
        # The knowledge item it became, shown by its title only to those who read the item.
        "knowledge_item": knowledge_items_visible_to(user)
        .filter(pk=idea.knowledge_item_id)
        .only("pk", "code", "title")
        .first()
        if idea.knowledge_item_id
        else None,
    }


def activities_for_accepting(idea: Idea) -> QuerySet[Activity]:
    """Plan activities of the owner organisation's own agreements (registered by it or with
    it as a party), which its editors, the ones who accept, may edit."""
    return (
        Activity.objects.filter(plan__agreement__in=_owner_agreements(idea))
        .select_related("plan__agreement")
        .order_by("plan__agreement__reference_code", "name")
    )


def knowledge_items_for_accepting(idea: Idea) -> QuerySet[KnowledgeItem]:
    """Knowledge items the owner organisation reads (every published item and its own, in
    any state: the item written from the idea may still be a draft)."""
    return (
        knowledge_items_readable_by(idea.owner).only("pk", "code", "title").order_by("title", "pk")
    )


# What the accept form's list offers at once; words typed in its search field find the others.
KNOWLEDGE_CHOICES = 50


def knowledge_choices_for_accepting(
    idea: Idea, query: str = "", selected: int | None = None
) -> list[KnowledgeItem]:
    """The knowledge items the accept form lists (one query, however many items exist): the
    newest KNOWLEDGE_CHOICES the owner organisation reads, or, with words, those whose search
    document has them (the index, so "kelola" finds "pengelolaan"), and the item already
    chosen. Accepting still checks the choice against `knowledge_items_for_accepting`."""
    items = knowledge_items_for_accepting(idea)
    if (matching := matching_ids("knowledge", query)) is not None:
        items = items.filter(Q(pk__in=matching) | Q(pk=selected))
    # The chosen item first, so a form shown again keeps it whatever the list holds.
    first = Case(When(pk=selected, then=Value(0)), default=Value(1))
    return list(items.order_by(first, "-pk")[:KNOWLEDGE_CHOICES])


def _owner_agreements(idea: Idea) -> QuerySet[Agreement]:
    parties = Party.objects.filter(organization_id=idea.owner_id).values("agreement_id")
    return Agreement.objects.filter(Q(owner_id=idea.owner_id) | Q(pk__in=parties))


def moderation_queue(user: AnyUser) -> QuerySet[Idea]:
    return (
        access.ideas_to_moderate(user).select_related("owner").order_by("moderation", "created_at")
    )


def public_ideas() -> QuerySet[Idea]:
    """Citizens' ideas a moderator published, newest first."""
    return (
        Idea.objects.filter(origin=Idea.Origin.CITIZEN, moderation=Idea.Moderation.PUBLISHED)
        .select_related("owner__region")
        .defer("owner__region__boundary")
        .prefetch_related("affairs")
        .order_by("-created_at", "-pk")
    )


def public_idea(code: str) -> Idea | None:
    return public_ideas().filter(code=code).first()


def search_documents(ideas: QuerySet[Idea] | None = None) -> Iterator[dict[str, Any]]:
    """Each idea's searchable text and who may see it, for the search index: `public` ideas
    are for everyone; the others for the readers `access.ideas_visible_to` lets through, i.e.
    members of `owner_id` and of organisations in `region_ids`, their overseers and platform
    administrators. Unconfirmed, waiting or hidden citizens' ideas are left out."""
    ideas = Idea.objects.all() if ideas is None else ideas
    ideas = ideas.filter(moderation__in=access.ON_THE_BOARD).select_related("owner")
    for idea in ideas.prefetch_related(
        "affairs", Prefetch("regions", queryset=Region.objects.only("id"), to_attr="region_list")
    ).iterator(chunk_size=500):
        region_ids = {r.pk for r in idea.region_list}
        if idea.owner.region_id:
            region_ids.add(idea.owner.region_id)
        yield {
            "kind": "idea",
            "pk": idea.pk,
            "title": idea.title,
            "text": f"{idea.problem}\n\n{idea.proposal}",
            "affairs": [a.code for a in idea.affairs.all()],
            "year": idea.created_at.year,
            "public": idea.moderation == Idea.Moderation.PUBLISHED,
            "owner_id": idea.owner_id,
            "region_ids": sorted(region_ids),
            "url": idea.get_absolute_url(),
            "public_url": idea.get_public_url()
            if idea.moderation == Idea.Moderation.PUBLISHED
            else "",
        }
