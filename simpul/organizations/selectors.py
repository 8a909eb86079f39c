"""Reads for the organisation pages. Access decisions come from access.py."""

from django.db.models import Count, Q, QuerySet

from simpul.regions.models import Region

from . import access
from .models import Membership, Organization

GEOMETRY = ("region__boundary", "region__bbox")


def organization_directory(
    user, *, q: str = "", kind: str = "", province: str = ""
) -> QuerySet[Organization]:
    """The directory, filtered: by name or acronym, kind, and province (the province itself
    and the regencies/cities in it). Related rows come in the same query."""
    qs = (
        access.organizations_visible_to(user)
        .select_related("region__parent", "parent")
        .defer(*GEOMETRY, "region__parent__boundary", "region__parent__bbox")
    )
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(acronym__icontains=q))
    if kind:
        qs = qs.filter(kind=kind)
    if province:
        qs = qs.filter(Q(region__code=province) | Q(region__parent__code=province))
    return qs.order_by("name", "pk")


def province_choices() -> QuerySet[Region]:
    return Region.objects.current().provinces().only("code", "name").order_by("name")


def organization_units(user, organization: Organization) -> list[Organization]:
    return list(access.organizations_visible_to(user).filter(parent=organization).order_by("name"))


def organization_member_regions(organization: Organization) -> list[Region]:
    if organization.kind != Organization.Kind.JOINT_SECRETARIAT:
        return []
    return list(organization.member_regions.without_geometry().order_by("code"))


def members_with_users(user, organization: Organization) -> list[Membership]:
    return list(access.memberships_visible_to(user, organization))


def admin_count(organization: Organization) -> int:
    return organization.memberships.filter(role=Membership.Role.ADMIN).count()


def member_counts(organization_ids) -> dict[int, int]:
    rows = (
        Organization.objects.filter(pk__in=organization_ids)
        .annotate(n=Count("memberships"))
        .values_list("pk", "n")
    )
    return dict(rows)
