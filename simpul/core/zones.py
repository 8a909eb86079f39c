"""Indonesia's three time zones, and deadlines that end at midnight in one of them.

A deadline on a date ends when that date ends *in the zone of the party that must meet it*
(its region's zone), whoever looks and whatever zone the server runs in:

    deadline_end(date(2026, 3, 31), WIT)  -> 2026-03-31 15:00 UTC (midnight in Jayapura)
    is_late(moment, date(2026, 3, 31), WITA)
    zone_of(party) / zone_of(organization) / zone_of(region) -> "Asia/Makassar"

A region's zone is stored on it (regions.csv, checked against `zone_for_code`); an
organisation without a region (Kemendagri) and anything unknown fall back to WIB, the
zone of the capital and of `settings.TIME_ZONE`.
"""

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

WIB = "Asia/Jakarta"
WITA = "Asia/Makassar"
WIT = "Asia/Jayapura"
ZONES = (WIB, WITA, WIT)
LABELS = {WIB: "WIB", WITA: "WITA", WIT: "WIT"}

# Province codes (Kemendagri) by zone; every other province is WIB (Kalimantan Barat 61 and
# Kalimantan Tengah 62 included, while Kalimantan Selatan 63 is WITA).
WITA_PROVINCES = frozenset({"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"})
WIT_PROVINCES = frozenset({"81", "82", "91", "92", "93", "94", "95", "96", "97"})


def zone_for_code(region_code: str) -> str:
    """The zone of a province, regency or city from its Kemendagri code ("73.71" → WITA)."""
    province = (region_code or "").split(".")[0]
    if province in WITA_PROVINCES:
        return WITA
    if province in WIT_PROVINCES:
        return WIT
    return WIB


def zone_of(thing: Any) -> str:
    """The zone name of a region, an organisation (its region's), a party or membership (its
    organisation's), or a zone name itself; WIB when there is none."""
    if isinstance(thing, str):
        return thing if thing in ZONES else WIB
    if thing is None:
        return WIB
    own = getattr(thing, "timezone", None)
    if isinstance(own, str):  # a Region
        return own if own in ZONES else zone_for_code(getattr(thing, "code", ""))
    for attribute in ("region", "organization"):
        if hasattr(thing, attribute):
            return zone_of(getattr(thing, attribute))
    return WIB


def zone_info(zone: Any) -> ZoneInfo:
    return zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone_of(zone))


def label(zone: Any, moment: datetime | None = None) -> str:
    """WIB, WITA or WIT; for another zone its own abbreviation at that moment (UTC, …)."""
    key = getattr(zone, "key", zone)
    if key in LABELS:
        return LABELS[key]
    tz = zone if isinstance(zone, tzinfo) else ZoneInfo(str(zone))
    return (moment or timezone.now()).astimezone(tz).tzname() or str(key)


def local_date(moment: datetime, zone: Any) -> date:
    """The calendar date of a moment in a zone."""
    return timezone.localtime(moment, zone_info(zone)).date()


def today_in(zone: Any) -> date:
    return local_date(timezone.now(), zone)


def start_of(day: date, zone: Any) -> datetime:
    """The moment a date begins in a zone (aware)."""
    return datetime.combine(day, time.min, tzinfo=zone_info(zone))


def deadline_end(due: date, zone: Any) -> datetime:
    """The first moment that is too late for a deadline on `due` in `zone`: the next
    midnight there. Indonesia has no daylight saving, so this is always 24 hours after the
    date began."""
    return start_of(due + timedelta(days=1), zone)


def is_late(moment: datetime, due: date, zone: Any) -> bool:
    """Whether something done at `moment` missed a deadline on `due` in `zone`."""
    return moment >= deadline_end(due, zone)
