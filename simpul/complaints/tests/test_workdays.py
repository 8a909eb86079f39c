from datetime import UTC, date, datetime

import pytest

from simpul.complaints import workdays
from simpul.complaints.models import DayOff

pytestmark = pytest.mark.django_db


def test_independence_day_on_a_monday_moves_the_next_working_day_to_tuesday():
    friday = date(2026, 8, 14)
    assert workdays.add_working_days(friday, 1) == date(2026, 8, 18)
    assert workdays.working_days_between(friday, date(2026, 8, 18)) == 1
    assert not workdays.is_working_day(date(2026, 8, 17))


def test_idul_fitri_and_collective_leave_from_the_admin_both_stop_the_clock():
    friday = date(2025, 3, 28)  # Idul Fitri 1446 H: Monday 31 March and Tuesday 1 April
    assert workdays.add_working_days(friday, 1) == date(2025, 4, 2)
    for day in (date(2025, 4, 2), date(2025, 4, 3), date(2025, 4, 4), date(2025, 4, 7)):
        DayOff.objects.create(date=day, name="Cuti bersama Idul Fitri")
    assert workdays.add_working_days(friday, 1) == date(2025, 4, 8)
    # Verify within 3 working days of a Friday-before-Lebaran complaint: Thursday 10 April.
    assert workdays.add_working_days(friday, 3) == date(2025, 4, 10)
    assert workdays.working_days_between(friday, date(2025, 4, 10)) == 3


def test_weekends_do_not_count_and_the_two_functions_agree():
    saturday = date(2026, 10, 10)
    assert workdays.add_working_days(saturday, 1) == date(2026, 10, 12)
    assert workdays.working_days_between(saturday, date(2026, 10, 11)) == 0
    assert workdays.working_days_between(date(2026, 10, 12), saturday) == -1
    start = date(2026, 12, 18)  # across Christmas and New Year
    for n in range(0, 12):
        assert workdays.working_days_between(start, workdays.add_working_days(start, n)) == n


def test_dates_are_taken_in_the_region_time_zone_and_deadlines_are_settings(settings):
    moment = datetime(2026, 8, 13, 16, 30, tzinfo=UTC)
    assert workdays.local_date(moment, "Asia/Jakarta") == date(2026, 8, 13)
    assert workdays.local_date(moment, "Asia/Jayapura") == date(2026, 8, 14)
    assert workdays.deadlines() == {"verify": 3, "follow_up": 5, "close": 10}
    settings.SIMPUL_COMPLAINT_DEADLINES = {"verify": 2}
    assert workdays.deadlines()["verify"] == 2
    assert workdays.deadlines()["close"] == 10
