"""The one format policy for what people read: dates, times, money and periods.

Every page, e-mail, PDF and message formats through these functions (templates through the
filters of `simpul_format`), in the active language, so a date or an amount reads the same
everywhere:

    long_date(day)            7 Desember 2026      7 December 2026
    short_date(day)           7 Des 2026           7 Dec 2026
    clock(moment)             18.35 WIB            18:35 WIB
    date_time(moment)         7 Des 2026 18.35 WIB 7 Dec 2026 18:35 WIB
    rupiah(45020000000)       Rp 45.020.000.000    Rp 45,020,000,000
    rupiah(…, short=True)     Rp 45,02 miliar      Rp 45.02 billion
    period_label("quarterly", 2024, 1, short=True)   TW I 2024   Q1 2024
    period_label("quarterly", 2024, 1)               Triwulan I 2024   Quarter 1 2024
    actor_name(None, "system:expiry")                Sistem      System

The date and time patterns live in the format files (`config/formats/<language>/formats.py`,
FORMAT_MODULE_PATH), so Django's own `date` filter and form widgets follow the same policy.
A date-time always names its zone (WIB, WITA, WIT): people in Jayapura and Jakarta read the
same pages. Between "Rp", the number and its scale word is a no-break space, so an amount
never wraps in the middle. None and "" become an em dash; machine-readable values (CSV, JSON,
`<time datetime>`) stay ISO and do not come here.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format, number_format, time_format
from django.utils.translation import gettext, pgettext

from simpul.core import zones

DASH = "—"
NBSP = "\u00a0"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def as_decimal(value: object) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _day(value: object) -> date | None:
    """The calendar date of a date, or of a date-time in the viewer's zone."""
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            return value.date()
        return timezone.localtime(value).date()
    return value if isinstance(value, date) else None


def long_date(value: object) -> str:
    day = _day(value)
    return date_format(day, "DATE_FORMAT") if day else DASH


def short_date(value: object) -> str:
    day = _day(value)
    return date_format(day, "SHORT_DATE_FORMAT") if day else DASH


def _local(moment: datetime, zone: Any = None) -> datetime:
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    tz = zones.zone_info(zone) if zone else timezone.get_current_timezone()
    return timezone.localtime(moment, tz)


def _clock(local: datetime) -> str:
    return f"{time_format(local, 'TIME_FORMAT')}{NBSP}{zones.label(local.tzinfo, local)}"


def clock(moment: object, zone: Any = None) -> str:
    """The time of day with its zone: 18.35 WIB (the viewer's zone unless one is given)."""
    if not isinstance(moment, datetime):
        return DASH
    return _clock(_local(moment, zone))


def date_time(moment: object, zone: Any = None, *, long: bool = False) -> str:
    """7 Des 2026 18.35 WIB (long: 7 Desember 2026 18.35 WIB)."""
    if not isinstance(moment, datetime):
        return DASH
    local = _local(moment, zone)
    day = date_format(local, "DATE_FORMAT" if long else "SHORT_DATE_FORMAT")
    return f"{day} {_clock(local)}"


def grouped(amount: Decimal, places: int) -> str:
    """A number grouped in the active language, trailing decimal zeros dropped."""
    text = number_format(amount.quantize(Decimal(1).scaleb(-places)), places, force_grouping=True)
    return text.rstrip("0").rstrip(",.") if places else text


def _scales() -> tuple[tuple[Decimal, str], ...]:
    # Words, not "M"/"jt": "M" reads as million in English for what is a billion rupiah.
    return (
        (Decimal(10) ** 12, pgettext("amount of money", "trillion")),
        (Decimal(10) ** 9, pgettext("amount of money", "billion")),
        (Decimal(10) ** 6, pgettext("amount of money", "million")),
    )


def rupiah(value: object, *, short: bool = False) -> str:
    """Rp 45.020.000.000; short: Rp 45,02 miliar (two decimals at most, from a million up)."""
    amount = as_decimal(value)
    if amount is None:
        return DASH
    if short:
        for size, word in _scales():
            if abs(amount) >= size:
                return f"Rp{NBSP}{grouped(amount / size, 2)}{NBSP}{word}"
    return f"Rp{NBSP}{grouped(amount, 0)}"


def _quarter_numeral(number: int) -> str:
    # The catalogue says which numerals the language writes quarters in ("roman" in
    # Indonesian, arabic in English); the long and the short label follow the same choice,
    # so a table's "TW II 2025" and a heading's "Triwulan II 2025" (or "Q2 2025" and
    # "Quarter 2 2025") name the quarter alike.
    roman = pgettext("numerals of quarter labels: arabic or roman", "arabic") == "roman"
    return ROMAN.get(number, str(number)) if roman else str(number)


def quarter_label(year: int, number: int, *, short: bool = True) -> str:
    """Short: TW I 2024 in Indonesian, Q1 2024 in English; long: Triwulan I 2024, Quarter 1
    2024."""
    values = {"number": _quarter_numeral(number), "year": year}
    if short:
        return pgettext("quarter, short label", "Q%(number)s %(year)s") % values
    return pgettext("quarter, long label", "Quarter %(number)s %(year)s") % values


def period_label(frequency: str, year: int, number: int, *, short: bool = False) -> str:
    """A reporting period: (frequency, year, number), number 1..12 monthly, 1..4 quarterly,
    1..2 per semester, 1 yearly. Long: "Triwulan II 2025" / "Quarter 2 2025"; short (tables,
    chart axes): "TW II 2025" / "Q2 2025", "Mar 2025"."""
    if frequency == "yearly":
        return str(year)
    if frequency == "quarterly":
        return quarter_label(year, number, short=short)
    if frequency == "semester":
        if short:
            return pgettext("semester, short label", "H%(number)s %(year)s") % {
                "number": number,
                "year": year,
            }
        return gettext("Semester %(number)s %(year)s") % {
            "number": number,
            "year": year,
        }
    return date_format(date(year, number, 1), "M Y" if short else "YEAR_MONTH_FORMAT")


def actor_name(user: Any, label: str = "") -> str:
    """Who did something: the person's name; "Sistem" when the platform itself acted (no
    person, and a label "system" or "system:<task>" as `simpul.audit.context` records it); the
    name recorded at the time for a person whose account is gone."""
    if user is not None and getattr(user, "pk", None):
        return getattr(user, "full_name", "") or getattr(user, "email", "") or str(user)
    if label == "system" or label.startswith("system:"):
        return pgettext("the platform as the one who acted", "System")
    return label or gettext("someone no longer registered")
