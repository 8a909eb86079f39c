"""Reads of discussions: thread lists, a thread's page, mention candidates, the threads about
an object (for other apps' pages, through core.related), and response times.

    response_times(*, organization=None, agreement=None, since=None, until=None) -> dict

gives `asked, answered, median_hours, p90_hours, median_workdays, p90_workdays` (None when no
question was answered). `response_times_per_party(agreements, since, until)` gives the same
per (agreement id, asked organisation id) and per (agreement id, None) for the whole
agreement, in two queries whatever the number of agreements (collaboration health's input).
The counts and the durations' filter run in the database; the percentiles are taken in
Python over the one column of answered questions' (asked, answered) pairs, because SQLite
has no percentile function and both engines must agree.
"""

import math
from datetime import date, datetime, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from simpul.accounts.access import AnyUser
from simpul.accounts.models import User
from simpul.agreements.models import Agreement
from simpul.core import workdays, zones
from simpul.meetings.models import Forum
from simpul.organizations.models import Membership, Organization

from . import access
from .models import Post, Question, Thread

POSTS_PER_PAGE = 20
THREADS_PER_PAGE = 25
CANDIDATES_MAX = 10


def threads_of(
    user: AnyUser, *, agreement: Agreement | None = None, forum: Forum | None = None
) -> QuerySet[Thread]:
    threads = access.threads_visible_to(user).select_related("created_by")
    if agreement is not None:
        return threads.filter(agreement=agreement)
    return threads.filter(forum=forum)


def thread_posts_page(thread: Thread, number: Any) -> Page[Post]:
    """One page of a thread's posts with everything each shows, in a fixed number of queries
    whatever the thread holds: the page, the count, and two prefetches."""
    posts = (
        Post.objects.filter(thread=thread)
        .select_related("author", "deleted_by", "reply_to__author")
        .prefetch_related(
            "mentioned_organizations",
            Prefetch("questions", queryset=Question.objects.select_related("organization")),
        )
        .order_by("number")
    )
    return Paginator(posts, POSTS_PER_PAGE).get_page(number)


def pinned_posts(thread: Thread) -> list[Post]:
    return list(
        Post.objects.filter(thread=thread, is_pinned=True, deleted_at__isnull=True)
        .select_related("author")
        .order_by("-number")[:3]
    )


def page_of_post(post: Post) -> int:
    return (post.number - 1) // POSTS_PER_PAGE + 1


def mention_candidates(thread: Thread, query: str) -> list[dict[str, str]]:
    """People and organisations of the thread's participants whose name starts a word with
    `query`: only people who read the thread (access.thread_can_view is asked for each of the
    few matches, so the answer follows the one rule)."""
    query = " ".join(query.split())[:60]
    if len(query) < 2:
        return []
    participants = access.participant_ids(agreement=thread.agreement, forum=thread.forum)
    organizations = Organization.objects.filter(
        Q(name__icontains=query) | Q(acronym__istartswith=query), pk__in=participants
    ).order_by("name")[:CANDIDATES_MAX]
    memberships = Membership.objects.filter(
        Q(organization_id__in=participants) | Q(organization__parent_id__in=participants)
    )
    people = (
        User.objects.filter(
            Q(full_name__icontains=query) | Q(email__istartswith=query),
            is_active=True,
            pk__in=memberships.values("user_id"),
        )
        .order_by("full_name")
        .distinct()[: CANDIDATES_MAX * 2]
    )
    results = [
        {"kind": "organization", "label": org.name, "insert": f"@[{org.name}]"}
        for org in organizations
    ]
    for person in people:
        if len(results) >= CANDIDATES_MAX * 2:
            break
        if access.thread_can_view(person, thread):
            results.append(
                {"kind": "person", "label": person.full_name, "insert": f"@[{person.full_name}]"}
            )
    return results


def threads_about(user: AnyUser, obj: object) -> list[Thread]:
    """The threads the user reads that are about `obj` (a meeting also shows its action
    items' threads; an indicator its warnings'; an agreement its stages')."""
    from simpul.meetings.models import Meeting
    from simpul.monitoring.models import Indicator

    threads = access.threads_visible_to(user)
    if isinstance(obj, Meeting):
        condition = Q(meeting=obj) | Q(action_item__agenda_item__meeting=obj)
    elif isinstance(obj, Indicator):
        condition = Q(indicator=obj) | Q(warning__subject_key=f"indicator:{obj.pk}")
    elif isinstance(obj, Agreement):
        condition = Q(agreement=obj) & ~Q(stage="")
    else:
        return []
    return list(threads.filter(condition).order_by("-last_post_at")[:20])


def thread_about(thread: Thread) -> dict[str, str] | None:
    """What the thread is about, as a label and (where the thing has a page) its URL."""
    from django.urls import reverse

    if thread.stage and thread.agreement is not None:
        stage = thread.agreement.workflow.stages.filter(code=thread.stage).first()
        return {"label": str(stage or thread.stage), "url": thread.agreement.get_absolute_url()}
    if thread.indicator is not None:
        indicator = thread.indicator
        url = reverse("monitoring:indicator-detail", kwargs={"pk": indicator.pk})
        return {"label": f"{indicator.code} {indicator.name}", "url": url}
    if thread.warning is not None:
        return {"label": str(thread.warning), "url": reverse("monitoring:warning-list")}
    if thread.meeting is not None:
        return {"label": thread.meeting.title, "url": thread.meeting.get_absolute_url()}
    if thread.action_item is not None:
        action = thread.action_item
        return {"label": action.title, "url": action.agenda_item.meeting.get_absolute_url()}
    return None


# --- Response times -------------------------------------------------------------------------


def _percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (share 0.5 is the median's upper middle): a value that was
    really observed, never an interpolation."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def _workdays(asked: datetime, answered: datetime, zone: str, off: set[date]) -> float:
    """Working days between two moments in the asked organisation's zone: whole working days
    between the two dates, plus the part of the day each moment falls in when it is one."""
    start = timezone.localtime(asked, zones.zone_info(zone))
    end = timezone.localtime(answered, zones.zone_info(zone))
    if start.date() == end.date():
        if not workdays.is_working_day(start.date(), off):
            return 0.0
        return (end - start).total_seconds() / 86400
    days = float(workdays.working_days_between(start.date(), end.date(), off=off))
    # working_days_between counts the end day whole and the start day not at all.
    if workdays.is_working_day(end.date(), off):
        days -= 1 - _day_share(end)
    if workdays.is_working_day(start.date(), off):
        days += 1 - _day_share(start)
    return max(days, 0.0)


def _day_share(moment: datetime) -> float:
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return (moment - midnight).total_seconds() / 86400


def response_times(
    *,
    organization: Organization | None = None,
    agreement: Agreement | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> dict[str, Any]:
    questions = Question.objects.all()
    if organization is not None:
        questions = questions.filter(organization=organization)
    if agreement is not None:
        questions = questions.filter(thread__agreement=agreement)
    if since is not None:
        questions = questions.filter(asked_at__gte=since)
    if until is not None:
        questions = questions.filter(asked_at__lt=until)
    counts = questions.aggregate(
        asked=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False))
    )
    rows: list[Answered] = [
        (asked, answered, code)
        for asked, answered, code in questions.filter(answered_at__isnull=False).values_list(
            "asked_at", "answered_at", "organization__region__code"
        )
        if answered is not None
    ]
    return _summary(counts["asked"], rows, _days_off(rows))


# (asked at, answered at, the asked organisation's region code)
Answered = tuple[datetime, datetime, str | None]


def _days_off(rows: list[Answered]) -> set[date]:
    if not rows:
        return set()
    # A day either side covers every zone's calendar date of the first and last moment.
    first = min(row[0] for row in rows).date() - timedelta(days=1)
    last = max(row[1] for row in rows).date() + timedelta(days=1)
    return workdays.days_off(first, last)


def _summary(asked: int, rows: list[Answered], off: set[date]) -> dict[str, Any]:
    hours = [(answered - at).total_seconds() / 3600 for at, answered, _code in rows]
    working = [
        _workdays(at, answered, zones.zone_for_code(code) if code else zones.WIB, off)
        for at, answered, code in rows
    ]

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 1)

    return {
        "asked": asked,
        "answered": len(rows),
        "median_hours": rounded(_percentile(hours, 0.5)),
        "p90_hours": rounded(_percentile(hours, 0.9)),
        "median_workdays": rounded(_percentile(working, 0.5)),
        "p90_workdays": rounded(_percentile(working, 0.9)),
    }


def response_times_per_party(
    agreements: Any, *, since: datetime, until: datetime
) -> dict[tuple[int, int | None], dict[str, Any]]:
    """`response_times` of the questions asked in [since, until) in the threads of
    `agreements` (ids or a queryset of pks), per (agreement id, asked organisation id) and per
    (agreement id, None): one query for the questions and one for the days off."""
    asked: dict[tuple[int, int | None], int] = {}
    answered: dict[tuple[int, int | None], list[Answered]] = {}
    every: list[Answered] = []
    for agreement_id, org_id, at, answered_at, code in Question.objects.filter(
        thread__agreement_id__in=agreements, asked_at__gte=since, asked_at__lt=until
    ).values_list(
        "thread__agreement_id",
        "organization_id",
        "asked_at",
        "answered_at",
        "organization__region__code",
    ):
        for key in ((agreement_id, org_id), (agreement_id, None)):
            asked[key] = asked.get(key, 0) + 1
            answered.setdefault(key, [])
            if answered_at is not None:
                answered[key].append((at, answered_at, code))
        if answered_at is not None:
            every.append((at, answered_at, code))
    off = _days_off(every)
    return {key: _summary(n, answered[key], off) for key, n in asked.items()}


def agreement_response_times(agreement: Agreement) -> list[dict[str, Any]]:
    """Per asked organisation of one agreement, for its Discussions tab."""
    asked = Organization.objects.filter(
        pk__in=Question.objects.filter(thread__agreement=agreement).values("organization_id")
    ).order_by("name")
    return [
        {"organization": org, **response_times(organization=org, agreement=agreement)}
        for org in asked
    ]
