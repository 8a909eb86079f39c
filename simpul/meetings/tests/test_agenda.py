"""The agenda: invitees propose until the cut-off, the organiser accepts or declines with a
reason, items are about this meeting's own cooperation, two deciders never both win."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from simpul.agreements.tests.factories import make_agreement
from simpul.core.errors import Conflict
from simpul.meetings import services
from simpul.meetings.models import AgendaItem
from simpul.meetings.tests.factories import make_meeting


def test_organiser_items_follow_each_other_and_an_accepted_proposal_joins_the_end(cast):
    meeting = make_meeting(cast)
    first = services.agenda_item_add(meeting=meeting, user=cast.lina, title="Pembukaan")
    proposal = services.agenda_item_propose(
        meeting=meeting, user=cast.sari, title="Tarif TPST", minutes_allotted=20
    )
    second = services.agenda_item_add(meeting=meeting, user=cast.lina, title="Laporan")
    assert (proposal.status, proposal.proposed_by) == ("proposed", cast.sari)
    services.agenda_item_decide(item=proposal, user=cast.lina, accept=True)
    order = list(meeting.agenda_items.filter(status="accepted").values_list("title", "position"))
    assert order == [("Pembukaan", 1), ("Laporan", 2), ("Tarif TPST", 3)]
    services.agenda_item_move(item=proposal, user=cast.lina, up=True)
    assert [i.pk for i in meeting.agenda_items.filter(status="accepted")] == [
        first.pk,
        proposal.pk,
        second.pk,
    ]


def test_proposals_close_at_the_cut_off(cast):
    meeting = make_meeting(cast)
    meeting.agenda_cutoff = meeting.starts_at - timedelta(days=3)
    with pytest.raises(ValidationError) as refused:
        services.agenda_item_propose(meeting=meeting, user=cast.sari, title="Terlambat")
    assert refused.value.code == "closed"
    assert not AgendaItem.objects.exists()


def test_a_declined_proposal_needs_a_reason_the_proposer_can_read(cast):
    meeting = make_meeting(cast)
    proposal = services.agenda_item_propose(meeting=meeting, user=cast.sari, title="Usul")
    with pytest.raises(ValidationError):
        services.agenda_item_decide(item=proposal, user=cast.lina, accept=False, reason=" ")
    services.agenda_item_decide(
        item=proposal, user=cast.lina, accept=False, reason="Dibahas di rapat teknis"
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decline_reason) == ("declined", "Dibahas di rapat teknis")


def test_of_two_organisers_deciding_the_same_proposal_the_second_gets_a_conflict(cast):
    meeting = make_meeting(cast)
    proposal = services.agenda_item_propose(meeting=meeting, user=cast.sari, title="Usul")
    stale = AgendaItem.objects.get(pk=proposal.pk)
    services.agenda_item_decide(item=proposal, user=cast.lina, accept=True)
    with pytest.raises(Conflict):
        services.agenda_item_decide(item=stale, user=cast.rina, accept=False, reason="Tidak")


def test_an_item_is_about_this_meetings_own_cooperation_only(cast):
    agreement = make_agreement(cast, title="Air minum")
    elsewhere = make_agreement(cast, parties=[cast.pemkot_semarang, cast.pemkot_yogyakarta])
    meeting = make_meeting(cast, agreement=agreement)
    item = services.agenda_item_add(
        meeting=meeting, user=cast.sari, title="Status", subject=agreement
    )
    assert item.subject == agreement
    with pytest.raises(ValidationError) as refused:
        services.agenda_item_add(meeting=meeting, user=cast.sari, title="X", subject=elsewhere)
    assert "subject" in refused.value.error_dict


def test_a_forum_item_may_be_about_an_agreement_of_its_members(cast):
    meeting = make_meeting(cast)
    ours = make_agreement(cast)
    theirs = make_agreement(cast, parties=[cast.pemkot_semarang, cast.pemda_diy])
    assert services.agenda_item_add(meeting=meeting, user=cast.lina, title="A", subject=ours)
    with pytest.raises(ValidationError):
        services.agenda_item_add(meeting=meeting, user=cast.lina, title="B", subject=theirs)
