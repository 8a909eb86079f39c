"""iCalendar (RFC 5545) for meetings, built with the `icalendar` package.

Every text goes through `icalendar`, which escapes `;`, `,` and line breaks and folds long
lines, so a title such as "Rapat: sampah; air" stays one valid SUMMARY. Times are written in
UTC (calendar programs show them in each reader's zone).

Identity, so calendar programs update instead of duplicating:
- an invitation or change of a single meeting: the meeting's `uid` and `sequence`;
- a series: its own `uid`, one VEVENT with the RRULE (and EXDATEs for cancelled occurrences);
  a moved or cancelled occurrence is mailed as the series UID plus its RECURRENCE-ID (the
  start the rule gave it) with the occurrence's own SEQUENCE;
- downloads and feeds are copies to keep, one VEVENT per meeting with the meeting's `uid`.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vRecur, vText

from .models import Meeting, MeetingSeries

PRODID = "-//Simpul//Rapat kerja sama daerah//ID"
REQUEST, CANCEL, PUBLISH = "REQUEST", "CANCEL", "PUBLISH"


def meeting_url(meeting: Meeting) -> str:
    return settings.SITE_URL + meeting.get_absolute_url()


def _calendar(method: str | None, name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _location(meeting: Meeting) -> str:
    parts = [meeting.venue]
    if meeting.region_id and meeting.region is not None:
        parts.append(meeting.region.name)
    if meeting.online_url:
        parts.append(meeting.online_url)
    return ", ".join(part for part in parts if part)


def _event(
    meeting: Meeting,
    *,
    uid: str,
    sequence: int,
    recurrence_id: datetime | None = None,
    attendee: str = "",
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", _utc(timezone.now()))
    event.add("sequence", sequence)
    if recurrence_id is not None:
        event.add("recurrence-id", _utc(recurrence_id))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at))
    event.add("summary", meeting.title)
    url = meeting_url(meeting)
    description = "\n\n".join(
        part
        for part in (
            meeting.description,
            meeting.online_url and _("Online: %(link)s") % {"link": meeting.online_url},
            _("Agenda, invitations and minutes: %(link)s") % {"link": url},
        )
        if part
    )
    event.add("description", description)
    event.add("url", url)
    location = _location(meeting)
    if location:
        event.add("location", location)
    if meeting.latitude is not None and meeting.longitude is not None:
        event.add("geo", (float(meeting.latitude), float(meeting.longitude)))
    organizer = vCalAddress(f"mailto:{_sender_address()}")
    organizer.params["cn"] = vText(meeting.host.name)
    event.add("organizer", organizer)
    if attendee:
        # Answers go through Simpul (the link in the mail), not by replying to the organiser
        # address, which nobody reads: RSVP=FALSE keeps calendar programs from offering it.
        person = vCalAddress(f"mailto:{attendee}")
        person.params["rsvp"] = vText("FALSE")
        event.add("attendee", person)
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _sender_address() -> str:
    from email.utils import parseaddr

    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "noreply@simpul.localhost"


def invitation_ics(meeting: Meeting, *, method: str, attendee: str = "") -> str:
    """REQUEST (an invitation or a change) or CANCEL for one meeting. An occurrence of a
    series is addressed as the series' UID with its RECURRENCE-ID."""
    calendar = _calendar(method)
    if meeting.series_id and meeting.series is not None and meeting.recurrence_id:
        uid, recurrence_id = meeting.series.uid, meeting.recurrence_id
    else:
        uid, recurrence_id = meeting.uid, None
    calendar.add_component(
        _event(
            meeting,
            uid=uid,
            sequence=meeting.sequence,
            recurrence_id=recurrence_id,
            attendee=attendee,
        )
    )
    return calendar.to_ical().decode()


def series_ics(series: MeetingSeries, occurrences: Iterable[Meeting], *, attendee: str = "") -> str:
    """The REQUEST for a whole series: one VEVENT carrying the rule, the first occurrence's
    details and an EXDATE per cancelled occurrence, plus one VEVENT per moved occurrence."""
    rows = sorted(occurrences, key=lambda m: m.recurrence_id or m.starts_at)
    first = rows[0]
    calendar = _calendar(REQUEST)
    master = _event(first, uid=series.uid, sequence=series.sequence, attendee=attendee)
    master.pop("dtstart")
    master.pop("dtend")
    master.add("dtstart", _utc(series.first_starts_at))
    master.add("dtend", _utc(series.first_starts_at + (first.ends_at - first.starts_at)))
    master.add("rrule", vRecur.from_ical(series.rrule))
    cancelled = [m.recurrence_id for m in rows if m.is_cancelled and m.recurrence_id]
    if cancelled:
        master.add("exdate", [_utc(moment) for moment in cancelled])
    calendar.add_component(master)
    for row in rows:
        if row.is_cancelled or row.recurrence_id is None or row.starts_at == row.recurrence_id:
            continue
        calendar.add_component(
            _event(
                row,
                uid=series.uid,
                sequence=row.sequence,
                recurrence_id=row.recurrence_id,
                attendee=attendee,
            )
        )
    return calendar.to_ical().decode()


def download_ics(meeting: Meeting) -> str:
    """One meeting as a file to add to a calendar."""
    calendar = _calendar(PUBLISH)
    calendar.add_component(_event(meeting, uid=meeting.uid, sequence=meeting.sequence))
    return calendar.to_ical().decode()


def feed_ics(meetings: Iterable[Meeting], *, name: str) -> str:
    """A calendar feed: every meeting once, cancelled ones marked so."""
    calendar = _calendar(PUBLISH, name)
    for meeting in meetings:
        calendar.add_component(_event(meeting, uid=meeting.uid, sequence=meeting.sequence))
    return calendar.to_ical().decode()


def public_feed_ics(
    meetings: Iterable[Meeting], *, name: str, link_for: Callable[[Meeting], str]
) -> str:
    """The public feed of public meetings (simpul.meetings.public): schedule fields only, no
    description, online link, organiser or attendee, each event linking to `link_for(meeting)`
    (the public agreement page). UIDs are the meetings' own, so they never change."""
    calendar = _calendar(PUBLISH, name)
    for meeting in meetings:
        event = Event()
        event.add("uid", meeting.uid)
        event.add("dtstamp", _utc(timezone.now()))
        event.add("sequence", meeting.sequence)
        event.add("dtstart", _utc(meeting.starts_at))
        event.add("dtend", _utc(meeting.ends_at))
        event.add("summary", meeting.title)
        place = [meeting.venue, meeting.region.name if meeting.region_id and meeting.region else ""]
        if getattr(meeting, "is_online", False):
            place.append(_("Online"))
        location = ", ".join(part for part in place if part)
        if location:
            event.add("location", location)
        link = link_for(meeting)
        event.add("url", link)
        event.add("description", f"{meeting.get_kind_display()}\n\n{link}")
        cancelled = meeting.status == Meeting.Status.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical().decode()
