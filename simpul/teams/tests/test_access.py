"""Who reads, edits and verifies a team beyond what the permission matrix walks: a working
team is read by the agreement's other parties and not by outsiders; oversight reads but never
edits; a chair verifies only while chairing."""

import pytest

from simpul.agreements.tests.factories import make_agreement
from simpul.teams import access
from simpul.teams.models import Team, TeamMember

from .factories import add_member, make_team, on

pytestmark = pytest.mark.django_db


@pytest.fixture
def working_team(cast):
    agreement = make_agreement(cast, state="active")
    return make_team(cast, kind=Team.Kind.WORKING, name="Tim kerja sampah", agreement=agreement)


def test_another_party_of_the_agreement_reads_its_working_team(cast, working_team):
    assert access.teams_visible_to(cast.yanto).filter(pk=working_team.pk).exists()


def test_another_party_reads_the_working_team_but_does_not_edit_it(cast, working_team):
    assert not access.team_can_edit(cast.yanto, working_team)


def test_an_outsider_and_a_partner_do_not_see_a_working_team(cast, working_team):
    for person in (cast.budi, cast.eko, cast.lina):
        assert not access.teams_visible_to(person).filter(pk=working_team.pk).exists()


def test_the_province_reads_a_citys_team_by_oversight_but_does_not_edit_it(cast):
    team = make_team(cast)
    assert access.teams_visible_to(cast.gita).filter(pk=team.pk).exists()
    assert not access.team_can_edit(cast.gita, team)


def test_a_chair_verifies_while_chairing_and_not_after_the_term(cast):
    team = make_team(cast)
    add_member(team, cast.wati, role=TeamMember.Role.CHAIR, term_start=on(-30), term_end=on(30))
    assert access.team_can_verify(cast.wati, team)
    TeamMember.objects.filter(team=team, user=cast.wati).update(term_end=on(-1))
    assert not access.team_can_verify(cast.wati, team)


def test_an_ordinary_member_does_not_verify(cast):
    team = make_team(cast)
    add_member(team, cast.tono)
    assert not access.team_can_verify(cast.tono, team)


def test_history_pages_of_a_team_follow_its_readers(cast):
    team = make_team(cast)
    member = add_member(team, cast.tono)
    assert access.team_object_can_view_history(cast.dewi, member)
    assert not access.team_object_can_view_history(cast.budi, member)
