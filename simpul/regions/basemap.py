"""The neutral base layer drawn under every map: Indonesia's provinces (the national view) and
its regencies and cities (closer zoom), with their names, so a map's own regions sit in a
country people recognise instead of floating on a blank background.

Built from the reference data shipped in `data/` (the files `load_regions` loads), not from
map tiles: no request leaves the site. The regencies are simplified together as one coverage
(`shapely.coverage_simplify`, so neighbours keep one shared edge and no slivers open between
them) and the provinces are the union of their simplified regencies, so province and regency
borders coincide when both are drawn. Coordinates are rounded to 0.001° (about 110 m).

Each layer is gzip-compressed once and kept in memory and in the shared cache, keyed by the
data files and the build settings; `manage.py` never has to run anything for it. Budget:
at most BUDGET_GZIP_BYTES gzip-compressed per layer (tested).
"""

import csv
import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import shapely
from django.core.cache import cache
from shapely.geometry import mapping, shape

from .services import DATA_DIR

PROVINCES = "provinsi"
REGENCIES = "kabupaten-kota"
LEVELS = (PROVINCES, REGENCIES)

TOLERANCE = 0.01  # degrees, about 1 km: fine at the zooms the base layer is seen at
GRID = 0.001  # degrees, about 110 m
DECIMALS = 3
# Holes smaller than this (deg², about 1,200 km²) are filled in a province: they are the
# unassigned gaps between regencies the data README lists, not water people should see.
PROVINCE_HOLE_MAX = 0.1
ISLET_MAX = 0.0001  # deg², about 1.2 km²: smaller parts of a regency are left out
BUDGET_GZIP_BYTES = 300_000
CACHE_SECONDS = 30 * 24 * 3600
# Bump when the output changes for the same input (a new property, another tolerance).
BUILD_VERSION = 1
_SOURCES = ("regencies.geojson", "regions.csv")


@dataclass(frozen=True)
class BaseLayer:
    """One layer as served: gzip-compressed GeoJSON and its entity tag."""

    gzipped: bytes
    etag: str
    features: int

    def geojson(self) -> dict:
        return json.loads(gzip.decompress(self.gzipped))


_memo: dict[str, dict[str, BaseLayer]] = {}


def _fingerprint() -> str:
    """Identifies the input: file sizes and modification times, and the build settings."""
    parts = [f"v{BUILD_VERSION}:{TOLERANCE}:{GRID}:{PROVINCE_HOLE_MAX}:{ISLET_MAX}"]
    for name in _SOURCES:
        stat = (DATA_DIR / name).stat()
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


def base_layer(level: str) -> BaseLayer:
    """The layer for `level` (PROVINCES or REGENCIES); KeyError for any other name."""
    if level not in LEVELS:
        raise KeyError(level)
    fingerprint = _fingerprint()
    layers = _memo.get(fingerprint)
    if layers is None:
        key = f"regions-basemap:{fingerprint}"
        layers = cache.get(key)
        if layers is None:
            layers = build_base_layers(DATA_DIR)
            cache.set(key, layers, CACHE_SECONDS)
        _memo.clear()
        _memo[fingerprint] = layers
    return layers[level]


def _round(coordinates):
    if isinstance(coordinates, float | int):
        return round(coordinates, DECIMALS)
    return [_round(c) for c in coordinates]


def _fill_small_holes(geometry):
    polygons = getattr(geometry, "geoms", [geometry])
    kept = [
        shapely.Polygon(
            polygon.exterior,
            [ring for ring in polygon.interiors if shapely.Polygon(ring).area >= PROVINCE_HOLE_MAX],
        )
        for polygon in polygons
        if isinstance(polygon, shapely.Polygon)
    ]
    return shapely.MultiPolygon(kept) if len(kept) > 1 else kept[0]


def _feature(row: dict[str, str], geometry) -> dict:
    mapped = mapping(shapely.set_precision(geometry, GRID))
    return {
        "type": "Feature",
        "geometry": {"type": mapped["type"], "coordinates": _round(mapped["coordinates"])},
        "properties": {
            "code": row["code"],
            "name": row["name"],
            # Where the name goes: the region's pole of inaccessibility (regions.csv), [lon, lat].
            "label": [float(row["lon"]), float(row["lat"])],
            # The official area in km², so the map labels big regions first where names collide.
            "area": round(float(row["area_km2"] or 0)),
        },
    }


def _pack(features: list[dict], level: str) -> BaseLayer:
    text = json.dumps(
        {"type": "FeatureCollection", "features": features},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    # mtime=0: the same input gives the same bytes, so the entity tag can name them.
    gzipped = gzip.compress(text.encode(), compresslevel=9, mtime=0)
    digest = hashlib.sha256(gzipped).hexdigest()[:20]
    return BaseLayer(gzipped=gzipped, etag=f"{level}-{digest}", features=len(features))


def _drop_islets(geometry):
    """Without the parts under ISLET_MAX (the largest part always stays): dots of a pixel or
    two at the zooms the base layer is seen at, and a fifth of its weight."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    largest = max(parts, key=lambda part: part.area)
    kept = [part for part in parts if part is largest or part.area >= ISLET_MAX]
    return shapely.MultiPolygon(kept) if len(kept) > 1 else kept[0]


def build_base_layers(data_dir: Path) -> dict[str, BaseLayer]:
    """Both layers from the reference files; a few seconds of CPU, once per data change."""
    with (data_dir / "regions.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["code"]: row for row in csv.DictReader(handle)}
    with (data_dir / "regencies.geojson").open(encoding="utf-8") as handle:
        source = [f for f in json.load(handle)["features"] if f["properties"]["code"] in rows]
    # Kept in code order: neighbours sit close in the file, so gzip finds their shared edges.
    source.sort(key=lambda f: f["properties"]["code"])
    simplified = shapely.coverage_simplify([shape(f["geometry"]) for f in source], TOLERANCE)
    regencies = []
    by_province: dict[str, list] = {}
    for feature, geometry in zip(source, simplified, strict=True):
        code = feature["properties"]["code"]
        geometry = _drop_islets(geometry)
        regencies.append(_feature(rows[code], geometry))
        by_province.setdefault(rows[code]["parent_code"], []).append(geometry)
    provinces = [
        _feature(rows[code], _fill_small_holes(shapely.coverage_union_all(parts)))
        for code, parts in sorted(by_province.items())
    ]
    return {PROVINCES: _pack(provinces, PROVINCES), REGENCIES: _pack(regencies, REGENCIES)}
