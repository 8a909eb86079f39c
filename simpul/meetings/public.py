"""What the public sees of meetings: the schedule, and the decisions of final minutes.

Everything here reads through the publication gate (`publication.selectors`): an agreement's
meetings are public while its MEETINGS kind is, and a meeting's decisions while DECISIONS is
and once its minutes are final. A forum's meetings belong to no agreement and are never
public. Only the schedule fields in `SCHEDULE_FIELDS` are loaded: never invitations,
attendance, online links, descriptions, minutes texts, sign-off comments or action items.
Decisions are read from the frozen snapshot of the meeting's latest final minutes version,
so a correction being drafted (or a decision added to it) shows nothing until it is signed.

Any change to what this module returns must make the public pages stale: scheduling, edits,
cancellations and held meetings (`services.scheduling._record`) and finalised minutes call
`public_meeting_changed`; publication decisions and rules bump on their own.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Case, QuerySet, Value, When
from django.utils import timezone

from simpul.agreements.models import Agreement
from simpul.core import public_cache
from simpul.publication import selectors as gate
from simpul.publication.kinds import InfoKind

from .models import Decision, Meeting, MinutesVersion

# What of a meeting the public may know (and what the public iCal feed needs).
SCHEDULE_FIELDS = (
    "uid",
    "sequence",
    "agreement_id",
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "zone",
    "venue",
    "region__name",
    "region__code",
    "latitude",
    "longitude",
    "status",
    "host__name",
    "agreement__reference_code",
    "agreement__title",
)
# Past meetings listed on an agreement's public page (the feed has the rest).
PAST_LIMIT = 12
UPCOMING_LIMIT = 12
# The all-agreements public feed: the newest meetings first, this many at most.
FEED_LIMIT = 500


def public_meeting_changed(meeting: Meeting) -> None:
    """Make cached public pages stale after a change to an agreement's meeting (a forum's
    meetings are never public, so their changes leave the cache alone)."""
    if meeting.agreement_id is not None:
        public_cache.bump()


def public_meetings(agreement: Agreement | None = None) -> QuerySet[Meeting]:
    """Meetings whose schedule the public may see (of one agreement, or all), schedule
    fields only."""
    meetings = Meeting.objects.filter(agreement__in=gate.agreements_with_public(InfoKind.MEETINGS))
    if agreement is not None:
        meetings = meetings.filter(agreement=agreement)
    # Whether it is held online, without loading the link itself.
    online = Case(
        When(online_url="", then=Value(False)), default=Value(True), output_field=BooleanField()
    )
    return (
        meetings.select_related("agreement", "region", "host")
        .only(*SCHEDULE_FIELDS)
        .annotate(is_online=online)
    )


def public_feed_meetings(agreement: Agreement | None = None) -> list[Meeting]:
    """The public iCal feed's meetings: newest first, at most FEED_LIMIT (one query)."""
    return list(public_meetings(agreement).order_by("-starts_at", "-pk")[:FEED_LIMIT])


@dataclass(frozen=True)
class PublicDecision:
    text: str
    method: str
    votes: tuple[int | None, int | None, int | None]

    @property
    def method_label(self) -> str:
        return str(Decision.Method(self.method).label)

    @property
    def is_vote(self) -> bool:
        return self.method == Decision.Method.VOTE


def _decisions_of(snapshot: dict[str, Any]) -> list[PublicDecision]:
    """The decisions of a frozen minutes text: text and how taken, nothing else."""
    found = []
    for item in snapshot.get("items", []):
        for decision in item.get("decisions", []):
            votes = list(decision.get("votes") or [None, None, None])[:3]
            votes += [None] * (3 - len(votes))
            method = decision.get("method") or Decision.Method.CONSENSUS
            if method not in Decision.Method.values:
                method = Decision.Method.CONSENSUS
            found.append(PublicDecision(str(decision.get("text", "")), method, tuple(votes)))
    return found


def final_decisions(meeting_ids: list[int]) -> dict[int, list[PublicDecision]]:
    """Per meeting, the decisions of its latest final minutes version (one query)."""
    latest: dict[int, dict[str, Any]] = {}
    rows = (
        MinutesVersion.objects.filter(
            minutes__meeting_id__in=meeting_ids, status=MinutesVersion.Status.FINAL
        )
        .order_by("minutes__meeting_id", "-number")
        .values_list("minutes__meeting_id", "snapshot")
    )
    for meeting_id, snapshot in rows:
        latest.setdefault(meeting_id, snapshot or {})
    return {meeting_id: _decisions_of(snapshot) for meeting_id, snapshot in latest.items()}


@dataclass(frozen=True)
class PastMeeting:
    meeting: Meeting
    decisions: list[PublicDecision]


def agreement_meetings(agreement: Agreement, kinds: set[str]) -> dict[str, Any]:
    """The "Meetings" part of a public agreement page, given its public kinds: upcoming and
    past meetings, and each past meeting's decisions once they may be shown. A fixed number
    of queries (none when the schedule is not public)."""
    page: dict[str, Any] = {"meetings_public": False, "upcoming_meetings": [], "past_meetings": []}
    if InfoKind.MEETINGS not in kinds:
        return page
    now = timezone.now()
    meetings = public_meetings(agreement)
    upcoming = list(meetings.filter(ends_at__gte=now).order_by("starts_at", "pk")[:UPCOMING_LIMIT])
    past = list(meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:PAST_LIMIT])
    decisions: dict[int, list[PublicDecision]] = {}
    if InfoKind.DECISIONS in kinds and past:
        decisions = final_decisions([meeting.pk for meeting in past])
    page.update(
        meetings_public=True,
        upcoming_meetings=upcoming,
        past_meetings=[PastMeeting(meeting, decisions.get(meeting.pk, [])) for meeting in past],
    )
    return page
