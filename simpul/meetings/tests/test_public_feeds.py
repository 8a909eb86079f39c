"""The public iCal feeds: one per public agreement and one of every public meeting."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from simpul.agreements.tests.factories import make_agreement
from simpul.meetings.models import Invitation
from simpul.meetings.public import FEED_LIMIT
from simpul.meetings.tests.factories import make_meeting
from simpul.meetings.tests.public_factories import agreement_meeting
from simpul.portal.tests.test_pages_support import public_agreement

pytestmark = pytest.mark.django_db

ALL = reverse("portal:meetings-ics")


def feed_of(agreement) -> str:
    return reverse(
        "portal:agreement-meetings-ics", kwargs={"reference_code": agreement.reference_code}
    )


def events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_an_agreement_feed_lists_its_public_meetings_linking_back_to_its_public_page(client, cast):
    agreement = public_agreement(cast)
    meeting = agreement_meeting(
        cast,
        agreement,
        title="Rapat: tarif; air\u2028curah",
        venue="Balai Kota",
        online_url="https://rapat.example.org/tautan-rahasia",
    )
    Invitation.objects.create(
        meeting=meeting, kind=Invitation.Kind.EXTERNAL, name="Ahli", email="ahli@ugm.ac.id"
    )

    found = events(client.get(feed_of(agreement)))

    assert [str(event["UID"]) for event in found] == [meeting.uid]
    page = reverse("portal:agreement", kwargs={"reference_code": agreement.reference_code})
    assert str(found[0]["URL"]).endswith(page)
    assert "Balai Kota" in str(found[0]["LOCATION"])
    assert found[0].decoded("DTSTART") == meeting.starts_at.replace(microsecond=0)
    body = client.get(feed_of(agreement)).content.decode()
    for secret in ("tautan-rahasia", "ahli@ugm.ac.id", "ATTENDEE", "ORGANIZER"):
        assert secret not in body


def test_an_internal_agreement_has_no_feed_and_its_meetings_are_in_no_public_feed(client, cast):
    draft = make_agreement(cast, title="Rancangan rahasia")
    agreement_meeting(cast, draft, title="Rapat rancangan")
    make_meeting(cast, title="Rapat forum")

    assert client.get(feed_of(draft)).status_code == 404
    unknown = reverse("portal:agreement-meetings-ics", kwargs={"reference_code": "KSD-1999-1"})
    assert client.get(unknown).status_code == 404
    assert events(client.get(ALL)) == []


def test_the_feed_of_all_public_meetings_is_newest_first_and_bounded(client, cast, monkeypatch):
    monkeypatch.setattr("simpul.meetings.public.FEED_LIMIT", 2)
    first, second = public_agreement(cast, title="Satu"), public_agreement(cast, title="Dua")
    now = timezone.now()
    oldest = agreement_meeting(cast, first, starts_at=now + timedelta(days=1))
    middle = agreement_meeting(cast, second, starts_at=now + timedelta(days=2))
    newest = agreement_meeting(cast, first, starts_at=now + timedelta(days=3))

    uids = [str(event["UID"]) for event in events(client.get(ALL))]

    assert uids == [newest.uid, middle.uid]
    assert oldest.uid not in uids
    assert FEED_LIMIT >= 100


def test_the_public_page_links_to_its_feed(client, cast):
    agreement = public_agreement(cast)
    page = reverse("portal:agreement", kwargs={"reference_code": agreement.reference_code})

    assert feed_of(agreement) in client.get(page).text


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_feeds_run_the_same_queries_for_more_meetings(client, cast):
    agreement = public_agreement(cast)
    agreement_meeting(cast, agreement, venue="Balai Kota", region=cast.yogyakarta)
    few = [_queries(client, url + "?n=1") for url in (feed_of(agreement), ALL)]

    for days in range(2, 6):
        agreement_meeting(
            cast, agreement, starts_at=timezone.now() + timedelta(days=days), region=cast.sleman
        )

    assert [_queries(client, url + "?n=2") for url in (feed_of(agreement), ALL)] == few
