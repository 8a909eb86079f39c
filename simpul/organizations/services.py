"""Writes for organisations, memberships and invitations. Views and commands call these."""

from django.db import transaction

from simpul.regions.models import Region

from .models import Organization


def government_name(region: Region) -> str:
    if region.level == Region.Level.PROVINCE:
        return f"Pemerintah Provinsi {region.name}"
    return f"Pemerintah {region.name}"


@transaction.atomic
def governments_ensure(*, regions=None) -> int:
    """Give every region its regional-government organisation; return how many were created."""
    regions = Region.objects.current().without_geometry() if regions is None else regions
    have = set(
        Organization.objects.governments().filter(region__in=regions).values_list("region_id", flat=True)
    )
    created = 0
    for region in regions:
        if region.pk in have:
            continue
        Organization.objects.create(
            name=government_name(region),
            kind=Organization.Kind.REGIONAL_GOVERNMENT,
            region=region,
        )
        created += 1
    return created
