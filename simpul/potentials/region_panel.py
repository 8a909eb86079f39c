"""The potentials section of a region's profile page (registered in PotentialsConfig.ready).

Everybody sees what the region has published; its government, overseers and platform admins
see the drafts too and get the links to the full list and the partner finder. One query.
"""

from django.urls import reverse

from . import access, selectors
from .models import Kind


def public_records_context(region, records) -> dict:
    """What `_public_records.html` needs; shared with the portal's region page."""
    records = list(records)
    return {
        "region": region,
        "potential_records": [r for r in records if r.kind == Kind.POTENTIAL],
        "problem_records": [r for r in records if r.kind == Kind.PROBLEM],
    }


def region_potentials_panel(request, region):
    member = access.region_can_view_records(request.user, region)
    records = selectors.region_records(region.pk, public_only=not member)
    context = public_records_context(region, records)
    context["show_status"] = member
    if member:
        context["members_url"] = reverse("potentials:region", kwargs={"code": region.code})
        if not region.is_province:
            context["finder_url"] = reverse("potentials:finder", kwargs={"code": region.code})
    return "potentials/_public_records.html", context
