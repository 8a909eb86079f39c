"""Who may see and act on complaints inside Simpul: the one place these decisions are made.

- Members of the responsible organisation read its complaints, and so do members of its
  agencies (OPD), who carry the follow-up out; acting (verify, reject, follow up, answer,
  close, reassign) needs admin, coordinator or editor in the responsible organisation.
- Oversight reads: a province government sees the complaints routed to government-side
  organisations in its province, a central-government organisation (Kemendagri) sees all.
- Unconfirmed complaints are nobody's yet (not routed): they appear nowhere inside.
- Everyone else gets 404, so existence does not leak.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from simpul.accounts.access import AnyUser
from simpul.agreements.access import EDITOR_ROLES
from simpul.organizations.access import (
    OVERSEEN_KINDS,
    memberships_of,
    overseen_region_ids,
    role_in,
    user_oversees_everything,
)

from .models import Complaint


def _routed() -> QuerySet[Complaint]:
    return Complaint.objects.exclude(status=Complaint.Status.UNCONFIRMED).filter(
        responsible__isnull=False
    )


def complaints_visible_to(user: AnyUser) -> QuerySet[Complaint]:
    if not user.is_authenticated:
        return Complaint.objects.none()
    qs = _routed()
    if user.is_superuser or user_oversees_everything(user):
        return qs
    org_ids: set[int] = set()
    for membership in memberships_of(user):
        org_ids.add(membership.organization_id)
        if membership.organization.parent_id:
            # Agency staff see the complaints of the government they belong to.
            org_ids.add(membership.organization.parent_id)
    condition = Q(responsible_id__in=org_ids)
    overseen = overseen_region_ids(user)
    if overseen:
        condition |= Q(responsible__region_id__in=overseen, responsible__kind__in=OVERSEEN_KINDS)
    return qs.filter(condition)


def complaint_can_act(user: AnyUser, complaint: Complaint) -> bool:
    if not user.is_authenticated or complaint.responsible_id is None:
        return False
    if user.is_superuser:
        return True
    responsible = complaint.responsible
    return responsible is not None and role_in(user, responsible) in EDITOR_ROLES


def complaint_get_for_user(user: AnyUser, pk: int, *, act: bool = False) -> Complaint:
    """The complaint, or 404 when the user may not see it (or, with act=True, act on it)."""
    complaint = get_object_or_404(
        complaints_visible_to(user).select_related(
            "category", "agreement", "region", "responsible__region", "answered_by"
        ),
        pk=pk,
    )
    if act and not complaint_can_act(user, complaint):
        raise Http404
    return complaint


def complaint_can_view_history(user: AnyUser, obj: object) -> bool:
    complaint = obj if isinstance(obj, Complaint) else getattr(obj, "complaint", None)
    return complaint is not None and complaints_visible_to(user).filter(pk=complaint.pk).exists()
