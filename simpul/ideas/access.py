"""Who may see and act on ideas: the one place these decisions are made.

An idea concerns its owner organisation's region and the regions that could join it.

- Reading: members of the owner organisation and of any organisation in a concerned region;
  by oversight, the province government of a concerned region and the central government;
  platform administrators. A citizen's idea joins the board only once a moderator published
  it. Everyone else gets 404, so an idea's existence does not leak.
- Taking part (supporting, commenting): the members who read it, not the overseers
  (oversight reads, it does not act).
- Deciding (the status moves, accepting, declining) and moderating citizens' ideas: the
  owner organisation's admins, coordinators and editors, and platform administrators.
- Editing while the idea is open: those who decide, and its author while they still take part.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from simpul.accounts.access import AnyUser
from simpul.agreements.access import EDITOR_ROLES
from simpul.organizations.access import (
    memberships_of,
    overseen_region_ids,
    role_in,
    user_oversees_everything,
)
from simpul.organizations.models import Organization

from .models import Idea, IdeaComment, IdeaEvent, Support

ON_THE_BOARD = (Idea.Moderation.INTERNAL, Idea.Moderation.PUBLISHED)
TO_MODERATE = (Idea.Moderation.PENDING, Idea.Moderation.PUBLISHED, Idea.Moderation.HIDDEN)


def _member_region_ids(user: AnyUser) -> set[int]:
    return {m.organization.region_id for m in memberships_of(user) if m.organization.region_id}


def _concerning(region_ids: set[int]) -> Q:
    listed = Idea.regions.through.objects.filter(region_id__in=region_ids).values("idea_id")
    return Q(owner__region_id__in=region_ids) | Q(pk__in=listed)


def ideas_visible_to(user: AnyUser) -> QuerySet[Idea]:
    """The ideas on the user's board (published citizens' ideas included)."""
    if not user.is_authenticated:
        return Idea.objects.none()
    board = Idea.objects.filter(moderation__in=ON_THE_BOARD)
    if user.is_superuser or user_oversees_everything(user):
        return board
    regions = _member_region_ids(user) | (overseen_region_ids(user) or set())
    condition = Q(owner_id__in={m.organization_id for m in memberships_of(user)})
    if regions:
        condition |= _concerning(regions)
    return board.filter(condition)


def _concerned_region_ids(idea: Idea) -> set[int]:
    ids = set(idea.regions.values_list("pk", flat=True))
    if idea.owner.region_id:
        ids.add(idea.owner.region_id)
    return ids


def idea_can_take_part(user: AnyUser, idea: Idea) -> bool:
    """Support and comment: a member of the owner or of an organisation in a concerned region
    (platform administrators too)."""
    if not user.is_authenticated or not idea.is_open:
        return False
    if user.is_superuser:
        return True
    concerned = _concerned_region_ids(idea)
    return any(
        m.organization_id == idea.owner_id or m.organization.region_id in concerned
        for m in memberships_of(user)
    )


def idea_can_decide(user: AnyUser, idea: Idea) -> bool:
    """Status moves and moderation: the owner organisation's editors (or better)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or role_in(user, idea.owner) in EDITOR_ROLES


def idea_can_edit(user: AnyUser, idea: Idea) -> bool:
    if not idea.is_open or not user.is_authenticated:
        return False
    if idea_can_decide(user, idea):
        return True
    return idea.author_id == user.pk and idea_can_take_part(user, idea)


def idea_get_for_user(
    user: AnyUser, pk: int, *, take_part: bool = False, decide: bool = False, edit: bool = False
) -> Idea:
    """The idea, or 404 when the user may not see it or do what is asked."""
    idea = get_object_or_404(ideas_visible_to(user).select_related("owner", "author"), pk=pk)
    if take_part and not idea_can_take_part(user, idea):
        raise Http404
    if decide and not idea_can_decide(user, idea):
        raise Http404
    if edit and not idea_can_edit(user, idea):
        raise Http404
    return idea


def ideas_to_moderate(user: AnyUser) -> QuerySet[Idea]:
    """Confirmed citizens' ideas addressed to an organisation the user decides for."""
    if not user.is_authenticated:
        return Idea.objects.none()
    confirmed = Idea.objects.filter(origin=Idea.Origin.CITIZEN, moderation__in=TO_MODERATE)
    if user.is_superuser:
        return confirmed
    owners = {m.organization_id for m in memberships_of(user) if m.role in EDITOR_ROLES}
    return confirmed.filter(owner_id__in=owners)


def citizen_idea_get_for_moderator(user: AnyUser, pk: int) -> Idea:
    """A confirmed citizen's idea the user may moderate (404 otherwise: an unconfirmed one is
    nobody's business until its author confirms the address)."""
    return get_object_or_404(ideas_to_moderate(user).select_related("owner"), pk=pk)


def idea_owner_choices(user: AnyUser) -> QuerySet[Organization]:
    """The organisations a member may post an idea for: their own."""
    ids = {m.organization_id for m in memberships_of(user)}
    return Organization.objects.filter(pk__in=ids, is_active=True).order_by("name")


def idea_can_view_history(user: AnyUser, obj: object) -> bool:
    """History pages of ideas, their supports and comments: the idea's readers."""
    if isinstance(obj, Idea):
        idea = obj
    elif isinstance(obj, (Support, IdeaComment, IdeaEvent)):
        idea = obj.idea
    else:
        return False
    return ideas_visible_to(user).filter(pk=idea.pk).exists()
