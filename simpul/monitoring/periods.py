"""Calendar arithmetic of reporting periods, shared by targets, data collection, analysis,
reports and the seed. A period is (frequency, year, number): number 1..12 for monthly, 1..4
quarterly, 1..2 per semester, 1 yearly. Indonesian fiscal years are calendar years.

    period_bounds("quarterly", 2025, 2) -> (date(2025, 4, 1), date(2025, 6, 30))
    period_label("quarterly", 2025, 2)  -> "Triwulan II 2025" (English: "Quarter 2 2025")
    period_short_label("quarterly", 2025, 2) -> "TW II 2025" (English: "Q2 2025")
    period_of("quarterly", date(2025, 5, 9)) -> (2025, 2)
    periods_between("quarterly", date(2025, 2, 1), date(2025, 12, 31)) -> [(2025, 1), … (2025, 4)]
"""

import calendar
from datetime import date

# The labels are part of the one format policy in core; re-exported for the monitoring code.
from simpul.core.formats import ROMAN, period_label

__all__ = [
    "PERIODS_PER_YEAR",
    "ROMAN",
    "months_per_period",
    "period_bounds",
    "period_label",
    "period_of",
    "period_short_label",
    "periods_between",
]

PERIODS_PER_YEAR = {"monthly": 12, "quarterly": 4, "semester": 2, "yearly": 1}


def months_per_period(frequency: str) -> int:
    return 12 // PERIODS_PER_YEAR[frequency]


def period_bounds(frequency: str, year: int, number: int) -> tuple[date, date]:
    per_year = PERIODS_PER_YEAR[frequency]
    if not 1 <= number <= per_year:
        raise ValueError(f"{frequency} periods are numbered 1..{per_year}, not {number}")
    months = months_per_period(frequency)
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    last_day = calendar.monthrange(year, last_month)[1]
    return date(year, first_month, 1), date(year, last_month, last_day)


def period_of(frequency: str, day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // months_per_period(frequency) + 1


def periods_between(frequency: str, start: date, end: date) -> list[tuple[int, int]]:
    """Every period that overlaps [start, end], in order."""
    if end < start:
        return []
    periods = []
    year, number = period_of(frequency, start)
    per_year = PERIODS_PER_YEAR[frequency]
    while True:
        period_start, _period_end = period_bounds(frequency, year, number)
        if period_start > end:
            return periods
        periods.append((year, number))
        number += 1
        if number > per_year:
            year, number = year + 1, 1


def period_short_label(frequency: str, year: int, number: int) -> str:
    """Compact labels for tables, chart axes and spreadsheet columns: TW II 2025 (Q2 2025)."""
    return period_label(frequency, year, number, short=True)
