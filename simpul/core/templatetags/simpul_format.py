"""Number formats for people: `{% load simpul_format %}`.

    {{ amount|rupiah }}      Rp 1.250.000 (Indonesian grouping; English: Rp 1,250,000)
    {{ ratio|percent }}      85,3% (one decimal, the active language's separator)
    {{ value|number }}       1.234,5 (grouped, up to 2 decimals, trailing zeros dropped)

Grouping is off project-wide (USE_THOUSAND_SEPARATOR = False, so ids stay plain digits);
these filters group explicitly. None and "" become an em dash.
"""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

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
