"""Who may see and change organisations, memberships and invitations.

This module is the one place these decisions are made; views, commands and other apps call it.
Oversight: a province government oversees the regencies/cities inside it; a
central-government organisation (e.g. Kemendagri) oversees every region.
"""

from typing import cast

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from simpul.accounts.access import AnyUser
from simpul.regions.models import Region

from .models import Invitation, Membership, Organization

MANAGER_ROLES = {Membership.Role.ADMIN}
OVERSEEN_KINDS = Organization.REGIONAL_KINDS | {Organization.Kind.JOINT_SECRETARIAT}


def memberships_of(user: AnyUser) -> list[Membership]:
    """The user's memberships, cached on the user object for the request."""
    if not user.is_authenticated:
        return []
    cached: list[Membership] | None = getattr(user, "_simpul_memberships", None)
    if cached is None:
        # Every signed-in request runs this query: the regions' boundaries (kilobytes of
        # GeoJSON each) are never read through a membership, so they are not loaded.
        cached = list(
            Membership.objects.filter(user=user, organization__is_active=True)
            .select_related("organization__region")
            .defer("organization__region__boundary", "organization__region__bbox")
        )
        # A per-request cache on the user object, which declares no such attribute.
        user._simpul_memberships = cached  # type: ignore[attr-defined]
    return cached


def user_oversees_everything(user: AnyUser) -> bool:
    return user.is_authenticated and (
        user.is_superuser or any(m.organization.is_central_government for m in memberships_of(user))
    )


def overseen_region_ids(user: AnyUser) -> set[int] | None:
    """Regions whose internal data the user sees by oversight; None means all regions."""
    if user_oversees_everything(user):
        return None
    ids: set[int] = set()
    # A province government always has its region (is_province_government checks it).
    provinces = cast(
        list[int],
        [
            m.organization.region_id
            for m in memberships_of(user)
            if m.organization.is_province_government
        ],
    )
    if provinces:
        ids.update(provinces)
        ids.update(Region.objects.filter(parent_id__in=provinces).values_list("id", flat=True))
    return ids


def member_organization_ids(user: AnyUser) -> set[int]:
    return {m.organization_id for m in memberships_of(user)}


def role_in(user: AnyUser, organization: Organization) -> str | None:
    for m in memberships_of(user):
        if m.organization_id == organization.pk:
            return m.role
    return None


# --- Organisations -------------------------------------------------------------------------


def organizations_visible_to(user: AnyUser) -> QuerySet[Organization]:
    """The organisation directory is for signed-in users: partners need to find each other."""
    if not user.is_authenticated:
        return Organization.objects.none()
    qs = Organization.objects.all()
    if not user.is_superuser:
        qs = qs.filter(is_active=True)
    return qs


def organization_can_view(user: AnyUser, organization: Organization) -> bool:
    return user.is_authenticated and (organization.is_active or user.is_superuser)


def organization_can_view_internal(user: AnyUser, organization: Organization) -> bool:
    """Members list, invitations and history: members, overseers and platform admins."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or organization.pk in member_organization_ids(user):
        return True
    # Oversight covers the government side only: an NGO's or a firm's members are its own
    # business, even when its home region is overseen.
    if organization.kind not in OVERSEEN_KINDS:
        return False
    if user_oversees_everything(user):
        return True
    overseen = overseen_region_ids(user)
    region_ids = {organization.region_id} if organization.region_id else set()
    if organization.kind == Organization.Kind.JOINT_SECRETARIAT:
        region_ids |= set(organization.member_regions.values_list("id", flat=True))
    return bool(region_ids and overseen and region_ids <= overseen)


def organization_can_manage(user: AnyUser, organization: Organization) -> bool:
    """Invite people, change roles, remove members: its admins and platform admins."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or role_in(user, organization) in MANAGER_ROLES


def organization_get_for_user(
    user: AnyUser, pk: int, *, manage: bool = False, internal: bool = False
) -> Organization:
    """The organisation, or 404 when the user may not see it (no existence leak).

    `internal=True` also requires the right to see its members and invitations;
    `manage=True` the right to change them.
    """
    organization = get_object_or_404(
        Organization.objects.select_related("region", "parent").defer(
            "region__boundary", "region__bbox"
        ),
        pk=pk,
    )
    if not organization_can_view(user, organization):
        raise Http404
    if internal and not organization_can_view_internal(user, organization):
        raise Http404
    if manage and not organization_can_manage(user, organization):
        raise Http404
    return organization


def organization_can_view_history(user: AnyUser, organization: Organization) -> bool:
    return organization_can_view_internal(user, organization)


# --- Memberships and invitations ----------------------------------------------------------


def membership_can_view_history(user: AnyUser, membership: Membership) -> bool:
    return organization_can_view_internal(user, membership.organization)


def invitation_can_view_history(user: AnyUser, invitation: Invitation) -> bool:
    return organization_can_manage(user, invitation.organization)


def memberships_visible_to(user: AnyUser, organization: Organization) -> QuerySet[Membership]:
    if not organization_can_view_internal(user, organization):
        return Membership.objects.none()
    return organization.memberships.select_related("user").order_by("user__full_name")


def invitations_visible_to(user: AnyUser, organization: Organization) -> QuerySet[Invitation]:
    """Pending invitations of an organisation: for those who may see its members."""
    if not organization_can_view_internal(user, organization):
        return Invitation.objects.none()
    return organization.invitations.filter(status=Invitation.Status.PENDING).select_related(
        "invited_by"
    )


def membership_get_for_manager(user: AnyUser, organization: Organization, pk: int) -> Membership:
    """A membership of an organisation the user manages, or 404."""
    if not organization_can_manage(user, organization):
        raise Http404
    return get_object_or_404(
        Membership.objects.select_related("user", "organization"), pk=pk, organization=organization
    )


def invitation_get_for_manager(user: AnyUser, organization: Organization, pk: int) -> Invitation:
    """An invitation of an organisation the user manages, or 404."""
    if not organization_can_manage(user, organization):
        raise Http404
    return get_object_or_404(
        Invitation.objects.select_related("organization"), pk=pk, organization=organization
    )


def invitation_can_accept(user: AnyUser, invitation: Invitation) -> bool:
    """Only the addressee accepts: a visitor (who proves the address by the link and, for an
    existing account, by signing in) or the signed-in user with that e-mail address."""
    if not user.is_authenticated:
        return True
    return user.email.lower() == invitation.email.lower()


def invitations_addressed_to(user: AnyUser) -> QuerySet[Invitation]:
    """Pending, unexpired invitations waiting for the signed-in user's answer."""
    if not user.is_authenticated:
        return Invitation.objects.none()
    return (
        Invitation.objects.filter(
            email__iexact=user.email,
            status=Invitation.Status.PENDING,
            expires_at__gt=timezone.now(),
            organization__is_active=True,
        )
        .select_related("organization", "invited_by")
        .order_by("-created_at")
    )
