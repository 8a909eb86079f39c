"""Number, money, date and time formats for people: `{% load simpul_format %}`.

The filters are the template face of `simpul.core.formats`, the one policy:

    {{ amount|rupiah }}        Rp 1.250.000 (English: Rp 1,250,000), never wrapped
    {{ amount|rupiah_short }}  Rp 45,02 miliar (English: Rp 45.02 billion), for stat cards
    {{ ratio|percent }}        85,3% (one decimal, the active language's separator)
    {{ value|number }}         1.234,5 (grouped, up to 2 decimals, trailing zeros dropped)
    {{ day|date }}             7 Desember 2026 (Django's filter, DATE_FORMAT of the language)
    {{ day|date:"SHORT_DATE_FORMAT" }}  7 Des 2026
    {{ moment|zoned }}         7 Des 2026 14.30 WIB (the viewer's zone, always named)
    {{ moment|zoned:zone }}    the same in a given zone ("Asia/Jayapura", a region, a party)
    {{ moment|zoned_long }}    7 Desember 2026 14.30 WIB
    {{ moment|clock }}         14.30 WIB
    {{ period|period_label }}  TW I 2024 / Q1 2024 (anything with frequency, year, number)
    {{ event.actor|actor:event.actor_label }}  the person, or "Sistem" when the platform acted
    {{ event.actor_label|actor }}  the recorded label as it is (an e-mail), or "Sistem"

Every date-time shown to a person goes through `zoned` (or `clock`): people in Makassar and
Jayapura read pages together with people in Jakarta, and a bare "14.30" is ambiguous between
them. Dates use Django's `date` filter with a named format only, never a pattern of their own.

Grouping is off project-wide (USE_THOUSAND_SEPARATOR = False, so ids stay plain digits);
these filters group explicitly. None and "" become an em dash.
"""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from simpul.core import formats

register = template.Library()

DASH = formats.DASH


def _money(text: str) -> SafeString:
    # The class keeps the whole amount on one line even where a card allows breaking anywhere.
    return format_html('<span class="money">{}</span>', text)


@register.filter
def rupiah(value: object) -> SafeString:
    return _money(formats.rupiah(value))


@register.filter
def rupiah_short(value: object) -> SafeString:
    return _money(formats.rupiah(value, short=True))


@register.filter
def percent(value: object) -> str:
    number = formats.as_decimal(value)
    if number is None:
        return DASH
    return number_format(number.quantize(Decimal("0.1")), 1, force_grouping=True) + "%"


@register.filter
def number(value: object) -> str:
    amount = formats.as_decimal(value)
    if amount is None:
        return DASH
    places = 0 if amount == amount.to_integral_value() else 2
    return formats.grouped(amount, places)


@register.filter
def zoned(value: object, zone: object = None) -> str:
    return formats.date_time(value, zone)


@register.filter
def zoned_long(value: object, zone: object = None) -> str:
    return formats.date_time(value, zone, long=True)


@register.filter
def clock(value: object, zone: object = None) -> str:
    return formats.clock(value, zone)


@register.filter
def period_label(value: object) -> str:
    frequency = getattr(value, "frequency", None)
    year = getattr(value, "year", None)
    number_ = getattr(value, "number", None)
    if not (isinstance(frequency, str) and isinstance(year, int) and isinstance(number_, int)):
        return DASH
    return formats.period_label(frequency, year, number_, short=True)


@register.filter
def actor(user: object, label: object = "") -> str:
    if isinstance(user, str):  # {{ event.actor_label|actor }}: the recorded label alone
        return formats.actor_name(None, user)
    return formats.actor_name(user, label if isinstance(label, str) else "")
