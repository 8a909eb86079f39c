"""Indonesian working days, for every app that counts them (complaint deadlines, response
times in discussions).

A working day is Monday to Friday, except national holidays (from the `holidays` package,
`holidays.country_holidays("ID")`) and the extra days off that apps register: cuti bersama
and local decisions are decreed each year and kept as data (the complaints app's `DayOff`
rows, registered with `register_days_off` in its AppConfig.ready(); the kernel imports no app).

    add_working_days(day, n)      the n-th working day after `day` (`day` itself never counts)
    working_days_between(a, b)    working days after a up to and including b (negative if b < a)

so that `working_days_between(a, add_working_days(a, n)) == n`.
"""

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays

# Bounds a runaway loop (a misconfigured table of days off cannot make a year of days off).
MAX_SPAN_DAYS = 3 * 366

DaysOffSource = Callable[[date, date], Iterable[date]]
_sources: list[DaysOffSource] = []


def register_days_off(source: DaysOffSource) -> DaysOffSource:
    """Add a source of extra days off (start, end) -> dates, once however often ready() runs."""
    if source not in _sources:
        _sources.append(source)
    return source


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("ID", years=year).keys())


def days_off(start: date, end: date) -> set[date]:
    """Every date between start and end (inclusive) that is a national holiday or a registered
    day off; weekends are handled by the callers."""
    result: set[date] = set()
    for year in range(start.year, end.year + 1):
        result |= _national_holidays(year)
    for source in _sources:
        result |= set(source(start, end))
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
