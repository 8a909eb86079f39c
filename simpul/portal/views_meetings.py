"""The public iCal feeds of public meetings: one per public agreement and one for all.

What is public comes from simpul.meetings.public (through the publication gate); the feeds
are cached like every public page and go stale with it (`core.public_cache.bump`).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from simpul.core.public_cache import public_page
from simpul.meetings.ics import public_feed_ics
from simpul.meetings.models import Meeting
from simpul.meetings.public import public_feed_meetings
from simpul.publication import selectors as gate


def _agreement_link(meeting: Meeting) -> str:
    # Public meetings are an agreement's by definition (simpul.meetings.public).
    assert meeting.agreement is not None
    return settings.SITE_URL + reverse(
        "portal:agreement", kwargs={"reference_code": meeting.agreement.reference_code}
    )


def _calendar_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
@public_page
def agreement_meetings_ics(request: HttpRequest, reference_code: str) -> HttpResponse:
    agreement = gate.public_agreement_get(reference_code)
    name = _("Meetings: %(title)s") % {"title": agreement.title}
    text = public_feed_ics(public_feed_meetings(agreement), name=name, link_for=_agreement_link)
    return _calendar_response(text, "rapat.ics")


@require_safe
@public_page
def meetings_ics(request: HttpRequest) -> HttpResponse:
    text = public_feed_ics(
        public_feed_meetings(), name=_("Public cooperation meetings"), link_for=_agreement_link
    )
    return _calendar_response(text, "rapat-kerja-sama.ics")
