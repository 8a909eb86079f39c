"""The data of the portal's national map: a choropleth of public cooperations per regency or
city, the provinces taking part themselves (drawn hatched), and lines between the regions of
each public agreement's parties.

Kept small for a slow phone link: only regions with at least one public cooperation are drawn
(the rest is the shared base layer, regions/basemap.py, and the table beside it), boundaries
are simplified and rounded to about 100 m, each region's simplified boundary is cached on its
own (keyed by its last change), and the whole answer is cached per filter until public
information changes (simpul.core.public_cache.bump changes the generation in the key). A fixed
number of queries.
"""

from collections import defaultdict

from django.core.cache import cache
from django.urls import reverse
from shapely.geometry import mapping, shape

from simpul.agreements.models import Party
from simpul.core.public_cache import generation
from simpul.publication import selectors as gate
from simpul.publication.kinds import InfoKind
from simpul.regions.models import Region

from .selectors import Filters, filtered_agreements, region_counts

TOLERANCE = 0.01  # degrees, about 1 km: plenty for a national map
DECIMALS = 3
LINE_AGREEMENTS_SHOWN = 5
CACHE_SECONDS = 24 * 3600


def _round(coordinates):
    if isinstance(coordinates, (int, float)):
        return round(coordinates, DECIMALS)
    return [_round(c) for c in coordinates]


def simplify(geometry: dict | None) -> dict | None:
    """A GeoJSON geometry simplified for a national map (None when there is none)."""
    if not geometry:
        return None
    try:
        simplified = shape(geometry).simplify(TOLERANCE, preserve_topology=True)
    except (ValueError, TypeError, AttributeError):
        return None
    if simplified.is_empty:
        return None
    result = mapping(simplified)
    return {"type": result["type"], "coordinates": _round(result["coordinates"])}


def _geometry_key(region: Region) -> str:
    stamp = int(region.updated_at.timestamp()) if region.updated_at else 0
    return f"portal-geometry:{region.pk}:{stamp}"


def simplified_boundaries(regions: list[Region]) -> dict[int, dict]:
    """Simplified boundaries by region id: from the cache, the missing ones in one query."""
    keys = {_geometry_key(r): r.pk for r in regions}
    cached = cache.get_many(list(keys))
    found = {keys[key]: geometry for key, geometry in cached.items()}
    missing = [r for r in regions if r.pk not in found]
    if missing:
        computed = {}
        for row in Region.objects.filter(pk__in=[r.pk for r in missing]).only(
            "boundary", "updated_at"
        ):
            found[row.pk] = simplify(row.boundary)
            computed[_geometry_key(row)] = found[row.pk]
        cache.set_many(computed, CACHE_SECONDS)
    return {pk: geometry for pk, geometry in found.items() if geometry}


def _point(region: Region) -> list[float] | None:
    if region.latitude is None or region.longitude is None:
        return None
    return [round(float(region.longitude), DECIMALS), round(float(region.latitude), DECIMALS)]


def _region_url(region: Region) -> str:
    return reverse("portal:region", kwargs={"code": region.code})


def _agreement_url(reference_code: str) -> str:
    return reverse("portal:agreement", kwargs={"reference_code": reference_code})


def build_map_data(filters: Filters) -> dict:
    counted = region_counts(filters)
    # A province taking part is drawn too, below its regencies and distinctly (kind
    # "province"): the table beside the map counts it, so the map must not leave it out.
    regions = sorted(counted, key=lambda r: r.level != Region.Level.PROVINCE)
    # updated_at is needed for the geometry cache key; region_counts loads few fields.
    stamps = dict(
        Region.objects.filter(pk__in=[r.pk for r in regions]).values_list("pk", "updated_at")
    )
    for region in regions:
        region.updated_at = stamps.get(region.pk)
    boundaries = simplified_boundaries(regions)
    features = []
    for region in regions:
        geometry = boundaries.get(region.pk)
        if geometry is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "kind": "province" if region.level == Region.Level.PROVINCE else "region",
                    "code": region.code,
                    "name": region.name,
                    "count": region.count,
                    "url": _region_url(region),
                    # Where the map writes the name: a point inside the region.
                    "point": _point(region),
                },
            }
        )
    features.extend(_partner_lines(filters, {r.pk: r for r in counted}))
    counts = sorted({r.count for r in regions if r.level != Region.Level.PROVINCE})
    return {
        "type": "FeatureCollection",
        "features": features,
        "max_count": counts[-1] if counts else 0,
    }


def _partner_lines(filters: Filters, regions: dict[int, Region]) -> list[dict]:
    """One line per pair of regions that share public agreements, listing a few of them."""
    agreements = filtered_agreements(filters).filter(
        pk__in=gate.agreements_with_public(InfoKind.PARTIES).values("pk")
    )
    rows = (
        Party.objects.filter(agreement__in=agreements.values("pk"))
        .exclude(organization__region__isnull=True)
        .values_list(
            "agreement_id",
            "agreement__reference_code",
            "agreement__title",
            "organization__region_id",
        )
        .order_by("agreement_id")
        .distinct()
    )
    by_agreement: dict[int, dict] = {}
    for agreement_id, code, title, region_id in rows:
        entry = by_agreement.setdefault(
            agreement_id, {"code": code, "title": title, "regions": set()}
        )
        entry["regions"].add(region_id)
    pairs: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for entry in by_agreement.values():
        members = sorted(r for r in entry["regions"] if r in regions)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs[(a, b)].append(entry)
    lines = []
    for (a, b), entries in sorted(pairs.items()):
        start, end = _point(regions[a]), _point(regions[b])
        if start is None or end is None or start == end:
            continue
        entries.sort(key=lambda e: e["code"], reverse=True)
        lines.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [start, end]},
                "properties": {
                    "kind": "link",
                    "name": f"{regions[a].name} – {regions[b].name}",
                    "count": len(entries),
                    "agreements": [
                        {"code": e["code"], "title": e["title"], "url": _agreement_url(e["code"])}
                        for e in entries[:LINE_AGREEMENTS_SHOWN]
                    ],
                    "more": max(0, len(entries) - LINE_AGREEMENTS_SHOWN),
                },
            }
        )
    return lines


def map_data(filters: Filters) -> dict:
    """The map's GeoJSON for these filters, cached until public information changes."""
    key = f"portal-map:{generation()}:{filters.as_query()}"
    data = cache.get(key)
    if data is None:
        data = build_map_data(filters)
        cache.set(key, data, CACHE_SECONDS)
    return data
