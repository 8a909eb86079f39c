"""The meeting pages as people use them: schedule, see it on the calendar, propose and decide
agenda items, answer, record attendance, download the .ics, the guest's page, the feed."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.core.zones import WIB, WIT
from simpul.meetings import selectors, services
from simpul.meetings.models import AgendaItem, Invitation, Meeting
from simpul.meetings.services import Guest
from simpul.meetings.tests.factories import make_forum, make_meeting
from simpul.testing.merge import choices_asked, opened

pytestmark = pytest.mark.django_db


def person(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_the_secretariat_schedules_a_forum_meeting_and_finds_it_on_the_month_calendar(cast):
    forum = make_forum(cast)
    lina = person(cast.lina)
    start = timezone.localtime() + timedelta(days=2)
    response = lina.post(
        reverse("meetings:meeting-create") + f"?forum={forum.slug}",
        {
            "host": cast.sekber_kartamantul.pk,
            "kind": "coordination",
            "title": "Rapat: TPST Piyungan; tarif",
            "starts_at": moment(start),
            "ends_at": moment(start + timedelta(hours=2)),
            "venue": "Kantor Sekber",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    calendar = lina.get(
        reverse("meetings:meeting-calendar") + f"?bulan={start:%Y-%m}&forum={forum.slug}"
    )
    assert "Rapat: TPST Piyungan; tarif" in calendar.content.decode()
    page = person(cast.yanto).get(meeting.get_absolute_url())
    assert page.status_code == 200 and "WIB" in page.content.decode()


def test_an_end_before_the_start_comes_back_on_the_form_with_the_input_kept(cast):
    forum = make_forum(cast)
    start = timezone.localtime() + timedelta(days=2)
    response = person(cast.lina).post(
        reverse("meetings:meeting-create") + f"?forum={forum.slug}",
        {
            "host": cast.sekber_kartamantul.pk, "kind": "coordination", "title": "Rapat",
            "starts_at": moment(start), "ends_at": moment(start - timedelta(hours=1)),
        },
    )  # fmt: skip
    assert response.status_code == 400
    assert "Rapat" in response.content.decode() and not Meeting.objects.exists()


def test_a_repeating_meeting_without_an_end_date_is_refused_on_the_form(cast):
    forum = make_forum(cast)
    start = timezone.localtime() + timedelta(days=2)
    response = person(cast.lina).post(
        reverse("meetings:meeting-create") + f"?forum={forum.slug}",
        {
            "host": cast.sekber_kartamantul.pk, "kind": "coordination", "title": "Bulanan",
            "starts_at": moment(start), "ends_at": moment(start + timedelta(hours=1)),
            "repeat": "monthly",
        },
    )  # fmt: skip
    assert response.status_code == 400 and not Meeting.objects.exists()


def test_two_people_editing_one_meeting_keep_both_changes_and_are_asked_on_a_collision(cast):
    meeting = make_meeting(cast)
    url = reverse("meetings:meeting-edit", kwargs={"pk": meeting.pk})
    lina, rina = person(cast.lina), person(cast.rina)
    lina_base, rina_base = opened(lina, url), opened(rina, url)
    fields = {
        "kind": meeting.kind, "title": meeting.title, "starts_at": moment(meeting.starts_at),
        "ends_at": moment(meeting.ends_at), "venue": "", "online_url": "",
    }  # fmt: skip
    assert lina.post(url, {"base": lina_base, **fields, "venue": "Balai Kota"}).status_code == 302
    merged = rina.post(url, {"base": rina_base, **fields, "online_url": "https://meet.example/x"})
    assert merged.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.online_url) == ("Balai Kota", "https://meet.example/x")
    rina_base = opened(rina, url)
    lina_base = opened(lina, url)
    now = {**fields, "venue": "Balai Kota", "online_url": "https://meet.example/x"}
    assert lina.post(url, {"base": lina_base, **now, "title": "Rapat A"}).status_code == 302
    collision = rina.post(url, {"base": rina_base, **now, "title": "Rapat B"})
    assert collision.status_code == 409 and choices_asked(collision) == {"title"}
    assert Meeting.objects.get(pk=meeting.pk).title == "Rapat A"


def test_an_invitee_proposes_an_item_and_the_organiser_declines_it_with_a_reason(cast):
    meeting = make_meeting(cast)
    Invitation.objects.create(meeting=meeting, kind="person", user=cast.vina)
    vina = person(cast.vina)
    response = vina.post(
        reverse("meetings:agenda-add", kwargs={"pk": meeting.pk}), {"title": "Retribusi"}
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert item.status == "proposed"
    decide = reverse("meetings:agenda-decide", kwargs={"pk": meeting.pk, "item_pk": item.pk})
    assert vina.post(decide, {"decision": "accept"}).status_code == 404
    person(cast.lina).post(decide, {"decision": "decline", "reason": "Bukan wewenang forum"})
    item.refresh_from_db()
    assert (item.status, item.decline_reason) == ("declined", "Bukan wewenang forum")
    assert "Bukan wewenang forum" in vina.get(meeting.get_absolute_url()).content.decode()


def test_an_organisation_editor_answers_for_the_organisation_on_the_meeting_page(cast):
    meeting = make_meeting(cast)
    invitation = Invitation.objects.create(
        meeting=meeting, kind="organization", organization=cast.pemkot_yogyakarta
    )
    url = reverse(
        "meetings:invitation-answer", kwargs={"pk": meeting.pk, "invitation_pk": invitation.pk}
    )
    assert person(cast.vina).post(url, {"answer": "accepted"}).status_code == 404
    person(cast.wati).post(url, {"answer": "delegated", "delegate_name": "Tono Wibowo"})
    invitation.refresh_from_db()
    assert (invitation.rsvp, invitation.delegate_name, invitation.responded_by) == (
        "delegated",
        "Tono Wibowo",
        cast.wati,
    )


def test_the_attendance_list_is_saved_and_the_quorum_shown(cast):
    meeting = make_meeting(cast, starts_at=timezone.now() - timedelta(hours=1))
    url = reverse("meetings:attendance", kwargs={"pk": meeting.pk})
    lina = person(cast.lina)
    assert lina.get(url).status_code == 200
    rows = [
        ("Sari Wulandari", cast.pemkot_yogyakarta.pk, "present", "", ""),
        ("Yanto Susilo", government_of(cast.sleman).pk, "represented", "Rudi", ""),
        ("", "", "", "", ""),
    ]
    data = {"rows-TOTAL_FORMS": "3", "rows-INITIAL_FORMS": "0"}
    for index, (name, org, status, by, reason) in enumerate(rows):
        data.update(
            {
                f"rows-{index}-name": name, f"rows-{index}-organization": org,
                f"rows-{index}-status": status, f"rows-{index}-represented_by": by,
                f"rows-{index}-absence_reason": reason,
            }
        )  # fmt: skip
    assert lina.post(url, data).status_code == 302
    assert meeting.attendance.count() == 2
    page = lina.get(meeting.get_absolute_url()).content.decode()
    assert "2 of 3 member organisations represented" in page


def test_a_meeting_without_recorded_attendance_names_its_quorum_rule_but_no_verdict(cast):
    meeting = make_meeting(cast)  # tomorrow: nobody can have been counted yet
    page = person(cast.sari).get(meeting.get_absolute_url()).content.decode()
    quorum = page.split('id="quorum">', 1)[1].split("</dd>", 1)[0]
    assert "More than half of the member organisations represented" in quorum
    assert "not reached" not in quorum and "status-pill" not in quorum


def test_the_ics_download_parses_and_links_back(cast):
    meeting = make_meeting(cast, title="Rapat; lanjutan: air")
    response = person(cast.sari).get(reverse("meetings:meeting-ics", kwargs={"pk": meeting.pk}))
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Rapat; lanjutan: air"
    assert str(event["URL"]).endswith(meeting.get_absolute_url())


def test_a_guest_accepts_through_the_link_and_an_expired_link_gets_a_clear_page(cast):
    meeting = make_meeting(cast)
    [invitation] = services.invitations_add(
        meeting=meeting, user=cast.lina, guests=[Guest("Dr. Ani", "ani@ugm.ac.id", "UGM")]
    )
    path = services.guest_link(invitation).removeprefix("http://127.0.0.1:8000")
    visitor = Client()
    visitor.cookies["django_language"] = "en"
    assert visitor.get(path).status_code == 200
    assert visitor.post(path, {"answer": "accepted"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.rsvp == "accepted"
    import time_machine

    with time_machine.travel(timezone.now() + timedelta(days=40)):
        expired = visitor.get(path)
    assert expired.status_code == 410
    assert "expired" in expired.content.decode()
    assert visitor.get(path[:-5] + "abcd/").status_code == 404


def test_the_personal_feed_lists_my_organisations_meetings_and_stops_when_revoked(cast):
    meeting = make_meeting(cast, title="Rapat Kartamantul")
    settings_url = reverse("meetings:feed-settings")
    sari = person(cast.sari)
    sari.post(settings_url, {"action": "start"})
    feed = cast.sari.calendar_feeds.get()
    url = reverse("meetings:feed", kwargs={"token": feed.token})
    anonymous = Client()
    events = Calendar.from_ical(anonymous.get(url).content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Rapat Kartamantul"]
    assert str(events[0]["URL"]).endswith(meeting.get_absolute_url())
    sari.post(settings_url, {"action": "revoke"})
    assert anonymous.get(url).status_code == 404
    budi_feed = services.feed_start(user=cast.budi)
    budi_url = reverse("meetings:feed", kwargs={"token": budi_feed.token})
    assert Calendar.from_ical(anonymous.get(budi_url).content).walk("VEVENT") == []


def test_a_nonsense_month_or_filter_never_gives_a_500(cast):
    sari = person(cast.sari)
    calendar = reverse("meetings:meeting-calendar")
    assert sari.get(calendar + "?bulan=2026-13").status_code == 200
    assert sari.get(calendar + "?bulan=abc").status_code == 200
    assert sari.get(calendar + "?agreement=x").status_code == 404
    assert sari.get(reverse("meetings:meeting-list") + "?forum=nope").status_code == 404


def test_the_agreement_page_has_a_meetings_tab(cast):
    agreement = make_agreement(cast, state="active")
    make_meeting(cast, agreement=agreement, title="Rapat teknis SPAM")
    page = person(cast.sari).get(
        reverse("meetings:agreement-meetings", kwargs={"agreement_pk": agreement.pk})
    )
    assert "Rapat teknis SPAM" in page.content.decode()
    overview = person(cast.sari).get(agreement.get_absolute_url()).content.decode()
    assert reverse("meetings:agreement-meetings", kwargs={"agreement_pk": agreement.pk}) in overview


def test_a_meetings_history_of_changes_is_for_its_readers_only(cast):
    meeting = make_meeting(cast)
    services.meeting_update(meeting=meeting, user=cast.lina, version=meeting.version, venue="Aula")
    url = reverse("audit:object-history", kwargs={"label": "meetings.meeting", "pk": meeting.pk})
    assert "Aula" in person(cast.yanto).get(url).content.decode()
    assert person(cast.budi).get(url).status_code == 404


def test_a_crowded_day_shows_four_meetings_and_links_the_rest_to_that_days_list(cast):
    forum = make_forum(cast)
    day = timezone.localdate() + timedelta(days=2)
    start = timezone.make_aware(datetime.combine(day, time(8)))
    for number in range(6):
        make_meeting(
            cast, forum=forum, title=f"Rapat {number}", starts_at=start + timedelta(hours=number)
        )
    sari = person(cast.sari)
    page = sari.get(reverse("meetings:meeting-calendar") + f"?bulan={day:%Y-%m}").content.decode()
    assert [f"Rapat {n}" in page for n in range(6)] == [True] * 4 + [False] * 2
    assert f"?tanggal={day:%Y-%m-%d}" in page and ">+2<" in page
    listing = sari.get(reverse("meetings:meeting-list") + f"?tanggal={day:%Y-%m-%d}")
    assert [m.title for m in listing.context["page"].object_list] == [
        f"Rapat {n}" for n in range(6)
    ]
    assert sari.get(reverse("meetings:meeting-list") + "?tanggal=2026-02-30").status_code == 200


def test_an_unchanged_personal_feed_answers_304_and_a_change_gives_the_new_feed(cast):
    meeting = make_meeting(cast, title="Rapat Kartamantul")
    feed = services.feed_start(user=cast.sari)
    url = reverse("meetings:feed", kwargs={"token": feed.token})
    reader = Client()
    first = reader.get(url)
    etag = first["ETag"]
    assert reader.get(url, headers={"if-none-match": etag}).status_code == 304
    Meeting.objects.filter(pk=meeting.pk).update(title="Rapat Kartamantul (ruang 2)", version=2)
    second = reader.get(url, headers={"if-none-match": etag})
    assert second.status_code == 200 and second["ETag"] != etag
    events = Calendar.from_ical(second.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Rapat Kartamantul (ruang 2)"]


def test_the_calendar_groups_meetings_by_the_readers_own_day_in_wib_and_in_wit(cast):
    forum = make_forum(cast)
    # 16:00 to 20:00 UTC on 10 March: 23:00 to 03:00 in Jakarta, 01:00 to 05:00 in Jayapura.
    for hour in range(16, 21):
        make_meeting(
            cast,
            forum=forum,
            title=f"Rapat {hour}",
            starts_at=datetime(2027, 3, 10, hour, tzinfo=UTC),
        )
    meetings = selectors.meetings_for_calendar(cast.lina, forum=forum)

    def day(zone: str, number: int) -> tuple[int, int]:
        with timezone.override(ZoneInfo(zone)):
            month = selectors.month_calendar(meetings, 2027, 3)
        found = next(d for week in month.weeks for d in week if d.day == date(2027, 3, number))
        return len(found.meetings), found.more

    assert (day(WIB, 10), day(WIB, 11)) == ((1, 0), (4, 0))
    assert (day(WIT, 10), day(WIT, 11)) == ((0, 0), (4, 1))
