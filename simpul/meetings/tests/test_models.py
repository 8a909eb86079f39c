"""The database keeps a meeting's invariants whatever code writes it."""

from django.db import IntegrityError, transaction

from simpul.agreements.tests.factories import make_agreement
from simpul.meetings.models import AgendaItem, Attendance, Invitation, Meeting
from simpul.meetings.tests.factories import make_forum, make_meeting


def refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_a_meeting_belongs_to_exactly_one_agreement_or_forum(cast):
    forum = make_forum(cast)
    agreement = make_agreement(cast)
    assert refused(lambda: make_meeting(cast, agreement=agreement, forum=forum))
    meeting = make_meeting(cast, forum=forum)
    assert refused(lambda: Meeting.objects.filter(pk=meeting.pk).update(forum=None))


def test_a_meeting_cannot_end_before_it_starts(cast):
    meeting = make_meeting(cast)
    assert refused(lambda: Meeting.objects.filter(pk=meeting.pk).update(ends_at=meeting.starts_at))


def test_an_invitation_names_exactly_one_invitee_and_each_only_once(cast):
    meeting = make_meeting(cast)
    assert refused(lambda: Invitation.objects.create(meeting=meeting, kind="organization"))
    assert refused(
        lambda: Invitation.objects.create(
            meeting=meeting, kind="person", user=cast.sari, organization=cast.pemkot_yogyakarta
        )
    )
    Invitation.objects.create(meeting=meeting, kind="external", name="Ani", email="ani@ugm.ac.id")
    assert refused(
        lambda: Invitation.objects.create(
            meeting=meeting, kind="external", name="Ani W.", email="ANI@ugm.ac.id"
        )
    )


def test_an_agenda_item_is_about_one_thing_at_most_and_a_refusal_has_a_reason(cast):
    agreement = make_agreement(cast)
    meeting = make_meeting(cast, agreement=agreement)
    dispute_free = AgendaItem.objects.create(meeting=meeting, title="Laporan", agreement=agreement)
    assert dispute_free.subject == agreement
    assert refused(
        lambda: AgendaItem.objects.create(meeting=meeting, title="Tolak", status="declined")
    )


def test_a_representation_names_the_representative(cast):
    meeting = make_meeting(cast)
    assert refused(
        lambda: Attendance.objects.create(meeting=meeting, name="Sari", status="represented")
    )


def test_a_meeting_without_its_own_quorum_rule_takes_its_forums(cast):
    meeting = make_meeting(cast)
    assert meeting.quorum_rule == "majority"
    agreement_meeting = make_meeting(cast, agreement=make_agreement(cast))
    assert agreement_meeting.quorum_rule == "every_member"
