"""Who may see and change cooperation agreements: the one place these decisions are made.

- Members of a party organisation (or of the organisation that registered it) read the
  agreement; members of an agency (OPD) under a party government read it too, since they
  carry the work out.
- Acting on it (editing, uploading, moving it through its stages) needs a membership in a
  party or the registering organisation with a role the transition allows; editing data
  needs admin, coordinator or editor.
- Oversight reads: a province government sees agreements with a party in its province, a
  central-government organisation sees all. Overseers do not act.
- Everyone else sees nothing internal (404, so existence does not leak).
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from simpul.accounts.access import AnyUser
from simpul.organizations.access import (
    memberships_of,
    overseen_region_ids,
    role_in,
    user_oversees_everything,
)
from simpul.organizations.models import Membership, Organization

from .models import Agreement, ImportJob, Party

EDITOR_ROLES = {Membership.Role.ADMIN, Membership.Role.COORDINATOR, Membership.Role.EDITOR}
ROLE_RANK = ["viewer", "data_officer", "editor", "coordinator", "admin"]


def reading_organization_ids(user: AnyUser) -> set[int]:
    """The user's organisations and, for an agency, the government above it."""
    ids: set[int] = set()
    for membership in memberships_of(user):
        ids.add(membership.organization_id)
        if membership.organization.parent_id:
            ids.add(membership.organization.parent_id)
    return ids


def editing_organization_ids(user: AnyUser) -> set[int]:
    """The organisations in which the user may edit (admin, coordinator or editor)."""
    return {m.organization_id for m in memberships_of(user) if m.role in EDITOR_ROLES}


def agreements_visible_to(user: AnyUser) -> QuerySet[Agreement]:
    if not user.is_authenticated:
        return Agreement.objects.none()
    if user.is_superuser or user_oversees_everything(user):
        return Agreement.objects.all()
    org_ids = reading_organization_ids(user)
    condition = Q(owner_id__in=org_ids) | Q(
        pk__in=Party.objects.filter(organization_id__in=org_ids).values("agreement_id")
    )
    overseen = overseen_region_ids(user)
    if overseen:
        condition |= Q(
            pk__in=Party.objects.filter(organization__region_id__in=overseen).values("agreement_id")
        )
    return Agreement.objects.filter(condition)


def agreement_can_view(user: AnyUser, agreement: Agreement) -> bool:
    return agreements_visible_to(user).filter(pk=agreement.pk).exists()


def agreement_role(user: AnyUser, agreement: Agreement) -> str | None:
    """The user's strongest role in a party (or registering) organisation, or None."""
    if not user.is_authenticated:
        return None
    acting = set(agreement.parties.values_list("organization_id", flat=True))
    acting.add(agreement.owner_id)
    roles = [m.role for m in memberships_of(user) if m.organization_id in acting]
    return max(roles, key=ROLE_RANK.index) if roles else None


def agreement_can_edit(user: AnyUser, agreement: Agreement) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or agreement_role(user, agreement) in EDITOR_ROLES


def agreement_get_for_user(user: AnyUser, pk: int, *, write: bool = False) -> Agreement:
    """The agreement, or 404 when the user may not see it (or, with write=True, change it)."""
    agreement = get_object_or_404(agreements_visible_to(user), pk=pk)
    if write and not agreement_can_edit(user, agreement):
        raise Http404
    return agreement


def agreement_object_can_view_history(user: AnyUser, obj: object) -> bool:
    """History pages of an agreement and of everything that hangs off it."""
    agreement = _agreement_of(obj)
    return agreement is not None and agreement_can_view(user, agreement)


def _agreement_of(obj: object) -> Agreement | None:
    if isinstance(obj, Agreement):
        return obj
    for path in ("agreement", "party.agreement", "dispute.agreement"):
        current = obj
        for attribute in path.split("."):
            current = getattr(current, attribute, None)
            if current is None:
                break
        if isinstance(current, Agreement):
            return current
    return None


# --- Excel imports ------------------------------------------------------------------------


def import_can_create(user: AnyUser, organization: Organization) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or role_in(user, organization) in EDITOR_ROLES


def import_owner_choices(user: AnyUser) -> list[Organization]:
    """The organisations this user may import agreements for (editor roles and up)."""
    if user.is_superuser:
        return list(Organization.objects.order_by("name"))
    return sorted(
        (m.organization for m in memberships_of(user) if m.role in EDITOR_ROLES),
        key=lambda org: org.name,
    )


def import_jobs_visible_to(user: AnyUser) -> QuerySet[ImportJob]:
    """Jobs of the organisations where the user imports (editor roles), all for admins."""
    jobs = ImportJob.objects.select_related("organization", "uploaded_by").defer(
        "preview", "errors"
    )
    if not user.is_authenticated:
        return jobs.none()
    if user.is_superuser:
        return jobs
    ids = [m.organization_id for m in memberships_of(user) if m.role in EDITOR_ROLES]
    return jobs.filter(organization_id__in=ids)


def import_job_get_for_user(user: AnyUser, pk: int) -> ImportJob:
    """The job, or 404 for anyone who is not an editor+ of its organisation or an admin."""
    if not user.is_authenticated:
        raise Http404
    job = ImportJob.objects.select_related("organization", "uploaded_by").filter(pk=pk).first()
    if job is None or not (user.is_superuser or role_in(user, job.organization) in EDITOR_ROLES):
        raise Http404
    return job
