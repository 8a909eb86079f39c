"""Scheduling meetings: one meeting or a series, edits (merged by the kernel), moving or
cancelling one occurrence, cancelling, marking as held, and the clash warning.

Every change that invitees must see in their calendars raises the meeting's `sequence` and
mails the invitees an updated .ics (see `invitations.py`), in the same transaction.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.agreements.models import Agreement
from simpul.core.claims import claim_instance
from simpul.core.formats import date_time, long_date
from simpul.core.zones import WIB, ZONES, zone_info, zone_of
from simpul.organizations.models import Organization

from ..models import Forum, Invitation, Meeting, MeetingEvent, MeetingSeries
from ..public import public_meeting_changed
from .common import MAX_OCCURRENCES, MAX_SERIES_YEARS, MEETING, MeetingInvalid, audit_claimed

# Changes that invitees' calendars must show (a new SEQUENCE and an updated .ics).
CALENDAR_FIELDS = frozenset(
    {"title", "description", "starts_at", "ends_at", "venue", "region", "online_url",
     "latitude", "longitude"}
)  # fmt: skip
EDITABLE_FIELDS = CALENDAR_FIELDS | {"kind", "quorum", "agenda_cutoff"}


def clean_title(title: str) -> str:
    """A title is one line (it is an e-mail subject and a calendar SUMMARY); `:` and `;` are
    fine, the .ics escapes them."""
    if "\n" in title or "\r" in title:
        raise MeetingInvalid(
            {"title": _("The title must be one line: remove the line breaks.")}, code="title"
        )
    title = " ".join(title.split())
    if not title:
        raise MeetingInvalid({"title": _("Give the meeting a title.")}, code="title")
    return title


def _check_times(starts_at: datetime | None, ends_at: datetime | None) -> None:
    if starts_at is None or ends_at is None:
        raise MeetingInvalid({"starts_at": _("Give the start and the end.")}, code="times")
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValueError("meeting times must be aware")
    if ends_at <= starts_at:
        raise MeetingInvalid(
            {"ends_at": _("The meeting must end after it starts.")}, code="end_before_start"
        )


def _check_map_point(latitude: Any, longitude: Any) -> None:
    if (latitude is None) != (longitude is None):
        raise MeetingInvalid(
            {"longitude": _("Give both the latitude and the longitude, or neither.")},
            code="map_point",
        )


def hosts_for(*, agreement: Agreement | None, forum: Forum | None) -> list[Organization]:
    """Organisations that may host: an agreement's parties and registering organisation, or
    a forum's secretariat and members."""
    if agreement is not None:
        ids = set(agreement.parties.values_list("organization_id", flat=True))
        ids.add(agreement.owner_id)
    elif forum is not None:
        ids = set(forum.memberships.values_list("organization_id", flat=True))
        ids.add(forum.secretariat_id)
    else:
        return []
    return list(Organization.objects.filter(pk__in=ids).order_by("name"))


def _record(meeting: Meeting, action: str, user: Any, *, before: str = "", note: str = "") -> None:
    MeetingEvent.objects.create(
        meeting=meeting,
        action=action,
        from_status=before,
        to_status=meeting.status,
        note=note,
        sequence=meeting.sequence,
        actor=user if getattr(user, "pk", None) else None,
    )
    # Every schedule change is recorded here, so here the public pages go stale.
    public_meeting_changed(meeting)


def meeting_schedule(
    *,
    user: Any,
    host: Organization,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    agreement: Agreement | None = None,
    forum: Forum | None = None,
    zone: str | None = None,
    series: MeetingSeries | None = None,
    recurrence_id: datetime | None = None,
    **details: Any,
) -> Meeting:
    """A new scheduled meeting of an agreement or a forum (exactly one), hosted by one of its
    organisations. `details` are the other editable fields (kind, venue, region, …)."""
    if (agreement is None) == (forum is None):
        raise MeetingInvalid(_("A meeting belongs to one agreement or one forum."), code="owner")
    unknown = set(details) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    title = clean_title(title)
    _check_times(starts_at, ends_at)
    _check_map_point(details.get("latitude"), details.get("longitude"))
    if host.pk not in {org.pk for org in hosts_for(agreement=agreement, forum=forum)}:
        raise MeetingInvalid(
            {"host": _("The host must be a party of the agreement or a member of the forum.")},
            code="host",
        )
    zone = zone if zone in ZONES else zone_of(host)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            agreement=agreement,
            forum=forum,
            host=host,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            zone=zone,
            series=series,
            recurrence_id=recurrence_id,
            created_by=user if getattr(user, "pk", None) else None,
            changed_by=user if getattr(user, "pk", None) else None,
            **details,
        )
        _record(meeting, "scheduled", user)
    return meeting


def meeting_update(*, meeting: Meeting, user: Any, version: int | None, **changes: Any) -> Meeting:
    """Save an edit claimed at `version` (a Conflict if someone saved first: the edit form
    merges, simpul.core.merge). A change invitees' calendars show raises the sequence and
    mails them the update."""
    from .invitations import invitations_send

    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    if "title" in changes:
        changes["title"] = clean_title(changes["title"])
    _check_times(
        changes.get("starts_at", meeting.starts_at), changes.get("ends_at", meeting.ends_at)
    )
    _check_map_point(
        changes.get("latitude", meeting.latitude), changes.get("longitude", meeting.longitude)
    )
    changed = {name for name, value in changes.items() if getattr(meeting, name) != value}
    if not changed:
        return meeting
    visible = bool(changed & CALENDAR_FIELDS)
    if visible:
        changes["sequence"] = meeting.sequence + 1
    before = {name: getattr(meeting, name) for name in changes}
    with transaction.atomic():
        claim_instance(
            meeting, version=version, states=(Meeting.Status.SCHEDULED,), by=user, set=changes
        )
        audit_claimed(meeting, "changed", before)
        if "starts_at" in changed:
            # The invitations' copy of the start the visibility rule reads by window.
            meeting.invitations.update(meeting_starts_at=meeting.starts_at)
        _record(meeting, "changed", user, before=meeting.status, note=", ".join(sorted(changed)))
        if visible:
            invitations_send(meeting)
    return meeting


def occurrence_move(
    *, meeting: Meeting, user: Any, starts_at: datetime, ends_at: datetime, version: int | None
) -> Meeting:
    """Move one occurrence of a series (or any meeting) to another time; the others stay."""
    return meeting_update(
        meeting=meeting, user=user, version=version, starts_at=starts_at, ends_at=ends_at
    )


def meeting_cancel(
    *, meeting: Meeting, user: Any, reason: str, version: int | None = None
) -> Meeting:
    """Cancel a scheduled meeting (or one occurrence of a series) with a reason; invitees get
    a CANCEL for their calendars."""
    from .invitations import invitations_send

    move = MEETING.move("cancel", current=meeting.status, note=reason)
    with transaction.atomic():
        before = meeting.status
        claim_instance(
            meeting,
            version=version,
            states=move.sources,
            by=user,
            set={
                "status": move.target,
                "cancel_reason": reason.strip(),
                "sequence": meeting.sequence + 1,
            },
        )
        audit_claimed(meeting, "cancelled", {"status": before, "cancel_reason": ""})
        _record(meeting, "cancelled", user, before=before, note=reason.strip())
        invitations_send(meeting)
    return meeting


def meeting_mark_held(*, meeting: Meeting, user: Any, version: int | None = None) -> Meeting:
    """Record that a meeting took place (from its start on); the minutes then follow."""
    move = MEETING.move("hold", current=meeting.status)
    if meeting.starts_at > timezone.now():
        raise MeetingInvalid(
            _("A meeting can be marked as held once it has started."), code="not_started"
        )
    with transaction.atomic():
        before = meeting.status
        claim_instance(
            meeting, version=version, states=move.sources, by=user, set={"status": move.target}
        )
        audit_claimed(meeting, "held", {"status": before})
        _record(meeting, "held", user, before=before)
    return meeting


# --- Series --------------------------------------------------------------------------------


def series_occurrences(rule: str, first_starts_at: datetime, zone: str = WIB) -> list[datetime]:
    """The starts a rule gives, in UTC, checked: it must end (COUNT or UNTIL), stay within
    two years of the first start and make at most MAX_OCCURRENCES meetings. The rule runs in
    the host's local time, so "monthly at 09.00" stays 09.00 there."""
    text = (rule or "").strip().upper()
    if text.startswith("RRULE:"):
        text = text[len("RRULE:") :]
    if not text or "\n" in text or "COUNT=" not in text and "UNTIL=" not in text:
        raise MeetingInvalid(
            {"repeat": _("A repeating meeting needs an end: a last date or a number of times.")},
            code="recurrence_end",
        )
    local_start = timezone.localtime(first_starts_at, zone_info(zone))
    limit = local_start + relativedelta(years=MAX_SERIES_YEARS)
    try:
        rule_set = rrulestr(f"RRULE:{text}", dtstart=local_start)
        starts = []
        for moment in rule_set:
            if moment > limit:
                raise MeetingInvalid(
                    {
                        "repeat": _(
                            "A series may reach at most two years ahead: its last meeting "
                            "must be on or before %(limit)s."
                        )
                        % {"limit": long_date(limit.date())}
                    },
                    code="recurrence_too_far",
                )
            starts.append(moment)
            if len(starts) > MAX_OCCURRENCES:
                raise MeetingInvalid(
                    {
                        "repeat": _("A series may have at most %(count)d meetings.")
                        % {"count": MAX_OCCURRENCES}
                    },
                    code="recurrence_too_many",
                )
    except (ValueError, TypeError) as error:
        raise MeetingInvalid(
            {"repeat": _("This repetition rule is not valid.")}, code="recurrence_invalid"
        ) from error
    if not starts:
        raise MeetingInvalid(
            {"repeat": _("This repetition rule gives no meeting.")}, code="recurrence_empty"
        )
    return [moment.astimezone(UTC) for moment in starts]


def series_schedule(
    *,
    user: Any,
    rule: str,
    host: Organization,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    agreement: Agreement | None = None,
    forum: Forum | None = None,
    zone: str | None = None,
    **details: Any,
) -> MeetingSeries:
    """A repeating meeting: the series and one Meeting row per occurrence."""
    zone = zone if zone in ZONES else zone_of(host)
    title = clean_title(title)
    _check_times(starts_at, ends_at)
    starts = series_occurrences(rule, starts_at, zone)
    duration = ends_at - starts_at
    with transaction.atomic():
        series = MeetingSeries.objects.create(
            rrule=rule.strip().upper().removeprefix("RRULE:"),
            first_starts_at=starts[0],
            until=starts[-1],
            zone=zone,
            created_by=user if getattr(user, "pk", None) else None,
        )
        for start in starts:
            meeting_schedule(
                user=user,
                host=host,
                title=title,
                starts_at=start,
                ends_at=start + duration,
                agreement=agreement,
                forum=forum,
                zone=zone,
                series=series,
                recurrence_id=start,
                **details,
            )
    return series


def occurrences_of(series: MeetingSeries) -> list[Meeting]:
    return list(
        series.meetings.select_related("host", "region", "series").order_by("recurrence_id")
    )


# --- Clashes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clash:
    invitee: str
    meeting: Meeting

    @property
    def message(self) -> str:
        return _("%(invitee)s already has “%(title)s” at %(when)s.") % {
            "invitee": self.invitee,
            "title": self.meeting.title,
            "when": date_time(self.meeting.starts_at),
        }


def clashes_for(meeting: Meeting, invitations: Iterable[Invitation] | None = None) -> list[Clash]:
    """Invitees of `meeting` already invited to another scheduled meeting that overlaps it:
    a warning for the organiser, never a refusal (one query)."""
    invitations = list(invitations if invitations is not None else meeting.invitations.all())
    users = {i.user_id for i in invitations if i.user_id}
    organizations = {i.organization_id for i in invitations if i.organization_id}
    emails = {i.email.lower() for i in invitations if i.kind == Invitation.Kind.EXTERNAL}
    if not (users or organizations or emails):
        return []
    who = Q(user_id__in=users) | Q(organization_id__in=organizations)
    if emails:
        who |= Q(kind=Invitation.Kind.EXTERNAL, email__in=emails)
    others = (
        Invitation.objects.filter(who)
        .filter(
            meeting__status=Meeting.Status.SCHEDULED,
            meeting__starts_at__lt=meeting.ends_at,
            meeting__ends_at__gt=meeting.starts_at,
        )
        .exclude(meeting_id=meeting.pk)
        .select_related("meeting", "organization", "user")
        .order_by("meeting__starts_at", "pk")
    )
    return [Clash(other.invitee_label, other.meeting) for other in others]
