"""What a signed-in person's dashboard shows: their organisations, regions and to-dos."""

from django.db.models import Count, Q
from django.urls import reverse

from simpul.agreements.access import agreements_visible_to
from simpul.agreements.models import ACTIVE_STATES
from simpul.agreements.selectors_workflow import agreements_expiring_for
from simpul.monitoring.access import warnings_for
from simpul.monitoring.services.warnings import warning_items
from simpul.organizations import access
from simpul.organizations.models import Invitation, Membership, Organization
from simpul.organizations.services import invitation_token
from simpul.regions.models import Region


def _regions_of(memberships) -> list[Region]:
    regions = {
        m.organization.region.pk: m.organization.region
        for m in memberships
        if m.organization.region
    }
    return sorted(regions.values(), key=lambda r: r.code)


def _managed_organizations(user, memberships) -> list[Organization]:
    """The organisations the user administers, with member and pending-invitation counts."""
    ids = [m.organization_id for m in memberships if m.role == Membership.Role.ADMIN]
    if not ids:
        return []
    return list(
        Organization.objects.filter(pk__in=ids)
        .annotate(
            member_count=Count("memberships", distinct=True),
            pending_count=Count(
                "invitations",
                filter=Q(invitations__status=Invitation.Status.PENDING),
                distinct=True,
            ),
        )
        .order_by("name")
    )


def _oversight(user) -> dict | None:
    overseen = access.overseen_region_ids(user)
    if overseen is None:
        return {"everything": True, "count": Region.objects.current().count(), "regions": []}
    if not overseen:
        return None
    regions = list(
        Region.objects.filter(pk__in=overseen)
        .without_geometry()
        .select_related(None)
        .order_by("code")
    )
    return {"everything": False, "count": len(regions), "regions": regions}


EARLY_WARNINGS_SHOWN = 10


def early_warnings_for(user) -> dict:
    """The open early warnings the user can act on, newest first (two queries however many
    there are: the count and the newest few with their agreement and organisation)."""
    warnings = warnings_for(user)
    newest = (
        warnings.select_related("agreement", "organization")
        .defer(
            "agreement__objectives", "agreement__scope", "agreement__vision", "agreement__mission"
        )
        .order_by("-first_seen_at", "-pk")[:EARLY_WARNINGS_SHOWN]
    )
    return {"count": warnings.count(), "items": warning_items(newest)}


def dashboard_for(user) -> dict:
    memberships = sorted(access.memberships_of(user), key=lambda m: m.organization.name.lower())
    invitations_for_me = [
        {
            "invitation": invitation,
            "accept_url": reverse(
                "organizations:invitation-accept", kwargs={"token": invitation_token(invitation)}
            ),
        }
        for invitation in access.invitations_addressed_to(user)
    ]
    sent = list(
        Invitation.objects.filter(invited_by=user, status=Invitation.Status.PENDING)
        .select_related("organization")
        .order_by("-created_at")[:20]
    )
    return {
        "memberships": memberships,
        "regions": _regions_of(memberships),
        "invitations_for_me": invitations_for_me,
        "invitations_sent": sent,
        "managed_organizations": _managed_organizations(user, memberships),
        "oversight": _oversight(user),
        "expiring_agreements": list(agreements_expiring_for(user)[:10]),
        "early_warnings": early_warnings_for(user),
        "agreement_counts": agreements_visible_to(user).aggregate(
            total=Count("pk"), in_force=Count("pk", filter=Q(state__in=ACTIVE_STATES))
        ),
    }
