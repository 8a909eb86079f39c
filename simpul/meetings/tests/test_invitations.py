"""Invitations and answers through the outbox, with an .ics that calendar programs read;
external guests answer through a signed, expiring link; reminders go once."""

from datetime import UTC, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from simpul.core.models import OutboxMessage
from simpul.meetings import services
from simpul.meetings.models import Invitation
from simpul.meetings.services import Guest, LinkState
from simpul.meetings.tests.factories import make_forum, make_meeting

EXPERT = Guest(
    name="Dr. Ani Widya", email="ani@ugm.ac.id", affiliation="UGM", expertise="Persampahan"
)


def event_of(row: OutboxMessage):
    [attachment] = row.attachments
    calendar = Calendar.from_ical(attachment["content"])
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_an_organisation_invitation_reaches_its_forum_delegate_else_its_admins(cast):
    forum = make_forum(cast, delegates={cast.pemkot_yogyakarta.pk: cast.wati})
    meeting = make_meeting(cast, forum=forum)
    sleman = forum.members.get(region=cast.sleman)
    services.invitations_add(
        meeting=meeting, user=cast.lina, organizations=[cast.pemkot_yogyakarta, sleman]
    )
    recipients = set(OutboxMessage.objects.values_list("recipient", flat=True))
    assert recipients == {cast.wati.email, cast.yanto.email}  # yanto coordinates at Sleman


def test_the_invitation_carries_a_request_that_parses_with_a_title_full_of_separators(cast):
    meeting = make_meeting(cast, title="Rapat: sampah; air, jalan")
    services.invitations_add(meeting=meeting, user=cast.lina, people=[cast.sari])
    [row] = OutboxMessage.objects.all()
    calendar, event = event_of(row)
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["SUMMARY"]) == "Rapat: sampah; air, jalan"
    assert str(event["UID"]) == meeting.uid and int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == meeting.starts_at
    assert str(event["URL"]).endswith(f"/rapat/{meeting.pk}/")


def test_a_change_and_a_cancellation_keep_the_uid_and_raise_the_sequence(cast):
    meeting = make_meeting(cast)
    services.invitations_add(meeting=meeting, user=cast.lina, guests=[EXPERT])
    later = meeting.starts_at + timedelta(hours=1)
    services.meeting_update(
        meeting=meeting, user=cast.lina, version=meeting.version,
        starts_at=later, ends_at=later + timedelta(hours=2),
    )  # fmt: skip
    services.meeting_cancel(meeting=meeting, user=cast.lina, reason="Banjir")
    rows = list(OutboxMessage.objects.order_by("pk"))
    assert [r.key.split(":")[0] for r in rows] == [
        "meeting-invite",
        "meeting-update",
        "meeting-cancel",
    ]
    parsed = [event_of(row) for row in rows]
    assert [str(calendar["METHOD"]) for calendar, _event in parsed] == [
        "REQUEST",
        "REQUEST",
        "CANCEL",
    ]
    assert {str(event["UID"]) for _calendar, event in parsed} == {meeting.uid}
    assert [int(event["SEQUENCE"]) for _calendar, event in parsed] == [0, 1, 2]
    assert str(parsed[2][1]["STATUS"]) == "CANCELLED"


def test_inviting_the_same_invitees_again_mails_nobody_twice(cast):
    meeting = make_meeting(cast)
    for _round in range(2):
        services.invitations_add(
            meeting=meeting, user=cast.lina, people=[cast.sari], guests=[EXPERT]
        )
    assert meeting.invitations.count() == 2
    assert OutboxMessage.objects.count() == 2


def test_more_than_500_invitations_are_refused_and_none_is_made(cast):
    meeting = make_meeting(cast)
    guests = [Guest(name=f"Tamu {n}", email=f"tamu{n}@example.org") for n in range(501)]
    with pytest.raises(ValidationError) as refused:
        services.invitations_add(meeting=meeting, user=cast.lina, guests=guests)
    assert refused.value.error_dict["__all__"][0].code == "too_many_invitations"
    assert not meeting.invitations.exists() and not OutboxMessage.objects.exists()


def test_a_series_invitation_is_one_mail_with_the_rule_and_each_occurrence_invited(cast):
    forum = make_forum(cast)
    first = make_meeting(cast, forum=forum).starts_at
    series = services.series_schedule(
        user=cast.lina, rule="FREQ=MONTHLY;COUNT=6", forum=forum, host=cast.sekber_kartamantul,
        title="Rapat bulanan", starts_at=first + timedelta(days=1),
        ends_at=first + timedelta(days=1, hours=2),
    )  # fmt: skip
    occurrences = services.occurrences_of(series)
    services.meeting_cancel(meeting=occurrences[2], user=cast.lina, reason="Libur")
    services.invitations_add(
        meeting=occurrences[0], user=cast.lina, people=[cast.sari], whole_series=True
    )
    [row] = OutboxMessage.objects.all()
    calendar = Calendar.from_ical(row.attachments[0]["content"])
    [master] = calendar.walk("VEVENT")
    assert str(master["UID"]) == series.uid
    assert master["RRULE"].to_ical() == b"FREQ=MONTHLY;COUNT=6"
    assert [d.dt for d in master["EXDATE"].dts] == [occurrences[2].recurrence_id]
    assert Invitation.objects.filter(user=cast.sari).count() == 5  # not the cancelled one


def test_a_guest_answers_through_the_mailed_link_and_may_name_a_delegate(cast):
    meeting = make_meeting(cast)
    [invitation] = services.invitations_add(meeting=meeting, user=cast.lina, guests=[EXPERT])
    link = services.guest_link(invitation)
    assert link in OutboxMessage.objects.get().text
    state, found = services.invitation_from_link(link.rstrip("/").rsplit("/", 1)[1])
    assert (state, found) == (LinkState.OK, invitation)
    with pytest.raises(ValidationError) as refused:
        services.invitation_answer(invitation=found, user=None, answer="delegated")
    assert "delegate_name" in refused.value.error_dict
    services.invitation_answer(
        invitation=found, user=None, answer="delegated", delegate_name="Budi Hartono, M.T."
    )
    invitation.refresh_from_db()
    assert (invitation.rsvp, invitation.delegate_name) == ("delegated", "Budi Hartono, M.T.")
    assert invitation.responded_at is not None


def test_an_expired_or_altered_guest_link_is_told_apart_and_opens_nothing(cast):
    meeting = make_meeting(cast)
    [invitation] = services.invitations_add(meeting=meeting, user=cast.lina, guests=[EXPERT])
    token = services.guest_link(invitation).rstrip("/").rsplit("/", 1)[1]
    assert services.invitation_from_link(token[:-2] + "xx") == (LinkState.INVALID, None)
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert services.invitation_from_link(token) == (LinkState.EXPIRED, None)
    Invitation.objects.filter(pk=invitation.pk).update(
        link_nonce="00000000-0000-0000-0000-000000000000"
    )
    assert services.invitation_from_link(token) == (LinkState.INVALID, None)


def test_a_finished_or_cancelled_meeting_takes_no_answers(cast):
    meeting = make_meeting(cast)
    invitation = Invitation.objects.create(meeting=meeting, kind="person", user=cast.sari)
    services.meeting_cancel(meeting=meeting, user=cast.lina, reason="Banjir")
    with pytest.raises(ValidationError) as refused:
        services.invitation_answer(invitation=invitation, user=cast.sari, answer="accepted")
    assert refused.value.code == "cancelled"


def test_reminders_go_the_day_before_and_the_hour_before_once_each_and_not_to_decliners(cast):
    meeting = make_meeting(cast)
    services.invitations_add(meeting=meeting, user=cast.lina, people=[cast.sari, cast.yanto])
    Invitation.objects.filter(user=cast.yanto).update(rsvp="declined")
    # Scheduled days ahead: the meeting was known more than a day before it starts.
    type(meeting).objects.filter(pk=meeting.pk).update(
        created_at=meeting.starts_at - timedelta(days=5)
    )
    day_before = meeting.starts_at - timedelta(hours=20)
    assert services.reminders_send(day_before) == 1
    # Run again a quarter of an hour later: the person was notified already, nothing new…
    assert services.reminders_send(day_before + timedelta(minutes=15)) == 0
    hour_before = meeting.starts_at - timedelta(minutes=50)
    services.reminders_send(hour_before)
    services.reminders_send(hour_before + timedelta(minutes=15))
    reminders = OutboxMessage.objects.filter(key__startswith="meeting-reminder")
    start = meeting.starts_at.astimezone(UTC)
    # …and the outbox keeps one message per person per meeting per reminder (the key names
    # the notification kind too).
    assert sorted(reminders.values_list("key", flat=True)) == sorted(
        [
            f"meeting-reminder_day:{meeting.pk}:{start:%Y%m%dT%H%MZ}:"
            f"{meeting.invitations.get(user=cast.sari).pk}:meetings.reminder",
            f"meeting-reminder_hour:{meeting.pk}:{start:%Y%m%dT%H%MZ}:"
            f"{meeting.invitations.get(user=cast.sari).pk}:meetings.reminder",
        ]
    )
    assert set(reminders.values_list("recipient", flat=True)) == {cast.sari.email}


def test_a_meeting_arranged_within_a_day_gets_no_day_before_reminder(cast):
    meeting = make_meeting(cast, starts_at=timezone.now() + timedelta(hours=10))
    services.invitations_add(meeting=meeting, user=cast.lina, people=[cast.sari])
    assert services.reminders_send() == 0
    assert services.reminders_send(meeting.starts_at - timedelta(minutes=30)) == 1


def test_the_worker_sends_reminders_every_quarter_of_an_hour(cast):
    from simpul.core import schedule
    from simpul.meetings.tasks import meeting_reminders

    entry = schedule.registered()["simpul.meetings.tasks.meeting_reminders"]
    assert entry.interval == timedelta(minutes=15)
    meeting = make_meeting(cast, starts_at=timezone.now() + timedelta(minutes=40))
    services.invitations_add(meeting=meeting, user=cast.lina, people=[cast.sari])
    assert meeting_reminders.enqueue().return_value == 1
    assert OutboxMessage.objects.filter(key__startswith="meeting-reminder_hour").count() == 1


def test_a_moved_occurrence_is_mailed_as_the_series_entry_with_its_original_start(cast):
    forum = make_forum(cast)
    first = make_meeting(cast, forum=forum).starts_at + timedelta(days=1)
    series = services.series_schedule(
        user=cast.lina, rule="FREQ=WEEKLY;COUNT=3", forum=forum, host=cast.sekber_kartamantul,
        title="Rapat mingguan", starts_at=first, ends_at=first + timedelta(hours=1),
    )  # fmt: skip
    second = services.occurrences_of(series)[1]
    services.invitations_add(meeting=second, user=cast.lina, people=[cast.sari])
    moved = second.starts_at + timedelta(hours=2)
    services.occurrence_move(
        meeting=second, user=cast.lina, version=second.version,
        starts_at=moved, ends_at=moved + timedelta(hours=1),
    )  # fmt: skip
    update = OutboxMessage.objects.get(key__startswith="meeting-update")
    _calendar, event = event_of(update)
    assert str(event["UID"]) == series.uid
    assert event.decoded("RECURRENCE-ID") == second.recurrence_id
    assert (event.decoded("DTSTART"), int(event["SEQUENCE"])) == (moved, 1)
