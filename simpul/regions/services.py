"""Loading the reference data shipped in `simpul/regions/data/` (see its README for sources)."""

import csv
import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from shapely.geometry import shape

from .models import Border, Region, RegionCode, RegionSuccession

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    borders: int = 0
    codes: int = 0
    successions: int = 0
    governments_created: int = 0
    notes: list[str] = field(default_factory=list)


def _read_csv(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _read_boundaries(codes: set[str] | None) -> dict[str, dict]:
    geometries: dict[str, dict] = {}
    for name in ("provinces.geojson", "regencies.geojson"):
        with (DATA_DIR / name).open(encoding="utf-8") as handle:
            for feature in json.load(handle)["features"]:
                code = feature["properties"]["code"]
                if codes is None or code in codes:
                    geometries[code] = feature["geometry"]
    return geometries


def _bbox(geometry: dict) -> list[float]:
    west, south, east, north = shape(geometry).bounds
    return [round(west, 4), round(south, 4), round(east, 4), round(north, 4)]


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def regions_load(*, codes: set[str] | None = None, with_boundaries: bool = True) -> LoadReport:
    """Create or update regions, their codes, successions and borders. Safe to run again.

    `codes` limits the load to some regions (tests load a handful); parents are added
    automatically so the tree stays whole.
    """
    report = LoadReport()
    rows = _read_csv("regions.csv")
    if codes is not None:
        wanted = set(codes) | {c.split(".")[0] for c in codes}
        rows = [row for row in rows if row["code"] in wanted]
    geometries = _read_boundaries({r["code"] for r in rows}) if with_boundaries else {}

    existing = {r.code: r for r in Region.objects.all()}
    by_code: dict[str, Region] = dict(existing)
    # Provinces first: the CSV is sorted by code, so every province precedes its regencies.
    for row in rows:
        values = {
            "name": row["name"],
            "level": row["level"],
            "parent": by_code[row["parent_code"]] if row["parent_code"] else None,
            "timezone": row["timezone"],
            "latitude": Decimal(row["lat"]),
            "longitude": Decimal(row["lon"]),
            "area_km2": Decimal(row["area_km2"]) if row["area_km2"] else None,
            "population": int(row["population"]) if row["population"] else None,
        }
        if row["code"] in geometries:
            values["boundary"] = geometries[row["code"]]
            values["bbox"] = _bbox(geometries[row["code"]])
        region = existing.get(row["code"])
        if region is None:
            region = Region.objects.create(code=row["code"], **values)
            report.created += 1
        else:
            changed = [k for k, v in values.items() if getattr(region, k) != v]
            if changed:
                for key in changed:
                    setattr(region, key, values[key])
                region.save(update_fields=[*changed, "updated_at"])
                report.updated += 1
            else:
                report.unchanged += 1
        by_code[region.code] = region

    for region in by_code.values():
        _, created = RegionCode.objects.get_or_create(
            region=region, code=region.code, defaults={"valid_to": None}
        )
        report.codes += int(created)
    for row in _read_csv("code_history.csv"):
        region = by_code.get(row["new_code"])
        if region is None:
            continue
        _, created = RegionCode.objects.update_or_create(
            region=region,
            code=row["old_code"],
            defaults={"valid_to": _date(row["valid_to"]), "legal_basis": row["legal_basis"]},
        )
        report.codes += int(created)
        RegionCode.objects.filter(region=region, code=region.code).update(
            valid_from=_date(row["valid_to"]), legal_basis=row["legal_basis"]
        )
    for row in _read_csv("successions.csv"):
        predecessor = by_code.get(row["predecessor_code"])
        successor = by_code.get(row["successor_code"])
        if predecessor is None or successor is None:
            continue
        _, created = RegionSuccession.objects.update_or_create(
            predecessor=predecessor,
            successor=successor,
            defaults={"date": _date(row["date"]), "legal_basis": row["legal_basis"]},
        )
        report.successions += int(created)

    known = {(b.region_a_id, b.region_b_id): b for b in Border.objects.all()}
    new_borders = []
    for row in _read_csv("borders.csv"):
        a, b = by_code.get(row["code_a"]), by_code.get(row["code_b"])
        if a is None or b is None:
            continue
        first, second = sorted((a, b), key=lambda r: r.pk)
        shared = Decimal(row["shared_km"])
        border = known.get((first.pk, second.pk))
        if border is None:
            new_borders.append(Border(region_a=first, region_b=second, shared_km=shared))
        elif border.shared_km != shared:
            border.shared_km = shared
            border.save(update_fields=["shared_km"])
    Border.objects.bulk_create(new_borders)
    report.borders = len(new_borders)
    return report


def region_resolve_code(code: str) -> Region | None:
    """The region that carries `code` now, or carried it before a code change."""
    region = Region.objects.filter(code=code).first()
    if region is not None:
        return region
    old = (
        RegionCode.objects.filter(code=code).select_related("region").order_by("-valid_to").first()
    )
    return old.region if old else None
