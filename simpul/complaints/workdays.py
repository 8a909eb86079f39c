"""Indonesian working days and the complaint deadlines (LAPOR! SP4N).

A working day is Monday to Friday, except national holidays (from the `holidays` package,
`holidays.country_holidays("ID")`) and DayOff rows (cuti bersama and local decisions, kept
in the admin because they are decreed each year).

    add_working_days(day, n)      the n-th working day after `day` (`day` itself never counts)
    working_days_between(a, b)    working days after a up to and including b (negative if b < a)

so that `working_days_between(a, add_working_days(a, n)) == n`.

The deadlines are data: settings.SIMPUL_COMPLAINT_DEADLINES may override any of
DEFAULT_DEADLINES (working days): verify within 3 of receipt, follow up (the official
answer) within 5 of verification, close 10 after the answer.
"""

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from django.conf import settings

from simpul.core import zones

DEFAULT_DEADLINES = {"verify": 3, "follow_up": 5, "close": 10}
# Bounds a runaway loop (a misconfigured DayOff table cannot make a year of days off).
MAX_SPAN_DAYS = 3 * 366


def deadlines() -> dict[str, int]:
    return {**DEFAULT_DEADLINES, **getattr(settings, "SIMPUL_COMPLAINT_DEADLINES", {})}


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("ID", years=year).keys())


def days_off(start: date, end: date) -> set[date]:
    """Every non-working weekday-or-not date between start and end (inclusive) that is a
    national holiday or a DayOff row; weekends are handled by the callers."""
    from .models import DayOff

    result: set[date] = set()
    for year in range(start.year, end.year + 1):
        result |= _national_holidays(year)
    result |= set(DayOff.objects.filter(date__range=(start, end)).values_list("date", flat=True))
    return result


def is_working_day(day: date, off: set[date] | None = None) -> bool:
    if day.weekday() >= 5:
        return False
    off = days_off(day, day) if off is None else off
    return day not in off


def add_working_days(day: date, n: int, off: set[date] | None = None) -> date:
    """The n-th working day after `day` (n >= 0; n == 0 gives `day` itself). `off` (from
    days_off over a range covering the result) saves the query in loops."""
    if n < 0:
        raise ValueError("n must not be negative")
    if n == 0:
        return day
    # Enough room for n working days plus any realistic run of holidays; widened if needed.
    span = n * 2 + 30
    if off is None:
        off = days_off(day, day + timedelta(days=span))
    current, counted = day, 0
    while counted < n:
        current += timedelta(days=1)
        if (current - day).days > span:
            if span >= MAX_SPAN_DAYS:
                raise ValueError("no working days found")
            span = min(span * 2, MAX_SPAN_DAYS)
            off = days_off(day, day + timedelta(days=span))
        if is_working_day(current, off):
            counted += 1
    return current


def working_days_between(a: date, b: date, off: set[date] | None = None) -> int:
    """Working days after `a` up to and including `b`; negative when b is before a.
    `off` (from days_off over a range covering a..b) saves the query in loops."""
    if b < a:
        return -working_days_between(b, a, off)
    if (b - a).days > MAX_SPAN_DAYS * 10:
        raise ValueError("the span is too long")
    off = days_off(a, b) if off is None else off
    count, current = 0, a
    while current < b:
        current += timedelta(days=1)
        if is_working_day(current, off):
            count += 1
    return count


def local_date(moment: datetime, zone_name: str | None = None) -> date:
    """The calendar date of a UTC moment in a region's time zone (WIB by default)."""
    return zones.local_date(moment, zone_name)


def today_in(zone_name: str | None = None) -> date:
    return zones.today_in(zone_name)
