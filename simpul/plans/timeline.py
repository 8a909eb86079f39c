"""The Gantt-like timeline of a plan's activities, computed for a server-rendered CSS grid:
one column per month (label column first), one row per activity, a line for today.

No queries: it works on the activities the plan page already loaded.
"""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

# Beyond this many months the columns would be unreadably thin; the view then shows the span
# around today (the table below the chart always lists every activity in full).
MAX_MONTHS = 72


@dataclass
class Bar:
    activity: object
    column_start: int  # grid line where the bar starts (1 = label column)
    column_end: int  # grid line where it ends (exclusive)
    row: int
    clipped_before: bool
    clipped_after: bool


def _month_index(first: date, value: date) -> int:
    return (value.year - first.year) * 12 + value.month - first.month


def _add_months(value: date, months: int) -> date:
    total = value.year * 12 + value.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def build_timeline(activities: list, today: date) -> dict | None:
    if not activities:
        return None
    first = min(a.start_date for a in activities).replace(day=1)
    last = max(a.end_date for a in activities).replace(day=1)
    count = _month_index(first, last) + 1
    if count > MAX_MONTHS:
        # Centre the window on today when possible, inside the activities' span.
        centre = max(first, min(last, today.replace(day=1)))
        start = _add_months(centre, -MAX_MONTHS // 2)
        start = max(first, min(start, _add_months(last, -(MAX_MONTHS - 1))))
        first, count = start, MAX_MONTHS
    months = [_add_months(first, i) for i in range(count)]
    window_end = months[-1]
    bars = []
    for row, activity in enumerate(activities, start=3):
        start_index = _month_index(first, activity.start_date.replace(day=1))
        end_index = _month_index(first, activity.end_date.replace(day=1))
        visible_start = max(0, min(start_index, count - 1))
        visible_end = max(0, min(end_index, count - 1))
        bars.append(
            Bar(
                activity=activity,
                column_start=visible_start + 2,
                column_end=visible_end + 3,
                row=row,
                clipped_before=start_index < 0,
                clipped_after=activity.end_date.replace(day=1) > window_end,
            )
        )
    years = [
        {"year": year, "span": len(list(group))}
        for year, group in groupby(months, key=lambda m: m.year)
    ]
    today_column = None
    today_offset = 0
    if first <= today.replace(day=1) <= window_end:
        today_column = _month_index(first, today.replace(day=1)) + 2
        days_in_month = (_add_months(today.replace(day=1), 1) - today.replace(day=1)).days
        today_offset = round((today.day - 1) * 100 / days_in_month)
    return {
        "months": months,
        "month_count": count,
        "years": years,
        "bars": bars,
        "rows": len(bars),
        "last_row": len(bars) + 3,
        "today": today,
        "today_column": today_column,
        "today_offset": today_offset,
        "clipped": count == MAX_MONTHS and any(b.clipped_before or b.clipped_after for b in bars),
    }
