"""The attendance list: present, represented by someone, absent with a reason; the quorum
it makes under the forum's or the agreement's rule."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.meetings import services
from simpul.meetings.services import AttendanceEntry
from simpul.meetings.tests.factories import make_meeting


def started(cast, **fields):
    return make_meeting(cast, starts_at=timezone.now() - timedelta(hours=1), **fields)


def test_two_of_three_forum_members_make_a_majority_quorum(cast):
    meeting = started(cast)
    sleman = government_of(cast.sleman)
    services.attendance_save(
        meeting=meeting,
        user=cast.lina,
        entries=[
            AttendanceEntry("Sari Wulandari", "present", cast.pemkot_yogyakarta),
            AttendanceEntry("Yanto Susilo", "represented", sleman, represented_by="Rudi"),
            AttendanceEntry("Wakil Bantul", "absent", government_of(cast.bantul),
                            absence_reason="Sakit"),
        ],
    )  # fmt: skip
    quorum = services.quorum_of(meeting)
    assert (quorum.required, len(quorum.represented), quorum.met) == (2, 2, True)


def test_an_agreement_meeting_needs_every_party_represented(cast):
    meeting = started(cast, agreement=make_agreement(cast))
    services.attendance_save(
        meeting=meeting,
        user=cast.sari,
        entries=[AttendanceEntry("Sari Wulandari", "present", cast.pemkot_yogyakarta)],
    )
    quorum = services.quorum_of(meeting)
    assert (quorum.required, quorum.met) == (3, False)


def test_an_absence_needs_a_reason_and_a_representation_a_name_and_nothing_is_saved(cast):
    meeting = started(cast)
    with pytest.raises(ValidationError) as refused:
        services.attendance_save(
            meeting=meeting,
            user=cast.lina,
            entries=[
                AttendanceEntry("Sari", "present", cast.pemkot_yogyakarta),
                AttendanceEntry("Yanto", "absent", government_of(cast.sleman)),
                AttendanceEntry("Wakil", "represented", government_of(cast.bantul)),
            ],
        )
    assert len(refused.value.messages) == 2
    assert not meeting.attendance.exists()


def test_attendance_is_recorded_once_the_meeting_has_started_and_for_its_own_organisations(
    cast,
):
    upcoming = make_meeting(cast)
    with pytest.raises(ValidationError) as refused:
        services.attendance_save(
            meeting=upcoming, user=cast.lina, entries=[AttendanceEntry("Sari", "present")]
        )
    assert refused.value.code == "not_started"
    meeting = started(cast)
    with pytest.raises(ValidationError):
        services.attendance_save(
            meeting=meeting,
            user=cast.lina,
            entries=[AttendanceEntry("Budi", "present", cast.pemkot_semarang)],
        )
