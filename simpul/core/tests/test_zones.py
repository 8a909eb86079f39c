"""Deadlines end at midnight in the zone of the party that must meet them."""

import csv
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

from simpul.core import zones

DUE = date(2026, 3, 31)


def test_a_deadline_ends_at_midnight_in_its_zone():
    assert zones.deadline_end(DUE, zones.WIB) == datetime(2026, 3, 31, 17, tzinfo=UTC)
    assert zones.deadline_end(DUE, zones.WITA) == datetime(2026, 3, 31, 16, tzinfo=UTC)
    assert zones.deadline_end(DUE, zones.WIT) == datetime(2026, 3, 31, 15, tzinfo=UTC)


def test_the_same_moment_is_on_time_in_jakarta_and_late_in_jayapura():
    moment = datetime(2026, 3, 31, 15, 30, tzinfo=UTC)  # 22:30 WIB, 00:30 WIT the next day
    assert not zones.is_late(moment, DUE, zones.WIB)
    assert zones.is_late(moment, DUE, zones.WIT)


def test_the_last_second_of_the_due_date_is_on_time_and_midnight_is_late():
    end = zones.deadline_end(DUE, zones.WITA)
    assert not zones.is_late(datetime(2026, 3, 31, 15, 59, 59, tzinfo=UTC), DUE, zones.WITA)
    assert zones.is_late(end, DUE, zones.WITA)


def test_provinces_map_to_their_zones():
    assert zones.zone_for_code("73.71") == zones.WITA  # Kota Makassar
    assert zones.zone_for_code("96.01") == zones.WIT  # Kabupaten Sorong, Papua Barat Daya
    assert zones.zone_for_code("63") == zones.WITA  # Kalimantan Selatan
    assert zones.zone_for_code("61.71") == zones.WIB  # Pontianak, Kalimantan Barat
    assert zones.zone_for_code("62") == zones.WIB  # Kalimantan Tengah
    assert zones.zone_for_code("51.71") == zones.WITA  # Denpasar
    assert zones.zone_for_code("82.71") == zones.WIT  # Ternate
    assert zones.zone_for_code("34.71") == zones.WIB  # Yogyakarta


def test_every_region_in_the_reference_data_carries_the_zone_of_its_province():
    data = Path(__file__).resolve().parents[2] / "regions" / "data" / "regions.csv"
    with data.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 500
    assert [r["code"] for r in rows if r["timezone"] != zones.zone_for_code(r["code"])] == []


def test_a_party_organisation_and_region_share_one_zone_and_no_region_means_wib():
    region = SimpleNamespace(code="73.71", timezone=zones.WITA)
    organization = SimpleNamespace(region=region)
    party = SimpleNamespace(organization=organization)
    assert (
        zones.zone_of(region) == zones.zone_of(organization) == zones.zone_of(party) == zones.WITA
    )
    assert zones.zone_of(SimpleNamespace(region=None)) == zones.WIB  # Kemendagri
    assert zones.zone_of(None) == zones.WIB
    assert zones.zone_of("Asia/Jayapura") == zones.WIT


def test_zone_labels_are_the_indonesian_abbreviations():
    assert [zones.label(z) for z in zones.ZONES] == ["WIB", "WITA", "WIT"]
    assert zones.label("UTC") == "UTC"
