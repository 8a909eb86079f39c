"""The public thematic map's layers (issue 16, item 2): one value per region, drawn by the
browser on the shared base layer (regions/basemap.py), so the page never ships boundaries of
its own — the regency layer is the base's, at most 300 kB gzip, cached a day — and the
values are a few kilobytes of JSON in the page (`json_script`, no inline script).

Layers:
- `agreements`: public cooperations per region (the portal map's count, same filters);
- `scorecard`: the governance score (overall, 0–100) of the latest year with scores;
- `potentials`, `problems`: a region's published potentials (or problems), in the chosen
  affair or all (potentials.selectors.region_potential_counts);
- `network`: lines between the regions of each public agreement's parties, weighted by
  count, filterable by family and affair (portal/network.py builds them).
Every layer has the same table beside the map. An unknown layer, family or affair is a 400
naming the valid ones.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.potentials.selectors import region_potential_counts
from simpul.regions.models import Region
from simpul.scorecard.selectors import ranking, ranking_years

from .network import cooperation_network
from .selectors import Filters, region_counts

LAYERS = {
    "agreements": _("Public cooperations"),
    "scorecard": _("Governance score"),
    "potentials": _("Potentials"),
    "problems": _("Problems"),
    "network": _("Cooperation network"),
}
# Class breaks (lower bounds) of each choropleth, darkest first; the legend reads them.
BREAKS = {
    "agreements": [10, 4, 2, 1],
    "scorecard": [80, 60, 40, 0],
    "potentials": [5, 3, 2, 1],
    "problems": [5, 3, 2, 1],
}
DECIMALS = 3
# Nationally there are thousands of partner pairs: the map and table show the heaviest (the
# open data has every agreement), which keeps the page near 30 kB gzip instead of 200.
PAIRS_SHOWN = 300


@dataclass
class Layer:
    code: str
    label: str
    rows: list[dict] = field(default_factory=list)  # the table, and what the map colours
    lines: list[dict] = field(default_factory=list)  # the network layer's lines
    year: int | None = None
    total: int | None = None  # rows there are, when only the first are shown

    def payload(self) -> dict:
        """What the page hands the map script (small: codes and values, no boundaries)."""
        return {
            "layer": self.code,
            "breaks": BREAKS.get(self.code, []),
            "values": {row["code"]: row["value"] for row in self.rows if row.get("code")},
            "lines": self.lines,
        }


def _point(region) -> list[float] | None:
    if region.latitude is None or region.longitude is None:
        return None
    return [round(float(region.longitude), DECIMALS), round(float(region.latitude), DECIMALS)]


def _url(code: str) -> str:
    return reverse("portal:region", kwargs={"code": code})


def _agreements_layer(filters: Filters) -> Layer:
    rows = [
        {"code": r.code, "name": r.name, "value": r.count, "url": _url(r.code)}  # type: ignore[attr-defined]
        for r in region_counts(filters)
    ]
    return Layer("agreements", str(LAYERS["agreements"]), rows=rows)


def _scorecard_layer(filters: Filters) -> Layer:
    # The latest year with scores: early in a year, this year's are not computed yet.
    year, scores = ranking_years()[0], []
    for year in ranking_years()[:2]:
        scores = [s for s in ranking(year=year) if s.overall is not None]
        if scores:
            break
    rows = [
        {
            "code": region.code,
            "name": region.name,
            "value": round(float(s.overall or 0)),
            "url": _url(region.code),
        }
        for s in scores
        if (region := s.region) is not None
    ]
    return Layer("scorecard", str(LAYERS["scorecard"]), rows=rows, year=year)


def _records_layer(code: str, filters: Filters) -> Layer:
    counts = region_potential_counts(affair=filters.affair, public_only=True)
    regions = Region.objects.filter(pk__in=list(counts)).only("code", "name").order_by("code")
    found = sorted(
        ((counts[r.pk][code], r) for r in regions if counts[r.pk][code]), key=lambda vr: -vr[0]
    )
    rows = [
        {"code": r.code, "name": r.name, "value": value, "url": _url(r.code)} for value, r in found
    ]
    return Layer(code, str(LAYERS[code]), rows=rows)


def _network_layer(filters: Filters) -> Layer:
    network = cooperation_network(filters, centrality=False)
    points = {
        region.pk: _point(region)
        for region in Region.objects.filter(
            pk__in=[n.key[1] for n in network.nodes if n.kind == "region"]
        ).only("latitude", "longitude")
    }
    rows: list[dict] = []
    lines: list[dict] = []
    pairs = [e for e in network.edges if e.a.kind == "region" and e.b.kind == "region"]
    for edge in pairs[:PAIRS_SHOWN]:
        rows.append(
            {
                "name": f"{edge.a.name} – {edge.b.name}",
                "value": edge.count,
                "url": _url(edge.a.code),
            }
        )
        start, end = points.get(edge.a.key[1]), points.get(edge.b.key[1])
        if start and end and start != end:
            lines.append({"from": start, "to": end, "count": edge.count, "name": rows[-1]["name"]})
    return Layer("network", str(LAYERS["network"]), rows=rows, lines=lines, total=len(pairs))


BUILDERS = {
    "agreements": _agreements_layer,
    "scorecard": _scorecard_layer,
    "potentials": lambda filters: _records_layer("potentials", filters),
    "problems": lambda filters: _records_layer("problems", filters),
    "network": _network_layer,
}


def thematic_layer(code: str, filters: Filters) -> Layer:
    """The layer's rows (KeyError for an unknown layer: the view answers 400)."""
    return BUILDERS[code](filters)
