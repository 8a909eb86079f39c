"""The public side of meetings: the "meeting schedule" and "decisions" information kinds, the
Meetings section of the public agreement page, and the public cache going stale with them."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from simpul.agreements.tests.factories import set_state
from simpul.core.zones import WITA
from simpul.meetings.models import Attendance, Invitation
from simpul.meetings.services import minutes as minutes_services
from simpul.meetings.services.scheduling import meeting_cancel
from simpul.meetings.tests.factories import make_meeting
from simpul.meetings.tests.public_factories import (
    agreement_meeting,
    draft_minutes,
    sign_all,
    signed_minutes,
)
from simpul.portal.tests.test_pages_support import public_agreement
from simpul.publication import selectors as gate
from simpul.publication.kinds import InfoKind
from simpul.publication.services import unpublish

pytestmark = pytest.mark.django_db


def page_of(agreement) -> str:
    return reverse("portal:agreement", kwargs={"reference_code": agreement.reference_code})


def past(hours: int = 3):
    return timezone.now() - timedelta(hours=hours)


def test_the_schedule_and_decisions_are_public_by_default_from_the_active_stage_only(cast):
    agreement = public_agreement(cast, state="pks_signed")

    assert {InfoKind.MEETINGS, InfoKind.DECISIONS}.isdisjoint(gate.public_kinds(agreement))
    set_state(agreement, "active")
    assert {InfoKind.MEETINGS, InfoKind.DECISIONS} <= gate.public_kinds(agreement)


def test_the_publication_tab_lets_editors_decide_on_the_new_kinds(client, cast):
    agreement = public_agreement(cast)
    client.force_login(cast.sari)

    response = client.get(reverse("publication:overview", kwargs={"agreement_pk": agreement.pk}))

    kinds = {row.kind for row in response.context["overview"].kinds}
    assert {"meetings", "decisions"} <= kinds


def test_the_public_page_shows_the_schedule_in_the_meetings_zone_without_invitees_or_links(
    client, cast
):
    agreement = public_agreement(cast)
    coming = agreement_meeting(
        cast, agreement, title="Rapat teknis air minum", venue="Balai Kota", zone=WITA
    )
    Invitation.objects.create(
        meeting=coming,
        kind=Invitation.Kind.EXTERNAL,
        name="Dr. Ahli Rahasia",
        email="ahli.rahasia@ugm.ac.id",
    )
    held = agreement_meeting(
        cast,
        agreement,
        title="Webinar pengelolaan air",
        starts_at=past(30),
        online_url="https://rapat.example.org/rahasia-tautan",
    )
    Attendance.objects.create(
        meeting=held,
        organization=cast.pemkot_yogyakarta,
        name="Peserta Rahasia",
        status=Attendance.Status.PRESENT,
    )

    response = client.get(page_of(agreement))

    assert response.status_code == 200
    upcoming = [m.title for m in response.context["upcoming_meetings"]]
    held_titles = [p.meeting.title for p in response.context["past_meetings"]]
    assert (upcoming, held_titles) == (["Rapat teknis air minum"], ["Webinar pengelolaan air"])
    assert "Balai Kota" in response.text
    assert "WITA" in response.text  # the time as the host typed it, with its zone
    assert "Daring" in response.text
    for secret in ("Dr. Ahli Rahasia", "ahli.rahasia@ugm.ac.id", "rahasia-tautan", "Peserta"):
        assert secret not in response.text


def test_a_forum_meeting_and_an_unpublished_schedule_never_show(client, cast):
    agreement = public_agreement(cast)
    agreement_meeting(cast, agreement, title="Rapat teknis air minum")
    make_meeting(cast, title="Rapat forum tertutup")

    assert "Rapat forum tertutup" not in client.get(page_of(agreement)).text
    unpublish(agreement, InfoKind.MEETINGS, reason="Rapat tertutup", user=cast.sari)

    response = client.get(page_of(agreement))
    assert "Rapat teknis air minum" not in response.text
    assert 'id="meetings-heading"' not in response.text


def test_decisions_show_only_from_final_minutes_and_while_the_kind_is_public(client, cast):
    agreement = public_agreement(cast)
    meeting = agreement_meeting(cast, agreement, starts_at=past())
    version = draft_minutes(
        cast, meeting, decision="Tarif air curah naik", summary="Catatan draf rahasia"
    )

    assert "Tarif air curah naik" not in client.get(page_of(agreement)).text
    sign_all(version)
    response = client.get(page_of(agreement))
    assert "Tarif air curah naik" in response.text
    assert "Catatan draf rahasia" not in response.text  # discussion texts stay internal

    unpublish(agreement, InfoKind.DECISIONS, reason="Belum diumumkan", user=cast.sari)
    assert "Tarif air curah naik" not in client.get(page_of(agreement)).text


def test_a_correction_being_drafted_shows_nothing_until_it_is_signed(client, cast):
    agreement = public_agreement(cast)
    meeting = agreement_meeting(cast, agreement, starts_at=past())
    final = signed_minutes(cast, meeting, decision="Keputusan yang disepakati")
    correction = minutes_services.minutes_correct(version=final, user=cast.sari)
    item = meeting.agenda_items.get()
    minutes_services.decision_add(item=item, user=cast.sari, text="Keputusan draf koreksi")

    response = client.get(page_of(agreement))

    assert "Keputusan yang disepakati" in response.text
    assert "Keputusan draf koreksi" not in response.text
    sign_all(correction)
    assert "Keputusan draf koreksi" in client.get(page_of(agreement)).text


def test_a_cached_page_goes_stale_when_a_meeting_or_its_minutes_or_the_rule_changes(client, cast):
    agreement = public_agreement(cast)
    assert client.get(page_of(agreement))["X-Public-Cache"] == "miss"
    assert client.get(page_of(agreement))["X-Public-Cache"] == "hit"

    meeting = agreement_meeting(cast, agreement, title="Rapat pimpinan tahunan")
    assert "Rapat pimpinan tahunan" in client.get(page_of(agreement)).text

    meeting_cancel(meeting=meeting, user=cast.sari, reason="Bentrok jadwal")
    response = client.get(page_of(agreement))
    assert response.context["upcoming_meetings"][0].status == "cancelled"

    held = agreement_meeting(cast, agreement, starts_at=past())
    version = draft_minutes(cast, held, decision="Keputusan rapat pimpinan")
    assert "Keputusan rapat pimpinan" not in client.get(page_of(agreement)).text
    sign_all(version)
    assert "Keputusan rapat pimpinan" in client.get(page_of(agreement)).text

    unpublish(agreement, InfoKind.MEETINGS, reason="Rapat tertutup", user=cast.sari)
    assert "Rapat pimpinan tahunan" not in client.get(page_of(agreement)).text
    later = timezone.now() + timedelta(seconds=settings.PUBLIC_CACHE_SECONDS + 600)
    with time_machine.travel(later):
        assert "Rapat pimpinan tahunan" not in client.get(page_of(agreement)).text


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_public_page_runs_the_same_queries_for_more_meetings_and_decisions(client, cast):
    agreement = public_agreement(cast)
    signed_minutes(cast, agreement_meeting(cast, agreement, starts_at=past()))
    agreement_meeting(cast, agreement)
    few = _queries(client, page_of(agreement) + "?n=1")

    for days in range(2, 5):
        signed_minutes(cast, agreement_meeting(cast, agreement, starts_at=past(24 * days)))
        agreement_meeting(cast, agreement, starts_at=timezone.now() + timedelta(days=days))

    assert _queries(client, page_of(agreement) + "?n=2") == few
