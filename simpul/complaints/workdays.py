"""The complaint deadlines (LAPOR! SP4N), in Indonesian working days.

The working-day arithmetic is the kernel's (`simpul.core.workdays`, re-exported here for the
complaints code); this app adds its `DayOff` rows (cuti bersama and local decisions, kept in
the admin because they are decreed each year) as a source of days off, registered in
apps.py.

The deadlines are data: settings.SIMPUL_COMPLAINT_DEADLINES may override any of
DEFAULT_DEADLINES (working days): verify within 3 of receipt, follow up (the official
answer) within 5 of verification, close 10 after the answer.
"""

from datetime import date, datetime

from django.conf import settings

from simpul.core import zones
from simpul.core.workdays import (
    add_working_days,
    days_off,
    is_working_day,
    working_days_between,
)

__all__ = [
    "DEFAULT_DEADLINES",
    "add_working_days",
    "collective_leave",
    "days_off",
    "deadlines",
    "is_working_day",
    "local_date",
    "today_in",
    "working_days_between",
]

DEFAULT_DEADLINES = {"verify": 3, "follow_up": 5, "close": 10}


def deadlines() -> dict[str, int]:
    return {**DEFAULT_DEADLINES, **getattr(settings, "SIMPUL_COMPLAINT_DEADLINES", {})}


def local_date(moment: datetime, zone_name: str | None = None) -> date:
    """The calendar date of a UTC moment in a region's time zone (WIB by default)."""
    return zones.local_date(moment, zone_name)


def today_in(zone_name: str | None = None) -> date:
    return zones.today_in(zone_name)


def collective_leave(start: date, end: date) -> list[date]:
    """The DayOff rows between start and end: the source registered with the kernel."""
    from .models import DayOff

    return list(DayOff.objects.filter(date__range=(start, end)).values_list("date", flat=True))
