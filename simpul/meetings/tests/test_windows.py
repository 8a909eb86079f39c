"""The calendar's month and the personal feed read only the meetings of their window (issue 12
at national scale), and give each person exactly what the access rule gives them."""

from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from simpul.agreements.tests.factories import make_agreement
from simpul.core.zones import WIB, today_in
from simpul.meetings import selectors, services
from simpul.meetings.access import meetings_visible_to
from simpul.meetings.models import Forum, Invitation, Meeting
from simpul.meetings.tests.factories import local, make_forum, make_meeting

pytestmark = pytest.mark.django_db

MARCH = selectors.month_window(2027, 3)


def calendar_of(user, month: str) -> str:
    client = Client()
    client.force_login(user)
    return client.get(reverse("meetings:meeting-calendar") + f"?bulan={month}").content.decode()


def test_an_organisation_invited_to_a_forum_meeting_finds_it_in_the_month_it_moves_to(cast):
    meeting = make_meeting(cast, title="Rapat dengan Semarang", starts_at=local(date(2027, 3, 10)))
    Invitation.objects.create(
        meeting=meeting, kind="organization", organization=cast.pemkot_semarang
    )
    assert "Rapat dengan Semarang" in calendar_of(cast.budi, "2027-03")
    moved = local(date(2027, 5, 12))
    services.meeting_update(
        meeting=meeting,
        user=cast.lina,
        version=meeting.version,
        starts_at=moved,
        ends_at=moved + timedelta(hours=2),
    )
    assert "Rapat dengan Semarang" not in calendar_of(cast.budi, "2027-03")
    assert "Rapat dengan Semarang" in calendar_of(cast.budi, "2027-05")


def test_the_months_window_gives_every_person_exactly_the_meetings_the_rule_gives_them(cast):
    forum = make_forum(cast)
    agreement = make_agreement(cast, state="active")
    march = local(date(2027, 3, 10))
    make_meeting(cast, forum=forum, title="Forum", starts_at=march)
    make_meeting(cast, agreement=agreement, title="Kerja sama", starts_at=march)
    for_semarang = make_meeting(cast, forum=forum, title="Undangan", starts_at=march)
    Invitation.objects.create(
        meeting=for_semarang, kind="organization", organization=cast.pemkot_semarang
    )
    for_eko = make_meeting(cast, forum=forum, title="Tamu", starts_at=march)
    Invitation.objects.create(meeting=for_eko, kind="person", user=cast.eko)
    april = make_meeting(cast, forum=forum, title="April", starts_at=local(date(2027, 4, 14)))
    Invitation.objects.create(meeting=april, kind="organization", organization=cast.ngo)
    for name, person in cast.people().items():
        if person is None:
            continue
        in_window = meetings_visible_to(person, starting=MARCH)
        by_rule = meetings_visible_to(person).filter(
            starts_at__gte=MARCH[0], starts_at__lt=MARCH[1]
        )
        assert set(in_window) == set(by_rule), name
    assert {m.title for m in meetings_visible_to(cast.budi, starting=MARCH)} == {"Undangan"}
    assert {m.title for m in meetings_visible_to(cast.eko, starting=MARCH)} == {"Tamu"}


def test_the_feed_lists_the_earliest_meetings_up_to_its_limit_invitations_included(
    cast, monkeypatch
):
    monkeypatch.setattr(selectors, "FEED_LIMIT", 3)
    forum = make_forum(cast)
    # A forum Kota Yogyakarta does not sit in: its meetings reach Sari only by invitation.
    other = Forum.objects.create(
        slug="lain", name="Forum lain", kind=Forum.Kind.NETWORK, secretariat=cast.pemkot_semarang
    )
    start = local(today_in(WIB) + timedelta(days=3))
    for hours, title, where in [
        (0, "Sendiri 1", forum),
        (1, "Diundang 1", other),
        (2, "Sendiri 2", forum),
        (3, "Diundang 2", other),
        (4, "Sendiri 3", forum),
        (5, "Sendiri 4", forum),
    ]:
        meeting = make_meeting(
            cast, forum=where, title=title, starts_at=start + timedelta(hours=hours)
        )
        if where == other:
            Invitation.objects.create(
                meeting=meeting, kind="organization", organization=cast.pemkot_yogyakarta
            )
    listed = [m.title for m in selectors.feed_meetings(cast.sari)]
    assert listed == ["Sendiri 1", "Diundang 1", "Sendiri 2"]
    url = reverse("meetings:feed", kwargs={"token": services.feed_start(user=cast.sari).token})
    events = Calendar.from_ical(Client().get(url).content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == listed
    assert selectors.feed_fingerprint(cast.sari).startswith("3-")


def test_the_audience_command_finds_a_meeting_moved_outside_the_services_and_repairs_it(
    cast, capsys
):
    meeting = make_meeting(cast, title="Rapat dengan Semarang", starts_at=local(date(2027, 3, 10)))
    Invitation.objects.create(
        meeting=meeting, kind="organization", organization=cast.pemkot_semarang
    )
    moved = local(date(2027, 5, 12))
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=moved, ends_at=moved + timedelta(hours=1)
    )
    assert "Rapat dengan Semarang" not in calendar_of(cast.budi, "2027-05")
    with pytest.raises(CommandError):
        call_command("meetings_audience")
    assert "1 invitations carry a stale meeting start" in capsys.readouterr().out
    call_command("meetings_audience", "--repair")
    assert "Rapat dengan Semarang" in calendar_of(cast.budi, "2027-05")
    call_command("meetings_audience")
    assert "0 invitations" in capsys.readouterr().out


def test_a_busy_persons_feed_keeps_few_past_meetings_and_still_reaches_the_coming_ones(
    cast, monkeypatch
):
    monkeypatch.setattr(selectors, "FEED_LIMIT", 4)
    monkeypatch.setattr(selectors, "FEED_PAST_LIMIT", 2)
    forum = make_forum(cast)
    today = local(today_in(WIB))
    for days, title in [(-30, "Lalu 1"), (-20, "Lalu 2"), (-10, "Lalu 3"), (-5, "Lalu 4")]:
        make_meeting(cast, forum=forum, title=title, starts_at=today + timedelta(days=days))
    for days, title in [(5, "Nanti 1"), (10, "Nanti 2"), (20, "Nanti 3")]:
        make_meeting(cast, forum=forum, title=title, starts_at=today + timedelta(days=days))
    listed = [m.title for m in selectors.feed_meetings(cast.sari)]
    # Without the cap the four past meetings would fill the feed and nothing ahead would show.
    assert listed == ["Lalu 3", "Lalu 4", "Nanti 1", "Nanti 2"]
    assert selectors.feed_fingerprint(cast.sari).startswith("4-")
