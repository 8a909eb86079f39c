"""Reads for the meeting pages, each a fixed number of queries whatever the number of rows."""

import calendar as calendar_module
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR

from simpul.accounts.access import AnyUser
from simpul.agreements.models import Agreement, Dispute
from simpul.core.zones import start_of
from simpul.monitoring.models import EarlyWarning, Indicator
from simpul.organizations.access import member_organization_ids
from simpul.plans.models import Activity

from .access import meetings_visible_to
from .models import AgendaItem, Forum, ForumMember, Invitation, Meeting

LIST_RELATED = ("host", "forum", "agreement")


def meetings_for_calendar(
    user: AnyUser, *, forum: Forum | None = None, agreement: Agreement | None = None
) -> QuerySet[Meeting]:
    meetings = meetings_visible_to(user).select_related(*LIST_RELATED)
    if forum is not None:
        meetings = meetings.filter(forum=forum)
    if agreement is not None:
        meetings = meetings.filter(agreement=agreement)
    return meetings


def meetings_for_list(
    user: AnyUser, *, forum: Forum | None = None, agreement: Agreement | None = None
) -> QuerySet[Meeting]:
    return meetings_for_calendar(user, forum=forum, agreement=agreement).annotate(
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


def month_calendar(meetings: QuerySet[Meeting], year: int, month: int) -> Month:
    """A month grid (weeks from Monday) with each day's first meetings and how many more, in
    the reader's zone; two queries, whatever the number of meetings."""
    zone = timezone.get_current_timezone()
    weeks_dates = calendar_module.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks_dates[0][0], weeks_dates[-1][-1]
    in_window = meetings.filter(
        starts_at__gte=start_of(first, zone), starts_at__lt=start_of(last + timedelta(days=1), zone)
    )
    local_day = TruncDate("starts_at", tzinfo=zone)
    totals = dict(
        in_window.annotate(local_day=local_day)
        .values("local_day")
        .annotate(total=Count("pk"))
        .order_by()
        .values_list("local_day", "total")
    )
    first_of_day = in_window.annotate(
        rank=Window(
            RowNumber(), partition_by=[local_day], order_by=[F("starts_at").asc(), F("pk").asc()]
        )
    ).filter(rank__lte=MEETINGS_PER_DAY)
    by_day: dict[date, list[Meeting]] = defaultdict(list)
    for meeting in first_of_day.order_by("starts_at", "pk"):
        by_day[timezone.localtime(meeting.starts_at, zone).date()].append(meeting)
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


def feed_fingerprint(user: AnyUser, now: datetime | None = None) -> str:
    """What decides the personal feed's content, in one aggregate query: which meetings (their
    number and the sum of their ids) and how far they were changed (every claim bumps
    `version`, every change a calendar must see bumps `sequence`). The feed's entity tag and
    its cache key: an unchanged feed is answered 304 or from the cache, not written again."""
    now = now or timezone.now()
    figures = Meeting.objects.filter(pk__in=_feed_ids(user, now)).aggregate(
        count=Count("pk"),
        ids=Sum("pk"),
        versions=Sum("version"),
        sequences=Sum("sequence"),
        changed=Max("updated_at"),
    )
    changed = figures["changed"].isoformat() if figures["changed"] else "-"
    return "{count}-{ids}-{versions}-{sequences}-".format(**figures) + changed


def feed_meetings(user: AnyUser, now: datetime | None = None) -> QuerySet[Meeting]:
    """Every meeting of the person's organisations and of the person, from 90 days back to
    two years ahead (a feed is a calendar of one's own work, not oversight of everyone's)."""
    now = now or timezone.now()
    return (
        Meeting.objects.filter(pk__in=_feed_ids(user, now))
        .select_related("host", "region", "series")
        .order_by("starts_at", "pk")[:2000]
    )


def _feed_ids(user: AnyUser, now: datetime) -> QuerySet[Meeting, Any]:
    org_ids = member_organization_ids(user)
    forum_ids = ForumMember.objects.filter(organization_id__in=org_ids).values("forum_id")
    condition = (
        Q(host_id__in=org_ids)
        | Q(forum__secretariat_id__in=org_ids)
        | Q(forum_id__in=forum_ids)
        | Q(agreement__owner_id__in=org_ids)
        | Q(agreement__parties__organization_id__in=org_ids)
        | Q(invitations__organization_id__in=org_ids)
        | Q(invitations__user_id=user.pk)
    )
    return (
        Meeting.objects.filter(condition)
        .filter(starts_at__gte=now - timedelta(days=90), starts_at__lte=now + timedelta(days=731))
        .values("pk")
    )


def forums_for_list(forums: QuerySet[Forum]) -> QuerySet[Forum]:
    return forums.select_related("secretariat").annotate(
        member_count=Count("memberships", distinct=True),
        meeting_count=Count("meetings", distinct=True),
    )


def forum_members(forum: Forum) -> list[ForumMember]:
    return list(forum.memberships.select_related("organization", "delegate"))


def upcoming(meetings: QuerySet[Meeting], now: datetime | None = None) -> QuerySet[Meeting]:
    return meetings.filter(ends_at__gte=now or timezone.now())
