"""Scheduling: bad input refused with clear messages, series within two years, one
occurrence moved or cancelled, edits raising the calendar sequence, clashes warned."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from simpul.core.errors import Conflict
from simpul.core.models import OutboxMessage
from simpul.core.zones import WITA, today_in
from simpul.meetings import services
from simpul.meetings.models import Invitation, Meeting, MeetingEvent
from simpul.meetings.tests.factories import local, make_forum, make_meeting


def schedule(cast, forum, **overrides):
    start = local(today_in("Asia/Jakarta") + timedelta(days=3))
    values = {
        "user": cast.lina,
        "forum": forum,
        "host": cast.sekber_kartamantul,
        "title": "Rapat koordinasi",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
    }
    values.update(overrides)
    return services.meeting_schedule(**values)


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def codes(error: ValidationError) -> set[str | None]:
    """The error codes, whatever language the messages are in (the catalogue is updated
    separately)."""
    return (
        {item.code for item in error.error_list}
        if not hasattr(error, "error_dict")
        else {item.code for items in error.error_dict.values() for item in items}
    )


def test_a_meeting_that_ends_before_it_starts_is_refused_with_a_clear_message(cast):
    forum = make_forum(cast)
    start = local(today_in("Asia/Jakarta") + timedelta(days=3), 10)
    with pytest.raises(ValidationError) as refused:
        schedule(cast, forum, starts_at=start, ends_at=start - timedelta(minutes=30))
    assert refused.value.message_dict == {"ends_at": [_("The meeting must end after it starts.")]}
    assert not Meeting.objects.exists()


def test_a_title_with_a_line_break_is_refused_and_colons_and_semicolons_are_kept(cast):
    forum = make_forum(cast)
    with pytest.raises(ValidationError) as refused:
        schedule(cast, forum, title="Rapat\nsampah")
    assert codes(refused.value) == {"title"}
    meeting = schedule(cast, forum, title="Rapat: sampah; air, jalan")
    assert meeting.title == "Rapat: sampah; air, jalan"
    assert MeetingEvent.objects.filter(meeting=meeting, action="scheduled").count() == 1


def test_only_an_organisation_of_the_forum_hosts_its_meeting(cast):
    forum = make_forum(cast)
    with pytest.raises(ValidationError) as refused:
        schedule(cast, forum, host=cast.pemkot_semarang)
    assert "host" in refused.value.message_dict


def test_a_meeting_takes_the_zone_of_its_host(cast):
    forum = make_forum(cast)
    assert schedule(cast, forum).zone == "Asia/Jakarta"
    assert schedule(cast, forum, zone=WITA).zone == WITA


def test_a_monthly_series_is_one_meeting_per_month_at_the_same_local_time(cast):
    forum = make_forum(cast)
    first = local(today_in("Asia/Jakarta") + timedelta(days=3), 9)
    series = services.series_schedule(
        user=cast.lina,
        rule="FREQ=MONTHLY;COUNT=12",
        forum=forum,
        host=cast.sekber_kartamantul,
        title="Rapat bulanan",
        starts_at=first,
        ends_at=first + timedelta(hours=2),
    )
    occurrences = services.occurrences_of(series)
    assert len(occurrences) == 12
    assert {m.starts_at.astimezone(first.tzinfo).hour for m in occurrences} == {9}
    assert all(m.recurrence_id == m.starts_at for m in occurrences)
    assert len({m.uid for m in occurrences}) == 12


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        ("FREQ=WEEKLY", "recurrence_end"),
        ("FREQ=MONTHLY;COUNT=30", "recurrence_too_far"),
        ("FREQ=YEARLY;COUNT=4", "recurrence_too_far"),
        ("FREQ=HOURLY;COUNT=500", "recurrence_too_many"),
        ("FREQ=SOMETIMES;COUNT=3", "recurrence_invalid"),
    ],
)
def test_a_series_without_an_end_or_beyond_two_years_is_refused(cast, rule, says):
    forum = make_forum(cast)
    first = local(today_in("Asia/Jakarta") + timedelta(days=3), 9)
    with pytest.raises(ValidationError) as refused:
        services.series_schedule(
            user=cast.lina, rule=rule, forum=forum, host=cast.sekber_kartamantul,
            title="Rapat", starts_at=first, ends_at=first + timedelta(hours=1),
        )  # fmt: skip
    assert codes(refused.value) == {says}
    assert not Meeting.objects.exists()


def test_moving_one_occurrence_leaves_the_others_and_remembers_its_original_start(cast):
    forum = make_forum(cast)
    first = local(today_in("Asia/Jakarta") + timedelta(days=3), 9)
    series = services.series_schedule(
        user=cast.lina, rule="FREQ=WEEKLY;COUNT=3", forum=forum, host=cast.sekber_kartamantul,
        title="Rapat mingguan", starts_at=first, ends_at=first + timedelta(hours=1),
    )  # fmt: skip
    second = services.occurrences_of(series)[1]
    original = second.starts_at
    services.occurrence_move(
        meeting=second, user=cast.lina, version=second.version,
        starts_at=original + timedelta(days=1), ends_at=original + timedelta(days=1, hours=1),
    )  # fmt: skip
    second.refresh_from_db()
    assert (second.recurrence_id, second.starts_at) == (original, original + timedelta(days=1))
    assert second.sequence == 1
    others = [m for m in services.occurrences_of(series) if m.pk != second.pk]
    assert [m.sequence for m in others] == [0, 0]


def test_cancelling_needs_a_reason_and_a_cancelled_meeting_cannot_be_cancelled_again(cast):
    meeting = make_meeting(cast)
    with pytest.raises(ValidationError) as refused:
        services.meeting_cancel(meeting=meeting, user=cast.lina, reason="  ")
    assert refused.value.code == "note"  # "Say why: a note is required for this step."
    services.meeting_cancel(meeting=meeting, user=cast.lina, reason="Banjir")
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancel_reason, meeting.sequence) == ("cancelled", "Banjir", 1)
    with pytest.raises(ValidationError):
        services.meeting_cancel(meeting=meeting, user=cast.lina, reason="Lagi")


def test_an_edit_of_time_or_place_raises_the_sequence_and_mails_the_invitees_once(cast):
    meeting = make_meeting(cast)
    services.invitations_add(meeting=meeting, user=cast.lina, people=[cast.sari])
    services.meeting_update(
        meeting=meeting, user=cast.lina, version=meeting.version, venue="Balai Kota"
    )
    assert meeting.sequence == 1
    assert (
        OutboxMessage.objects.filter(key__startswith=f"meeting-update:{meeting.pk}:1").count() == 1
    )
    services.meeting_update(meeting=meeting, user=cast.lina, version=meeting.version, quorum="none")
    assert meeting.sequence == 1  # the quorum rule is not in anyone's calendar
    assert OutboxMessage.objects.filter(key__startswith="meeting-update").count() == 1


def test_an_edit_from_a_stale_page_conflicts_naming_who_changed_it(cast):
    meeting = make_meeting(cast)
    opened = meeting.version
    services.meeting_update(meeting=meeting, user=cast.lina, version=opened, venue="Balai Kota")
    stale = Meeting.objects.get(pk=meeting.pk)
    with pytest.raises(Conflict) as conflict:
        services.meeting_update(meeting=stale, user=cast.rina, version=opened, venue="Hotel")
    assert conflict.value.who == "Lina Marlina"


def test_an_invitee_already_in_another_meeting_then_is_named_in_a_clash_warning(cast):
    meeting = make_meeting(cast, title="Rapat A")
    other = make_meeting(
        cast, forum=meeting.forum, title="Rapat B", starts_at=meeting.starts_at + timedelta(hours=1)
    )
    later = make_meeting(
        cast, forum=meeting.forum, title="Rapat C", starts_at=meeting.starts_at + timedelta(hours=5)
    )
    for target in (other, later):
        Invitation.objects.create(meeting=target, kind="person", user=cast.sari)
    Invitation.objects.create(meeting=meeting, kind="person", user=cast.sari)
    [clash] = services.clashes_for(meeting)
    assert clash.meeting == other
    assert clash.message.startswith(
        _("%(invitee)s already has “%(title)s” at %(when)s.").split("%(when)s")[0]
        % {"invitee": "Sari Wulandari", "title": "Rapat B"}
    )


def test_a_meeting_is_marked_held_only_once_it_has_started(cast):
    meeting = make_meeting(cast)
    with pytest.raises(ValidationError):
        services.meeting_mark_held(meeting=meeting, user=cast.lina)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at - timedelta(days=2),
        ends_at=meeting.ends_at - timedelta(days=2),
    )
    meeting.refresh_from_db()
    services.meeting_mark_held(meeting=meeting, user=cast.lina)
    assert meeting.status == "held"
