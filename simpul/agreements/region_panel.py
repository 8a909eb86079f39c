"""The agreements section of a region's profile page (registered in AgreementsConfig.ready).

It lists the agreements the person may see that have a party in the region (its government,
agencies or partners based there), and hands the map the lines from the region to each
partner region. Visitors see nothing for now: the public portal will decide what is public.
A constant number of queries, whatever the region holds.
"""

from django.db.models import Prefetch

from simpul.organizations.models import Organization
from simpul.regions.models import Region

from .access import agreements_visible_to
from .models import Agreement, Party
from .selectors import annotate_stages

SHOWN = 20


def _point(region) -> list[float] | None:
    if region.latitude is None or region.longitude is None:
        return None
    return [float(region.longitude), float(region.latitude)]


def region_agreements_panel(request, region):
    if not request.user.is_authenticated:
        return None
    # A subquery rather than DISTINCT: an agreement with two parties in the region counts once.
    agreements = Agreement.objects.filter(
        pk__in=agreements_visible_to(request.user)
        .filter(parties__organization__region=region)
        .values("pk")
    )
    total = agreements.count()
    if not total:
        return None
    parties = Party.objects.select_related("organization__region").only(
        "agreement_id",
        "position",
        "organization__name",
        "organization__kind",
        "organization__region__code",
        "organization__region__name",
        "organization__region__level",
        "organization__region__parent_id",
        "organization__region__latitude",
        "organization__region__longitude",
    )
    shown = annotate_stages(
        agreements.order_by("-start_date", "-created_at")
        .only("reference_code", "title", "family", "category", "state", "workflow_id", "end_date")
        .prefetch_related(Prefetch("parties", queryset=parties))[:SHOWN]
    )
    for agreement in shown:
        agreement.partner_names = [
            party.organization.name
            for party in agreement.parties.all()
            if party.organization.region_id != region.pk
        ]
    # Partner regions over every visible agreement, not only the ones listed.
    partner_regions = (
        Region.objects.filter(
            organizations__agreement_parties__agreement__in=agreements.values("pk")
        )
        .exclude(pk=region.pk)
        .distinct()
        .only("code", "name", "level", "latitude", "longitude")
        .order_by("name")
    )
    origin = _point(region)
    features = []
    partners = list(partner_regions)
    if origin is not None:
        for partner in partners:
            point = _point(partner)
            if point is None:
                continue
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "LineString", "coordinates": [origin, point]},
                    "properties": {
                        "code": partner.code,
                        "name": partner.name,
                        "url": partner.get_absolute_url(),
                    },
                }
            )
    return (
        "agreements/region_panel.html",
        {
            "region": region,
            "agreements": shown,
            "total": total,
            "more": max(0, total - len(shown)),
            "partners": partners,
            "partner_lines": {"type": "FeatureCollection", "features": features},
            "government_kind": Organization.Kind.REGIONAL_GOVERNMENT,
        },
    )
