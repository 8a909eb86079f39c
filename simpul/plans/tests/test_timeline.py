"""The Gantt-like timeline: one column per month, bars on the right columns, a today line
inside the range only, and long plans drawn as a window around today."""

from datetime import date
from types import SimpleNamespace

from simpul.plans.timeline import MAX_MONTHS, build_timeline


def _activity(start, end, status="planned", progress=0):
    return SimpleNamespace(start_date=start, end_date=end, status=status, progress=progress)


def test_no_activity_means_no_timeline():
    assert build_timeline([], date(2026, 1, 1)) is None


def test_bars_span_their_months_and_today_is_marked_inside_the_range():
    first = _activity(date(2025, 3, 10), date(2025, 5, 2))
    second = _activity(date(2025, 5, 1), date(2026, 2, 28))
    timeline = build_timeline([first, second], date(2025, 6, 16))
    assert timeline["month_count"] == 12  # March 2025 to February 2026
    assert [y["span"] for y in timeline["years"]] == [10, 2]
    bar_one, bar_two = timeline["bars"]
    # Column 1 holds the labels; March is grid line 2 and a bar ends one line after its month.
    assert (bar_one.column_start, bar_one.column_end) == (2, 5)
    assert (bar_two.column_start, bar_two.column_end) == (4, 14)
    assert (bar_one.row, bar_two.row) == (3, 4)
    assert timeline["today_column"] == 5  # June
    assert timeline["today_offset"] == 50  # the 16th of a 30-day month


def test_today_outside_the_range_draws_no_line():
    timeline = build_timeline([_activity(date(2025, 1, 1), date(2025, 3, 1))], date(2027, 1, 1))
    assert timeline["today_column"] is None


def test_a_very_long_plan_is_drawn_as_a_window_around_today():
    long = _activity(date(2020, 1, 1), date(2035, 12, 31))
    timeline = build_timeline([long], date(2028, 1, 15))
    assert timeline["month_count"] == MAX_MONTHS
    bar = timeline["bars"][0]
    assert bar.clipped_before and bar.clipped_after
    assert (bar.column_start, bar.column_end) == (2, MAX_MONTHS + 2)
    assert timeline["today_column"] is not None
    assert timeline["clipped"]
