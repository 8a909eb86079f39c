"""Collaboration health: meetings held against the cadence, attendance per party, action items
done on time and days to final minutes, on a forum's page and an agreement's meetings tab, in
a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.meetings.health import agreement_health, forum_health
from simpul.meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Meeting,
    Minutes,
    MinutesVersion,
)
from simpul.meetings.tests.factories import make_forum, make_meeting

pytestmark = pytest.mark.django_db


def held(cast, *, days_ago: int, forum=None, agreement=None, **fields) -> Meeting:
    return make_meeting(
        cast,
        forum=forum,
        agreement=agreement,
        starts_at=timezone.now() - timedelta(days=days_ago),
        status=Meeting.Status.HELD,
        **fields,
    )


def attended(meeting, organization, status=Attendance.Status.PRESENT) -> None:
    Attendance.objects.create(
        meeting=meeting,
        organization=organization,
        name=f"Wakil {organization.pk}",
        status=status,
        represented_by="Staf" if status == Attendance.Status.REPRESENTED else "",
    )


def finalised(meeting, *, days_after: float) -> None:
    minutes = Minutes.objects.create(meeting=meeting)
    MinutesVersion.objects.create(
        minutes=minutes,
        number=1,
        status=MinutesVersion.Status.FINAL,
        finalised_at=meeting.ends_at + timedelta(days=days_after),
        snapshot={},
        sha256="0" * 64,
    )


def action(meeting, owner, *, due_days_ago: int, done_days_ago: int | None = None) -> ActionItem:
    item = AgendaItem.objects.create(meeting=meeting, title="Tarif")
    today = timezone.localdate()
    return ActionItem.objects.create(
        agenda_item=item,
        title="Menyusun rancangan",
        owner_organization=owner,
        due_date=today - timedelta(days=due_days_ago),
        status=ActionItem.Status.OPEN if done_days_ago is None else ActionItem.Status.DONE,
        completion_note="" if done_days_ago is None else "Selesai",
        done_at=None if done_days_ago is None else timezone.now() - timedelta(days=done_days_ago),
    )


def person(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def test_a_monthly_forum_counts_meetings_held_in_the_last_twelve_months_against_twelve(cast):
    forum = make_forum(cast)
    for days_ago in (10, 40, 70):
        held(cast, forum=forum, days_ago=days_ago)
    held(cast, forum=forum, days_ago=400)  # before the window
    make_meeting(cast, forum=forum, starts_at=timezone.now() - timedelta(days=100))  # not held
    health = forum_health(forum)
    assert (health.held, health.expected) == (3, 12)
    assert health.held_share == 25


def test_an_agreement_sets_its_held_meetings_against_those_scheduled(cast):
    agreement = make_agreement(cast, state="active")
    held(cast, agreement=agreement, days_ago=20)
    make_meeting(
        cast,
        agreement=agreement,
        starts_at=timezone.now() - timedelta(days=50),
        status=Meeting.Status.CANCELLED,
        cancel_reason="Banjir",
    )
    health = agreement_health(agreement)
    assert (health.held, health.expected, health.is_forum) == (1, 2, False)


def test_attendance_rate_per_party_counts_present_or_represented_of_meetings_with_a_list(cast):
    forum = make_forum(cast)
    sleman, bantul = government_of(cast.sleman), government_of(cast.bantul)
    first, second = held(cast, forum=forum, days_ago=10), held(cast, forum=forum, days_ago=40)
    held(cast, forum=forum, days_ago=70)  # no attendance list: not in the denominator
    attended(first, cast.pemkot_yogyakarta)
    attended(second, cast.pemkot_yogyakarta, Attendance.Status.REPRESENTED)
    attended(first, sleman)
    attended(second, bantul, Attendance.Status.ABSENT)
    rates = {row.organization.pk: (row.attended, row.rate) for row in forum_health(forum).parties}
    assert rates == {
        cast.pemkot_yogyakarta.pk: (2, 100),
        sleman.pk: (1, 50),
        bantul.pk: (0, 0),
    }


def test_action_items_count_as_on_time_only_when_done_by_their_due_date(cast):
    forum = make_forum(cast)
    meeting = held(cast, forum=forum, days_ago=60)
    action(meeting, cast.pemkot_yogyakarta, due_days_ago=20, done_days_ago=25)  # on time
    action(meeting, cast.pemkot_yogyakarta, due_days_ago=20, done_days_ago=5)  # late
    action(meeting, cast.pemkot_yogyakarta, due_days_ago=3)  # overdue, open
    action(meeting, cast.pemkot_yogyakarta, due_days_ago=-10)  # not due yet
    health = forum_health(forum)
    assert (health.actions_on_time, health.actions_due) == (1, 3)
    assert str(health.on_time_share) == "33.3"


def test_days_to_final_minutes_is_the_median_over_meetings_with_final_minutes(cast):
    forum = make_forum(cast)
    for days_ago, delay in ((10, 2), (40, 4), (70, 9), (100, 30)):
        finalised(held(cast, forum=forum, days_ago=days_ago), days_after=delay)
    held(cast, forum=forum, days_ago=130)  # minutes not final: not counted
    health = forum_health(forum)
    assert (health.final_minutes, str(health.median_days)) == (4, "6.5")


def test_the_forum_page_shows_the_health_panel_with_its_figures(cast):
    forum = make_forum(cast)
    meeting = held(cast, forum=forum, days_ago=10)
    attended(meeting, cast.pemkot_yogyakarta)
    finalised(meeting, days_after=3)
    response = person(cast.sari).get(forum.get_absolute_url())
    html = response.content.decode()
    assert 'id="collaboration-health"' in html
    assert "1 of 12" in html
    assert "expected from the declared cadence (monthly)" in html
    assert 'id="health-attendance"' in html and "100.0%" in html


def test_a_forum_without_held_meetings_says_none_was_held_yet(cast):
    forum = make_forum(cast)
    html = person(cast.sari).get(forum.get_absolute_url()).content.decode()
    assert 'id="health-empty"' in html
    assert "No meeting held yet in these twelve months, against 12 expected." in html
    assert 'id="health-attendance"' not in html


def test_the_agreement_meetings_tab_shows_the_health_panel(cast):
    agreement = make_agreement(cast, state="active")
    held(cast, agreement=agreement, days_ago=5)
    url = reverse("meetings:agreement-meetings", kwargs={"agreement_pk": agreement.pk})
    html = person(cast.sari).get(url).content.decode()
    assert 'id="health-held" data-value="1"' in html
    assert "the agreement declares no cadence" in html
    assert 'id="health-no-attendance"' in html


def _queries(fn, *args) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn(*args)
    return len(captured)


def _busy_forum(cast, forum, count: int, offset: int) -> None:
    for number in range(count):
        meeting = held(cast, forum=forum, days_ago=offset + number)
        attended(meeting, cast.pemkot_yogyakarta)
        finalised(meeting, days_after=number % 5 + 1)
        action(meeting, cast.pemkot_yogyakarta, due_days_ago=1, done_days_ago=2)


def test_health_costs_the_same_queries_for_two_meetings_or_ten(cast):
    forum = make_forum(cast)
    _busy_forum(cast, forum, 2, 5)
    two = _queries(forum_health, forum)
    _busy_forum(cast, forum, 8, 20)
    assert _queries(forum_health, forum) == two == 5
    assert forum_health(forum).held == 10


def test_the_forum_page_costs_the_same_queries_for_two_meetings_or_ten(cast):
    forum = make_forum(cast)
    client = person(cast.sari)
    url = forum.get_absolute_url()
    _busy_forum(cast, forum, 2, 5)
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200
    _busy_forum(cast, forum, 8, 20)
    with CaptureQueriesContext(connection) as ten:
        assert client.get(url).status_code == 200
    assert len(ten) == len(two)
