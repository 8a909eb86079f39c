"""Number and time formats for people: `{% load simpul_format %}`.

    {{ amount|rupiah }}      Rp 1.250.000 (Indonesian grouping; English: Rp 1,250,000)
    {{ ratio|percent }}      85,3% (one decimal, the active language's separator)
    {{ value|number }}       1.234,5 (grouped, up to 2 decimals, trailing zeros dropped)
    {{ moment|zoned }}       7 Des 2026 14.30 WIB (the viewer's zone, always named)
    {{ moment|zoned:zone }}  the same in a given zone ("Asia/Jayapura", a region, a party)

Every date-time shown to a person goes through `zoned`: people in Makassar and Jayapura
read pages together with people in Jakarta, and a bare "14.30" is ambiguous between them.

Grouping is off project-wide (USE_THOUSAND_SEPARATOR = False, so ids stay plain digits);
these filters group explicitly. None and "" become an em dash.
"""

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

from simpul.core import zones

register = template.Library()

DASH = "—"


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def rupiah(value: object) -> str:
    amount = _decimal(value)
    if amount is None:
        return DASH
    return "Rp " + number_format(amount.quantize(Decimal(1)), 0, force_grouping=True)


@register.filter
def percent(value: object) -> str:
    number = _decimal(value)
    if number is None:
        return DASH
    return number_format(number.quantize(Decimal("0.1")), 1, force_grouping=True) + "%"


@register.filter
def number(value: object) -> str:
    amount = _decimal(value)
    if amount is None:
        return DASH
    places = 0 if amount == amount.to_integral_value() else 2
    text = number_format(amount.quantize(Decimal(1).scaleb(-places)), places, force_grouping=True)
    return text.rstrip("0").rstrip(",.") if places else text


@register.filter
def zoned(value: object, zone: object = None) -> str:
    if not isinstance(value, datetime):
        return DASH
    # TIME_FORMAT per language: 14.30 in Indonesian, 2:30 p.m. in English.
    return zones.moment_label(value, zone)
