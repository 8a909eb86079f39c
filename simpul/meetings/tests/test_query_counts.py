"""The calendar, the list, the meeting page and the feed cost the same number of queries for
one row as for many (no query per meeting, agenda item, invitation or attendance row)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from simpul.meetings import services
from simpul.meetings.models import AgendaItem, Attendance, Invitation
from simpul.meetings.tests.factories import make_forum, make_meeting

pytestmark = pytest.mark.django_db


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def add_meetings(cast, forum, count: int, start) -> None:
    for number in range(count):
        meeting = make_meeting(
            cast, forum=forum, title=f"Rapat {number}", starts_at=start + timedelta(hours=number)
        )
        Invitation.objects.create(
            meeting=meeting, kind="organization", organization=cast.pemkot_yogyakarta
        )


def test_the_month_calendar_and_the_list_cost_the_same_for_one_meeting_or_six(cast):
    forum = make_forum(cast)
    start = timezone.now() + timedelta(days=1)
    client = signed_in(cast.sari)
    month = timezone.localtime(start).strftime("%Y-%m")
    calendar = reverse("meetings:meeting-calendar") + f"?bulan={month}"
    listing = reverse("meetings:meeting-list")
    add_meetings(cast, forum, 1, start)
    one = (queries(client, calendar), queries(client, listing))
    add_meetings(cast, forum, 5, start + timedelta(minutes=30))
    assert (queries(client, calendar), queries(client, listing)) == one


def test_the_meeting_page_costs_the_same_for_one_or_five_items_invitations_and_attendees(cast):
    meeting = make_meeting(cast, starts_at=timezone.now() - timedelta(hours=1))
    client = signed_in(cast.lina)
    url = meeting.get_absolute_url()

    def grow(count: int, offset: int) -> None:
        for number in range(offset, offset + count):
            AgendaItem.objects.create(meeting=meeting, title=f"Butir {number}", position=number)
            AgendaItem.objects.create(meeting=meeting, title=f"Usul {number}", status="proposed")
            Invitation.objects.create(
                meeting=meeting, kind="external", name=f"Tamu {number}", email=f"t{number}@x.id"
            )
            Attendance.objects.create(
                meeting=meeting, name=f"Tamu {number}", status="present",
                organization=cast.pemkot_yogyakarta,
            )  # fmt: skip

    grow(1, 0)
    one = queries(client, url)
    grow(4, 1)
    assert queries(client, url) == one


def test_the_personal_feed_costs_the_same_for_one_or_six_meetings(cast):
    forum = make_forum(cast)
    start = timezone.now() + timedelta(days=1)
    url = reverse("meetings:feed", kwargs={"token": services.feed_start(user=cast.sari).token})
    add_meetings(cast, forum, 1, start)
    one = queries(Client(), url)
    add_meetings(cast, forum, 5, start + timedelta(days=1))
    assert queries(Client(), url) == one


def test_the_calendar_and_the_feed_cost_the_same_for_a_person_in_two_or_eight_organisations(cast):
    from simpul.organizations.models import Membership

    forum = make_forum(cast)
    start = timezone.now() + timedelta(days=1)
    month = timezone.localtime(start).strftime("%Y-%m")
    calendar = reverse("meetings:meeting-calendar") + f"?bulan={month}"
    feed = reverse("meetings:feed", kwargs={"token": services.feed_start(user=cast.wati).token})
    # Two organisations, one of them a province (whose oversight costs its own query).
    Membership.objects.create(user=cast.wati, organization=cast.pemda_diy, role="editor")
    add_meetings(cast, forum, 1, start)
    client = signed_in(cast.wati)
    two = (queries(client, calendar), queries(Client(), feed))
    for organization in (
        cast.pemkot_semarang, cast.pemkab_sleman, cast.sekber_kartamantul,
        cast.biro_tapem_diy, cast.ngo, cast.dlh_yogyakarta,
    ):  # fmt: skip
        Membership.objects.create(user=cast.wati, organization=organization, role="editor")
        make_meeting(cast, forum=forum, host=organization, starts_at=start + timedelta(hours=2))
    assert (queries(client, calendar), queries(Client(), feed)) == two
