"""Who may read and change a region's potentials and problems: the one place it is decided.

The region's government (its members of the `regional_government` organisation) records and
publishes; overseers (the province for its regencies, Kemendagri for all) and platform admins
read the unpublished ones; everybody reads what the region has published. A region whose
records someone may not read answers 404 on the members' pages, like any hidden object.
"""

from django.http import Http404

from simpul.accounts.access import AnyUser
from simpul.organizations.access import memberships_of, overseen_region_ids
from simpul.organizations.models import Membership, Organization
from simpul.regions.models import Region

from .models import Record

EDITOR_ROLES = {
    Membership.Role.ADMIN,
    Membership.Role.COORDINATOR,
    Membership.Role.EDITOR,
    Membership.Role.DATA_OFFICER,
}


def _government_roles(user: AnyUser, region_id: int) -> set[str]:
    return {
        m.role
        for m in memberships_of(user)
        if m.organization.kind == Organization.Kind.REGIONAL_GOVERNMENT
        and m.organization.region_id == region_id
    }


def region_can_edit_records(user: AnyUser, region: Region) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(_government_roles(user, region.pk) & EDITOR_ROLES)


def region_can_view_records(user: AnyUser, region: Region) -> bool:
    """The unpublished records too: the region's government, its overseers, platform admins."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or _government_roles(user, region.pk):
        return True
    overseen = overseen_region_ids(user)
    return overseen is None or region.pk in overseen


def region_get_records_for_user(user: AnyUser, region: Region, *, edit: bool = False) -> Region:
    allowed = region_can_edit_records if edit else region_can_view_records
    if not allowed(user, region):
        raise Http404
    return region


def record_can_view(user: AnyUser, record: Record) -> bool:
    return record.is_published or region_can_view_records(user, record.region)


def record_can_view_history(user: AnyUser, record: Record) -> bool:
    return region_can_view_records(user, record.region)
