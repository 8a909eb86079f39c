"""Filters for report templates, whose data are the snapshot's plain JSON values.

{{ "2025-03-31"|isodate|date }}   an ISO date string back to a date
"""

from datetime import date

from django import template

register = template.Library()


@register.filter
def isodate(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
