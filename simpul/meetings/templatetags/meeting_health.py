"""The collaboration health panel (simpul.meetings.health) on an agreement's meetings tab and
on a forum's page: a fixed number of queries however many meetings there are."""

from typing import Any

from django import template
from django.utils.translation import gettext as _

from simpul.core.charts import count_chart, short_name

from ..health import Health, agreement_health, forum_health

register = template.Library()


def _context(health: Health) -> dict[str, Any]:
    rated = [(short_name(row.organization.name), row.rate) for row in health.parties]
    chart = None
    if health.attendance_meetings and rated:
        chart = count_chart(
            [(label, rate or 0) for label, rate in rated],
            title=_("Attendance per party (%)"),
            value_range=(0, 100),
        )
    return {"health": health, "chart": chart}


@register.inclusion_tag("meetings/health/panel.html")
def agreement_health_panel(agreement: Any) -> dict[str, Any]:
    return _context(agreement_health(agreement))


@register.inclusion_tag("meetings/health/panel.html")
def forum_health_panel(forum: Any) -> dict[str, Any]:
    return _context(forum_health(forum))
