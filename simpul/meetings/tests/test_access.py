"""Who reads and runs a forum, a meeting, an invitation and an agenda item."""

import pytest
from django.http import Http404

from simpul.agreements.tests.factories import make_agreement, registered_by
from simpul.meetings.access import (
    agenda_can_propose,
    forum_can_manage,
    forum_get_for_user,
    invitation_can_answer,
    meeting_can_manage,
    meeting_get_for_user,
    meeting_object_can_view_history,
    meetings_visible_to,
)
from simpul.meetings.models import Invitation
from simpul.meetings.tests.factories import make_forum, make_meeting


def readers(cast, meeting) -> set[str]:
    return {
        name
        for name, person in cast.people().items()
        if person is not None and meetings_visible_to(person).filter(pk=meeting.pk).exists()
    }


def test_a_forum_meeting_is_read_by_the_forum_members_their_agencies_and_oversight(cast):
    meeting = make_meeting(cast)
    assert readers(cast, meeting) == {
        "sari", "wati", "tono", "vina", "yanto",  # Kota Yogyakarta and Sleman sit in the forum
        "dewi", "agus",  # an agency under Kota Yogyakarta
        "lina",  # the secretariat
        "gita", "hadi", "rina",  # province and central oversight, the platform admin
    }  # fmt: skip


def test_an_outsider_and_an_unrelated_partner_get_404_for_a_forum_meeting(cast):
    meeting = make_meeting(cast)
    for person in (cast.budi, cast.eko, cast.fitri):
        with pytest.raises(Http404):
            meeting_get_for_user(person, meeting.pk)


def test_an_agreement_meeting_is_read_exactly_by_the_agreement_readers(cast):
    with registered_by(cast.biro_tapem_diy):
        agreement = make_agreement(cast, state="active")
    meeting = make_meeting(cast, agreement=agreement, host=cast.pemkot_yogyakarta)
    assert readers(cast, meeting) == {
        "sari", "wati", "tono", "vina", "yanto", "dewi", "agus",
        "fitri", "joko",  # the registering bureau
        "gita", "hadi", "rina",
    }  # fmt: skip
    assert "lina" not in readers(cast, meeting)


def test_a_named_invitation_lets_a_partner_read_that_meeting_only(cast):
    meeting = make_meeting(cast)
    other = make_meeting(cast, forum=meeting.forum, title="Rapat lain")
    Invitation.objects.create(meeting=meeting, kind="person", user=cast.eko)
    assert meeting_get_for_user(cast.eko, meeting.pk) == meeting
    with pytest.raises(Http404):
        meeting_get_for_user(cast.eko, other.pk)


def test_the_secretariat_runs_a_forum_meeting_and_the_members_only_read_it(cast):
    meeting = make_meeting(cast)
    assert meeting_get_for_user(cast.lina, meeting.pk, manage=True) == meeting
    for person in (cast.sari, cast.yanto, cast.gita, cast.hadi, cast.dewi):
        assert not meeting_can_manage(person, meeting)
        with pytest.raises(Http404):
            meeting_get_for_user(person, meeting.pk, manage=True)


def test_editors_of_the_agreement_run_its_meeting_and_viewers_and_oversight_do_not(cast):
    with registered_by(cast.biro_tapem_diy):
        agreement = make_agreement(cast, state="active")
    meeting = make_meeting(cast, agreement=agreement, host=cast.pemkot_yogyakarta)
    runners = {n for n, p in cast.people().items() if p and meeting_can_manage(p, meeting)}
    assert runners == {"sari", "wati", "yanto", "fitri", "rina"}


def test_only_the_secretariat_editors_manage_a_forum(cast):
    forum = make_forum(cast)
    managers = {n for n, p in cast.people().items() if p and forum_can_manage(p, forum)}
    assert managers == {"lina", "rina"}
    assert forum_get_for_user(cast.gita, forum.slug) == forum
    with pytest.raises(Http404):
        forum_get_for_user(cast.budi, forum.slug)


def test_an_organisation_invitation_is_answered_by_its_editors_or_its_forum_delegate(cast):
    forum = make_forum(cast, delegates={cast.pemkot_yogyakarta.pk: cast.tono})
    meeting = make_meeting(cast, forum=forum)
    invitation = Invitation.objects.create(
        meeting=meeting, kind="organization", organization=cast.pemkot_yogyakarta
    )
    answering = {n for n, p in cast.people().items() if p and invitation_can_answer(p, invitation)}
    assert answering == {"sari", "wati", "tono"}
    assert agenda_can_propose(cast.tono, meeting)
    assert not agenda_can_propose(cast.vina, meeting)


def test_history_of_an_invitation_is_for_the_meeting_readers(cast):
    meeting = make_meeting(cast)
    invitation = Invitation.objects.create(
        meeting=meeting, kind="external", name="Dr. Ani", email="ani@ugm.ac.id"
    )
    assert meeting_object_can_view_history(cast.yanto, invitation)
    assert not meeting_object_can_view_history(cast.budi, invitation)


def test_a_viewer_at_the_secretariat_reads_the_forum_but_does_not_run_it(cast):
    from simpul.testing.cast import make_member, make_user

    viewer = make_user("rani@kartamantul.id", "Rani Viewer")
    make_member(viewer, cast.sekber_kartamantul, "viewer")
    meeting = make_meeting(cast)
    assert forum_get_for_user(viewer, meeting.forum.slug) == meeting.forum
    assert not forum_can_manage(viewer, meeting.forum)
    assert not meeting_can_manage(viewer, meeting)
