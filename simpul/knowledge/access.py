"""Who may see and change knowledge items: the one place these decisions are made.

- A published item is read by every signed-in member of the platform; one published to the
  public is also on the portal (`public.py`, not here).
- A draft, an item in review and a returned item are read by the owning organisation's
  members (and the members of its agencies), by oversight (a province the items of the
  government side in its regions, the centre all) and by platform admins.
- The owning organisation's editors (admin, coordinator, editor) write and submit it while
  it is a draft or returned; its reviewers (admin, coordinator) publish or return it, and
  nobody reviews an item they wrote or submitted, platform admins included. A reviewer (or a
  platform admin) may unpublish it again, with a reason.
- A lesson learned from an evaluation finding or a meeting decision is started by someone
  who reads that finding or decision and may write for an organisation.
- Adoptions of a published practice are read by whoever reads the practice (so its owner
  sees who learned from it). An organisation's interest, visit, decision and plan are
  recorded by its editors (admin, coordinator, editor), never by the practice's owner for
  itself; platform admins neither: the decision is the adopting organisation's.
- Everyone else gets 404, so an item's existence does not leak.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from simpul.accounts.access import AnyUser
from simpul.agreements.access import (
    EDITOR_ROLES,
    agreements_visible_to,
    reading_organization_ids,
)
from simpul.meetings.access import meetings_visible_to
from simpul.meetings.models import Decision
from simpul.monitoring.models import Finding
from simpul.organizations.access import (
    OVERSEEN_KINDS,
    memberships_of,
    overseen_region_ids,
    role_in,
    user_oversees_everything,
)
from simpul.organizations.models import Membership, Organization

from .models import Adoption, KnowledgeItem, KnowledgeResult

REVIEWER_ROLES = {Membership.Role.ADMIN, Membership.Role.COORDINATOR}
EDITABLE_STATES = (KnowledgeItem.Status.DRAFT, KnowledgeItem.Status.RETURNED)


def knowledge_items_visible_to(user: AnyUser) -> QuerySet[KnowledgeItem]:
    if not user.is_authenticated:
        return KnowledgeItem.objects.none()
    if user.is_superuser or user_oversees_everything(user):
        return KnowledgeItem.objects.all()
    condition = Q(status=KnowledgeItem.Status.PUBLISHED) | Q(
        owner_id__in=reading_organization_ids(user)
    )
    overseen = overseen_region_ids(user)
    if overseen:
        condition |= Q(owner__region_id__in=overseen, owner__kind__in=OVERSEEN_KINDS)
    return KnowledgeItem.objects.filter(condition)


def knowledge_items_readable_by(organization: Organization) -> QuerySet[KnowledgeItem]:
    """What an organisation's members all read: every published item and the organisation's
    own items in any state (to link an item from another app's row the organisation owns)."""
    return KnowledgeItem.objects.filter(
        Q(status=KnowledgeItem.Status.PUBLISHED) | Q(owner_id=organization.pk)
    )


def knowledge_item_get_for_user(user: AnyUser, pk: int, *, write: bool = False) -> KnowledgeItem:
    """The item, or 404 when the user may not read it (or, with write=True, write it)."""
    item = get_object_or_404(
        knowledge_items_visible_to(user).select_related("owner", "changed_by"), pk=pk
    )
    if write and not knowledge_item_can_edit(user, item):
        raise Http404
    return item


def knowledge_owner_choices(user: AnyUser) -> list[Organization]:
    """The organisations the user writes knowledge items for."""
    return sorted(
        (m.organization for m in memberships_of(user) if m.role in EDITOR_ROLES),
        key=lambda organization: organization.name,
    )


def knowledge_can_create(user: AnyUser) -> bool:
    return bool(knowledge_owner_choices(user))


def knowledge_item_is_writer(user: AnyUser, item: KnowledgeItem) -> bool:
    """Writes for the item's owner (whatever the item's status now)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or role_in(user, item.owner) in EDITOR_ROLES


def knowledge_item_can_edit(user: AnyUser, item: KnowledgeItem) -> bool:
    return item.status in EDITABLE_STATES and knowledge_item_is_writer(user, item)


def knowledge_item_is_own_work(user: AnyUser, item: KnowledgeItem) -> bool:
    """Separation of duties: whoever wrote or submitted an item does not review it."""
    return user.is_authenticated and user.pk in {item.created_by_id, item.submitted_by_id}


def knowledge_item_can_review(user: AnyUser, item: KnowledgeItem) -> bool:
    """Publish or return an item in review: the owner's reviewers, never on their own work."""
    if not user.is_authenticated or knowledge_item_is_own_work(user, item):
        return False
    return user.is_superuser or role_in(user, item.owner) in REVIEWER_ROLES


def knowledge_item_can_unpublish(user: AnyUser, item: KnowledgeItem) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or role_in(user, item.owner) in REVIEWER_ROLES


def knowledge_item_get_for_review(user: AnyUser, pk: int) -> KnowledgeItem:
    item = knowledge_item_get_for_user(user, pk)
    if not (knowledge_item_can_review(user, item) or knowledge_item_can_unpublish(user, item)):
        raise Http404
    return item


def finding_get_for_lesson(user: AnyUser, pk: int) -> Finding:
    """An evaluation finding the user reads, when they write for an organisation; else 404."""
    if not knowledge_can_create(user):
        raise Http404
    return get_object_or_404(
        Finding.objects.select_related("evaluation__agreement").filter(
            evaluation__agreement__in=agreements_visible_to(user)
        ),
        pk=pk,
    )


def decision_get_for_lesson(user: AnyUser, pk: int) -> Decision:
    """A meeting decision the user reads, when they write for an organisation; else 404."""
    if not knowledge_can_create(user):
        raise Http404
    return get_object_or_404(
        Decision.objects.select_related("agenda_item__meeting__agreement").filter(
            agenda_item__meeting__in=meetings_visible_to(user)
        ),
        pk=pk,
    )


# --- Adoptions --------------------------------------------------------------------------------

ADOPTABLE_KINDS = ("practice", "case_study", "research")


def adoption_organizations(user: AnyUser, item: KnowledgeItem) -> list[Organization]:
    """The organisations for which this user may mark interest in the item: those they edit
    for, other than its owner, while it is a published practice, case study or research."""
    if item.status != KnowledgeItem.Status.PUBLISHED or item.kind not in ADOPTABLE_KINDS:
        return []
    return [o for o in knowledge_owner_choices(user) if o.pk != item.owner_id]


def adoption_can_write(user: AnyUser, adoption: Adoption) -> bool:
    return user.is_authenticated and role_in(user, adoption.organization) in EDITOR_ROLES


def adoption_get_for_user(user: AnyUser, item_pk: int, pk: int, *, write: bool = False) -> Adoption:
    """An adoption of an item the user reads (with write=True: one they record), or 404."""
    item = knowledge_item_get_for_user(user, item_pk)
    adoption = get_object_or_404(
        Adoption.objects.select_related("organization__region", "changed_by").defer(
            "organization__region__boundary", "organization__region__bbox"
        ),
        item=item,
        pk=pk,
    )
    adoption.item = item
    if write and not adoption_can_write(user, adoption):
        raise Http404
    return adoption


def knowledge_object_can_view_history(user: AnyUser, obj: object) -> bool:
    item = obj.item if isinstance(obj, KnowledgeResult | Adoption) else obj
    return (
        isinstance(item, KnowledgeItem)
        and knowledge_items_visible_to(user).filter(pk=item.pk).exists()
    )
