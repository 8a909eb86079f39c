"""Reads of regions for views and other apps. Lists never load boundaries (up to ~100 kB a row)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum

from .models import Border, Region, RegionCode, RegionSuccession

# Boundaries and bounding boxes of a region and of the parent loaded alongside it.
_GEOMETRY = ("boundary", "parent__boundary", "parent__bbox")


def national_counts() -> dict:
    """Counts for the landing page, in one query."""
    return Region.objects.current().aggregate(
        provinces=Count("id", filter=Q(level=Region.Level.PROVINCE)),
        regencies=Count("id", filter=Q(level=Region.Level.REGENCY)),
        cities=Count("id", filter=Q(level=Region.Level.CITY)),
        population=Sum("population", filter=Q(level=Region.Level.PROVINCE)),
    )


def _light() -> QuerySet[Region]:
    """Current regions with their province, without any geometry."""
    return Region.objects.current().select_related("parent").defer(*_GEOMETRY)


def province_choices() -> QuerySet[Region]:
    return Region.objects.current().provinces().only("id", "code", "name").order_by("name")


def region_list(*, q: str = "", province_code: str = "", level: str = "") -> QuerySet[Region]:
    """The directory: current regions matching a name or code prefix, a province and a level.

    `province_code` keeps the province itself and everything inside it.
    """
    regions = _light()
    q = (q or "").strip()
    if q:
        regions = regions.filter(Q(name__icontains=q) | Q(code__startswith=q))
    if province_code:
        regions = regions.filter(Q(code=province_code) | Q(parent__code=province_code))
    if level:
        regions = regions.filter(level=level)
    return regions.order_by("code")


def region_neighbours(region: Region) -> QuerySet[Region]:
    """Regions of the same tier sharing a land border with `region`, by name, with `shared_km`.

    Borders are stored once per pair, so the shared length is looked up in both directions.
    """
    return _bordering(_light(), region)


def _bordering(regions: QuerySet[Region], region: Region) -> QuerySet[Region]:
    shared = Border.objects.filter(
        Q(region_a=region, region_b=OuterRef("pk")) | Q(region_b=region, region_a=OuterRef("pk"))
    ).values("shared_km")[:1]
    return (
        regions.annotate(shared_km=Subquery(shared))
        .filter(shared_km__isnull=False)
        .order_by("name", "code")
    )


@dataclass
class RegionProfile:
    region: Region
    parent: Region | None
    children: list[Region]
    neighbours: list[Region]
    codes: list[RegionCode]
    origins: list[RegionSuccession]  # this region was formed from these
    successors: list[RegionSuccession]  # these were formed from this region

    @property
    def former_codes(self) -> list[RegionCode]:
        return [c for c in self.codes if c.code != self.region.code]


def region_profile(region: Region) -> RegionProfile:
    """Everything the region page shows, in a fixed number of queries."""
    children: list[Region] = []
    if region.is_province:
        children = list(
            Region.objects.current()
            .filter(parent=region)
            .defer("boundary", "bbox")
            .order_by("code")
        )
        for child in children:
            child.parent = region  # no extra query when a template asks for the province
    codes = sorted(
        RegionCode.objects.filter(region=region),
        key=lambda c: (c.valid_to is None, c.valid_to or c.valid_from or date.min, c.code),
    )
    return RegionProfile(
        region=region,
        parent=region.parent if not region.is_province else None,
        children=children,
        neighbours=list(region_neighbours(region)),
        codes=codes,
        origins=list(
            RegionSuccession.objects.filter(successor=region)
            .select_related("predecessor")
            .defer("predecessor__boundary", "predecessor__bbox")
            .order_by("date")
        ),
        successors=list(
            RegionSuccession.objects.filter(predecessor=region)
            .select_related("successor")
            .defer("successor__boundary", "successor__bbox")
            .order_by("date")
        ),
    )


def region_map_features(region: Region) -> list[tuple[str, Region]]:
    """The regions a map of `region` draws, with their role: itself, then its children
    (a province) or its neighbours (a regency or city). Boundaries included."""
    if region.is_province:
        others = Region.objects.current().filter(parent=region).order_by("code")
        role = "child"
    else:
        others = _bordering(Region.objects.current(), region)
        role = "neighbour"
    return [("self", region), *((role, other) for other in others)]
