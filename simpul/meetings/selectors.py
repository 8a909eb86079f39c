"""Reads for the meeting pages, each a fixed number of queries whatever the number of rows."""

import calendar as calendar_module
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR

from simpul.accounts.access import AnyUser
from simpul.agreements.models import Agreement, Dispute, Party
from simpul.core.zones import start_of
from simpul.monitoring.models import EarlyWarning, Indicator
from simpul.organizations.access import member_organization_ids
from simpul.plans.models import Activity

from .access import meetings_visible_to
from .models import AgendaItem, Forum, ForumMember, Invitation, Meeting

LIST_RELATED = ("host", "forum", "agreement")


def meetings_for_calendar(
    user: AnyUser,
    *,
    forum: Forum | None = None,
    agreement: Agreement | None = None,
    starting: tuple[datetime, datetime] | None = None,
) -> QuerySet[Meeting]:
    meetings = meetings_visible_to(user, starting=starting).select_related(*LIST_RELATED)
    if forum is not None:
        meetings = meetings.filter(forum=forum)
    if agreement is not None:
        meetings = meetings.filter(agreement=agreement)
    return meetings


def meetings_for_list(
    user: AnyUser,
    *,
    forum: Forum | None = None,
    agreement: Agreement | None = None,
    starting: tuple[datetime, datetime] | None = None,
) -> QuerySet[Meeting]:
    meetings = meetings_for_calendar(user, forum=forum, agreement=agreement, starting=starting)
    return meetings.annotate(
        invitation_count=Count("invitations", distinct=True),
        accepted_count=Count(
            "invitations",
            filter=Q(invitations__rsvp__in=[Invitation.Rsvp.ACCEPTED, Invitation.Rsvp.DELEGATED]),
            distinct=True,
        ),
    )


@dataclass
class Day:
    day: date
    in_month: bool
    is_today: bool
    meetings: list[Meeting] = field(default_factory=list)
    # Meetings of the day beyond those shown (the list of that day has them all).
    more: int = 0


@dataclass
class Month:
    year: int
    month: int
    weeks: list[list[Day]]

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def previous(self) -> date:
        return (self.first - timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> date:
        return (self.first + timedelta(days=32)).replace(day=1)

    @property
    def previous_param(self) -> str:
        """The ?bulan= value of the month before (a machine value, not a human date)."""
        return f"{self.previous:%Y-%m}"

    @property
    def next_param(self) -> str:
        return f"{self.next:%Y-%m}"

    @property
    def weekday_names(self) -> list[str]:
        """Monday to Sunday, abbreviated in the active language."""
        return [str(WEEKDAYS_ABBR[number]) for number in range(7)]


# A day shows at most this many meetings and "N more", linking to that day's list: a person
# in many organisations can have hundreds a month (the national benchmark: 2,800), and a grid
# that draws them all is neither readable nor fast.
MEETINGS_PER_DAY = 4


def month_window(year: int, month: int) -> tuple[datetime, datetime]:
    """From the first moment of the grid's first day (a Monday, maybe of the month before) to
    the end of its last, in the reader's zone: what `meetings_for_calendar(starting=…)` reads."""
    zone = timezone.get_current_timezone()
    weeks_dates = calendar_module.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks_dates[0][0], weeks_dates[-1][-1]
    return start_of(first, zone), start_of(last + timedelta(days=1), zone)


# What a calendar cell shows of a meeting (the template reads no more; no forum, agreement or
# host, so no join).
CELL_FIELDS = ("pk", "title", "status", "starts_at")


def month_calendar(meetings: QuerySet[Meeting], year: int, month: int) -> Month:
    """A month grid (weeks from Monday) with each day's first meetings and how many more, in
    the reader's zone; two queries, whatever the number of meetings."""
    zone = timezone.get_current_timezone()
    weeks_dates = calendar_module.Calendar(firstweekday=0).monthdatescalendar(year, month)
    days = [day for week in weeks_dates for day in week]
    window_start, window_end = month_window(year, month)
    in_window = meetings.filter(starts_at__gte=window_start, starts_at__lt=window_end)
    # The reader's day of a meeting as the number of the grid's day whose end it precedes:
    # plain comparisons with the 42 days' ends, computed here in the reader's zone, rather
    # than a time-zone conversion per meeting (a Python function per row on SQLite).
    day_number = Case(
        *[
            When(starts_at__lt=start_of(day + timedelta(days=1), zone), then=Value(number))
            for number, day in enumerate(days)
        ],
        output_field=IntegerField(),
    )
    # Query 1 ranks the month's meetings the reader sees by day, reading only the index (no
    # meeting row, no join); the day's total rides along as a window count. Query 2 fetches
    # the few shown.
    shown = (
        in_window.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[day_number],
                order_by=[F("starts_at").asc(), F("pk").asc()],
            ),
            day_total=Window(Count("pk"), partition_by=[day_number]),
        )
        .filter(rank__lte=MEETINGS_PER_DAY)
        .values_list("pk", "day_total")
    )
    totals_of = dict(shown)
    by_day: dict[date, list[Meeting]] = defaultdict(list)
    totals: dict[date, int] = {}
    for meeting in (
        Meeting.objects.filter(pk__in=totals_of).only(*CELL_FIELDS).order_by("starts_at", "pk")
    ):
        day = timezone.localtime(meeting.starts_at, zone).date()
        by_day[day].append(meeting)
        totals[day] = totals_of[meeting.pk]
    today = timezone.localdate()
    weeks = [
        [
            Day(
                day,
                day.month == month,
                day == today,
                by_day.get(day, []),
                totals.get(day, 0) - len(by_day.get(day, [])),
            )
            for day in week
        ]
        for week in weeks_dates
    ]
    return Month(year, month, weeks)


@dataclass
class MeetingPage:
    agenda: list[AgendaItem]
    proposals: list[AgendaItem]
    declined: list[AgendaItem]
    invitations: list[Invitation]
    rsvp_counts: dict[str, int]


def meeting_page(meeting: Meeting) -> MeetingPage:
    """The agenda (with what each item is about) and the invitations: two queries."""
    items = list(
        meeting.agenda_items.select_related(
            "proposed_by", "agreement", "activity", "indicator", "early_warning", "dispute",
            "follow_up",
        )
    )  # fmt: skip
    invitations = list(
        meeting.invitations.select_related("organization", "user").order_by("kind", "pk")
    )
    counts: dict[str, int] = defaultdict(int)
    for invitation in invitations:
        counts[invitation.rsvp] += 1
    return MeetingPage(
        agenda=[i for i in items if i.status == AgendaItem.Status.ACCEPTED],
        proposals=[i for i in items if i.status == AgendaItem.Status.PROPOSED],
        declined=[i for i in items if i.status == AgendaItem.Status.DECLINED],
        invitations=invitations,
        rsvp_counts=dict(counts),
    )


def agenda_subjects(meeting: Meeting) -> list[tuple[str, str]]:
    """What an agenda item of this meeting may be about, as (key, label) choices: for an
    agreement's meeting the agreement and its indicators, plan activities, open warnings and
    open disputes; for a forum's meeting the agreements of its members."""
    from django.utils.translation import gettext as _

    limit = 50
    if meeting.agreement_id is None:
        agreements = Agreement.objects.filter(
            parties__organization__forum_seats__forum_id=meeting.forum_id or 0
        ).distinct()[:limit]
        return [(f"agreement:{a.pk}", f"{a.reference_code} {a.title}") for a in agreements]
    agreement = meeting.agreement
    assert agreement is not None
    choices = [(f"agreement:{agreement.pk}", _("The agreement as a whole"))]
    for indicator in Indicator.objects.filter(agreement=agreement)[:limit]:
        choices.append((f"indicator:{indicator.pk}", _("Indicator: %s") % indicator))
    for activity in Activity.objects.filter(plan__agreement=agreement)[:limit]:
        choices.append((f"activity:{activity.pk}", _("Plan activity: %s") % activity))
    for warning in EarlyWarning.objects.filter(agreement=agreement, resolved_at__isnull=True)[
        :limit
    ]:
        choices.append((f"early_warning:{warning.pk}", _("Early warning: %s") % warning))
    for dispute in Dispute.objects.filter(agreement=agreement, status=Dispute.Status.OPEN)[:limit]:
        choices.append((f"dispute:{dispute.pk}", _("Dispute: %s") % dispute))
    return choices


SUBJECT_MODELS: dict[str, Any] = {
    "agreement": Agreement,
    "indicator": Indicator,
    "activity": Activity,
    "early_warning": EarlyWarning,
    "dispute": Dispute,
}


def subject_from_key(key: str) -> Any:
    """The object an agenda choice key names (None for none or an unknown key)."""
    kind, _sep, pk = (key or "").partition(":")
    model = SUBJECT_MODELS.get(kind)
    if model is None or not pk.isdigit():
        return None
    return model._default_manager.filter(pk=int(pk)).first()


# The feed lists at most this many meetings, the earliest first.
FEED_LIMIT = 2000
# Of which at most this many are past ones: a busy person's feed (a province's bureau sits in
# hundreds of forums) must still reach the coming months, which is what a calendar is for.
FEED_PAST_LIMIT = 500


def feed_fingerprint(user: AnyUser, now: datetime | None = None) -> str:
    """What decides the personal feed's content, in one aggregate query over the meetings it
    lists: their number and the sum of their ids, and how far they were changed (every claim
    bumps `version`, every change a calendar must see bumps `sequence`). The feed's entity tag
    and its cache key: an unchanged feed is answered 304 or from the cache, not written again."""
    now = now or timezone.now()
    # Aggregated over the listed rows themselves (a subquery with its LIMIT), not over
    # "meetings whose id is among them", which PostgreSQL answers by reading every meeting.
    listed = _feed_meetings(user, now).order_by("starts_at", "pk")[:FEED_LIMIT]
    figures = listed.aggregate(
        count=Count("pk"),
        ids=Sum("pk"),
        versions=Sum("version"),
        sequences=Sum("sequence"),
        changed=Max("updated_at"),
    )
    changed = figures["changed"].isoformat() if figures["changed"] else "-"
    return "{count}-{ids}-{versions}-{sequences}-".format(**figures) + changed


def feed_meetings(user: AnyUser, now: datetime | None = None) -> QuerySet[Meeting]:
    """Every meeting of the person's organisations and of the person, from 90 days back (at
    most FEED_PAST_LIMIT of the person's own past meetings) to two years ahead (a feed is a
    calendar of one's own work, not oversight of everyone's)."""
    now = now or timezone.now()
    return (
        _feed_meetings(user, now)
        .select_related("host", "region", "series")
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )


def _feed_meetings(user: AnyUser, now: datetime) -> QuerySet[Meeting]:
    """The feed's rule: meetings hosted by, of a forum of, or of an agreement owned or signed
    by one of the person's organisations, or to which they or those organisations are invited;
    starting from 90 days back to two years ahead.

    Built to cost the same in a town or the whole country: the forums and agreements are small
    sets each engine builds once from an index, and the meetings are read in start order from
    the window's start, so the reading stops at the feed's limit. The invitations (a set the
    engine cannot test cheaply per meeting) are read for the same stretch only: up to the
    start of the FEED_LIMIT-th meeting the other ways of seeing give (a scalar subquery), since
    invitations can only bring that one earlier. Meant to be read ordered by start and cut at
    FEED_LIMIT."""
    org_ids = member_organization_ids(user)
    # One set per way of seeing, each read from its own index (an OR inside one subquery
    # makes PostgreSQL read every agreement).
    own = (
        Q(host_id__in=org_ids)
        | Q(forum_id__in=Forum.objects.filter(secretariat_id__in=org_ids).values("pk"))
        | Q(forum_id__in=ForumMember.objects.filter(organization_id__in=org_ids).values("forum_id"))
        | Q(agreement_id__in=Agreement.objects.filter(owner_id__in=org_ids).values("pk"))
        | Q(
            agreement_id__in=Party.objects.filter(organization_id__in=org_ids).values(
                "agreement_id"
            )
        )
    )
    earliest, window_end = now - timedelta(days=90), now + timedelta(days=731)
    # The window starts 90 days back, or later when the person's own meetings of those 90
    # days are more than FEED_PAST_LIMIT: then at the start of the FEED_PAST_LIMIT-th before
    # now (read backwards from now through the start index, so it stops there too).
    past_floor = (
        Meeting.objects.filter(starts_at__gte=earliest, starts_at__lt=now)
        .filter(own)
        .order_by("-starts_at", "-pk")
        .values("starts_at")[FEED_PAST_LIMIT - 1 :][:1]
    )
    window_start = Coalesce(Subquery(past_floor), Value(earliest))
    in_window = Meeting.objects.filter(starts_at__gte=window_start, starts_at__lte=window_end)
    limit_start = (
        in_window.filter(own).order_by("starts_at", "pk").values("starts_at")[FEED_LIMIT - 1 :][:1]
    )
    until = Coalesce(Subquery(limit_start), Value(window_end))
    by_organization = Invitation.objects.filter(
        organization_id__in=org_ids,
        meeting_starts_at__gte=window_start,
        meeting_starts_at__lte=until,
    )
    invited = Q(pk__in=by_organization.values("meeting_id")) | Q(
        pk__in=Invitation.objects.filter(Q(user_id=user.pk)).values("meeting_id")
    )
    # Only the first FEED_LIMIT in start order are ever read (feed_meetings, the fingerprint).
    return in_window.filter(own | invited)


def forums_for_list(forums: QuerySet[Forum]) -> QuerySet[Forum]:
    return forums.select_related("secretariat").annotate(
        member_count=Count("memberships", distinct=True),
        meeting_count=Count("meetings", distinct=True),
    )


def forum_members(forum: Forum) -> list[ForumMember]:
    return list(forum.memberships.select_related("organization", "delegate"))


def upcoming(meetings: QuerySet[Meeting], now: datetime | None = None) -> QuerySet[Meeting]:
    return meetings.filter(ends_at__gte=now or timezone.now())
