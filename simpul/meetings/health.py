"""Collaboration health, first part: how regularly a cooperation meets and follows up.

Per agreement or forum, over the last twelve months:

- **meetings held** against the declared cadence (a forum's `cadence`: twelve for monthly);
  an agreement declares none, so its held meetings are set against those scheduled;
- **attendance per party** (the forum's members or the agreement's parties): of the held
  meetings whose attendance was recorded, how many the party was present or represented at;
- **action items done by their due date**, of those already due;
- **days from meeting to final minutes** (median): from the meeting's end to the first time
  its minutes became final, over the held meetings with final minutes.

Every figure is an aggregate in the database: five queries whatever the number of meetings
(the parties, one aggregate over the meetings, attendance grouped by party, one aggregate
over the action items, and the one or two middle delays for the median).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, Min, OuterRef, Q
from django.utils import timezone

from simpul.agreements.models import Agreement, Party
from simpul.organizations.models import Organization

from .models import ActionItem, Attendance, Cadence, Forum, ForumMember, Meeting, MinutesVersion

WINDOW_MONTHS = 12
# Meetings a declared cadence expects in twelve months; "as needed" expects none.
EXPECTED_PER_YEAR = {
    Cadence.WEEKLY: 52,
    Cadence.MONTHLY: 12,
    Cadence.QUARTERLY: 4,
    Cadence.SEMIANNUAL: 2,
    Cadence.ANNUAL: 1,
}
ATTENDED = (Attendance.Status.PRESENT, Attendance.Status.REPRESENTED)


def _share(part: int, whole: int) -> Decimal | None:
    """A percentage with one decimal, or None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class PartyAttendance:
    organization: Organization
    attended: int
    rate: Decimal | None


@dataclass
class Health:
    since: datetime
    held: int
    # The cadence's expectation (a forum), or the meetings scheduled in the window (an
    # agreement); None for a forum meeting "as needed".
    expected: int | None
    cadence: str
    attendance_meetings: int
    actions_due: int
    actions_on_time: int
    final_minutes: int
    median_days: Decimal | None
    parties: list[PartyAttendance] = field(default_factory=list)

    @property
    def is_forum(self) -> bool:
        return bool(self.cadence)

    @property
    def cadence_label(self) -> str:
        return str(Cadence(self.cadence).label).lower() if self.cadence else ""

    @property
    def held_share(self) -> Decimal | None:
        return _share(self.held, self.expected or 0)

    @property
    def on_time_share(self) -> Decimal | None:
        return _share(self.actions_on_time, self.actions_due)


def _window_start(now: datetime) -> datetime:
    return now - relativedelta(months=WINDOW_MONTHS)


def _health(
    meetings: Any, parties: list[Organization], *, cadence: str, now: datetime | None
) -> Health:
    now = now or timezone.now()
    since = _window_start(now)
    in_window = meetings.filter(starts_at__gte=since, starts_at__lte=now)
    held = Q(status=Meeting.Status.HELD)
    has_attendance = Exists(Attendance.objects.filter(meeting=OuterRef("pk")))
    has_final = Exists(
        MinutesVersion.objects.filter(
            minutes__meeting=OuterRef("pk"), status=MinutesVersion.Status.FINAL
        )
    )
    counts = in_window.aggregate(
        held=Count("pk", filter=held),
        scheduled=Count("pk"),
        with_attendance=Count("pk", filter=held & Q(has_attendance)),
        final=Count("pk", filter=held & Q(has_final)),
    )
    held_meetings = in_window.filter(held)

    attended = dict(
        Attendance.objects.filter(
            meeting__in=held_meetings.values("pk"),
            organization_id__in=[org.pk for org in parties],
            status__in=ATTENDED,
        )
        .values("organization_id")
        .annotate(meetings=Count("meeting_id", distinct=True))
        .values_list("organization_id", "meetings")
    )

    today = timezone.localdate(now)
    actions = ActionItem.objects.filter(
        agenda_item__meeting__in=meetings.values("pk"),
        due_date__gte=since.date(),
        due_date__lt=today,
    ).aggregate(
        due=Count("pk"),
        on_time=Count(
            "pk", filter=Q(status=ActionItem.Status.DONE, done_at__date__lte=F("due_date"))
        ),
    )

    median = _median_days(held_meetings, counts["final"])
    expected = EXPECTED_PER_YEAR.get(Cadence(cadence)) if cadence else counts["scheduled"]
    return Health(
        since=since,
        held=counts["held"],
        expected=expected,
        cadence=cadence,
        attendance_meetings=counts["with_attendance"],
        actions_due=actions["due"],
        actions_on_time=actions["on_time"],
        final_minutes=counts["final"],
        median_days=median,
        parties=[
            PartyAttendance(
                organization=org,
                attended=attended.get(org.pk, 0),
                rate=_share(attended.get(org.pk, 0), counts["with_attendance"]),
            )
            for org in parties
        ],
    )


def _median_days(held_meetings: Any, count: int) -> Decimal | None:
    """The median delay from a meeting's end to its first final minutes, in days: the one or
    two middle rows of the delays ordered in the database (one query)."""
    if not count:
        return None
    delays = (
        held_meetings.annotate(
            first_final=Min(
                "minutes__versions__finalised_at",
                filter=Q(minutes__versions__status=MinutesVersion.Status.FINAL),
            )
        )
        .filter(first_final__isnull=False)
        .annotate(delay=ExpressionWrapper(F("first_final") - F("ends_at"), DurationField()))
        .order_by("delay", "pk")
        .values_list("delay", flat=True)
    )
    middle: list[timedelta] = list(delays[(count - 1) // 2 : count // 2 + 1])
    seconds = sum(delay.total_seconds() for delay in middle) / len(middle)
    return (Decimal(seconds) / 86400).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def forum_health(forum: Forum, *, now: datetime | None = None) -> Health:
    members = [
        seat.organization
        for seat in ForumMember.objects.filter(forum=forum)
        .select_related("organization")
        .order_by("organization__name")
    ]
    return _health(
        Meeting.objects.filter(forum=forum), members, cadence=forum.cadence or "", now=now
    )


def agreement_health(agreement: Agreement, *, now: datetime | None = None) -> Health:
    parties = [
        party.organization
        for party in Party.objects.filter(agreement=agreement)
        .select_related("organization")
        .order_by("position", "pk")
    ]
    return _health(Meeting.objects.filter(agreement=agreement), parties, cadence="", now=now)
