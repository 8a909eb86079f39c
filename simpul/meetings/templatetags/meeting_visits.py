"""The exchange visit's part of the meeting page: regions, topic, practices and the learning
reports, in a fixed number of queries."""

from typing import Any

from django import template
from django.utils import timezone

from .. import selectors_visits, visits_access
from ..models import Meeting, MeetingKind

register = template.Library()


@register.inclusion_tag("meetings/visits/panel.html", takes_context=True)
def exchange_visit_panel(context: template.Context) -> dict[str, Any]:
    meeting: Meeting = context["meeting"]
    if meeting.kind != MeetingKind.EXCHANGE_VISIT:
        return {"show": False}
    user = context["request"].user
    visit = selectors_visits.exchange_visit_of(meeting)
    reports = selectors_visits.learning_reports_of(visit)
    filing = {o.pk for o in visits_access.filing_organizations(user, visit)}
    written = {report.organization_id for report in reports}
    over = meeting.ends_at <= timezone.now() and meeting.status != Meeting.Status.CANCELLED
    return {
        "show": True,
        "meeting": meeting,
        "visit": visit,
        "reports": reports,
        "can_manage": context.get("can_manage", False),
        "writable": {r.pk for r in reports if r.organization_id in filing},
        "can_file": over and bool(filing - written),
    }
