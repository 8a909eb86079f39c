"""Recording teams, decrees, members, competencies and trainings, and the bad input each
refuses with a message a person can act on."""

from decimal import Decimal

import pytest
from django.utils import translation

from simpul.core.events import ImmutableEventError
from simpul.organizations.models import Membership
from simpul.teams import services
from simpul.teams.models import Decree, Team, TeamEvent, TeamMember
from simpul.teams.services import TeamInvalid

from .factories import add_member, competency, make_team, not_a_pdf, on, sk_pdf

pytestmark = pytest.mark.django_db


def test_a_new_team_requires_the_national_default_competencies(cast):
    team = make_team(cast)
    codes = set(team.required_competencies.values_list("code", flat=True))
    assert {"negotiation", "legal-drafting", "monitoring-evaluation", "finance"} <= codes
    assert "gis" not in codes


def test_a_decree_that_is_not_a_pdf_is_refused_with_a_message(cast):
    with pytest.raises(TeamInvalid) as refused:
        services.team_create(
            organization=cast.pemkot_yogyakarta, user=cast.sari, kind=Team.Kind.TKKSD,
            name="TKKSD", sk_number="1/2026", sk_date=on(-1), term_start=on(-1),
            term_end=on(700), sk_file=not_a_pdf(),
        )  # fmt: skip
    assert "PDF" in " ".join(refused.value.message_dict["sk_file"])
    assert not Team.objects.exists()


def test_a_new_decree_is_a_new_version_and_the_first_one_is_kept(cast):
    team = make_team(cast)
    services.decree_record(
        team=team, user=cast.sari, sk_number="188/100/2028", sk_date=on(600),
        term_start=on(600), term_end=on(1400), sk_file=sk_pdf(),
    )  # fmt: skip
    team.refresh_from_db()
    assert team.sk_number == "188/100/2028" and team.term_end == on(1400)
    assert list(team.decrees.values_list("number", "sk_number")) == [
        (2, "188/100/2028"),
        (1, "188/045/2026"),
    ]
    with pytest.raises(ImmutableEventError):
        Decree.objects.filter(team=team).update(sk_number="changed")
    assert TeamEvent.objects.filter(team=team, action="decree").count() == 1


def test_a_region_has_one_tkksd_and_a_second_is_refused(cast):
    make_team(cast)
    with translation.override("en"):
        with pytest.raises(TeamInvalid) as refused:
            make_team(cast, name="TKKSD kedua")
        assert "already has a TKKSD" in str(refused.value.message_dict["kind"])


def test_a_working_team_needs_an_agreement_of_its_organisation(cast):
    from simpul.agreements.tests.factories import make_agreement

    agreement = make_agreement(
        cast, parties=[cast.pemkab_sleman, cast.pemda_diy], owner=cast.pemkab_sleman
    )
    with translation.override("en"):
        with pytest.raises(TeamInvalid) as refused:
            make_team(cast, kind=Team.Kind.WORKING, name="Tim kerja", agreement=agreement)
        assert "neither a party" in str(refused.value.message_dict["agreement"])


def test_a_person_outside_the_teams_organisations_is_refused(cast):
    team = make_team(cast)
    with translation.override("en"):
        with pytest.raises(TeamInvalid) as refused:
            add_member(team, cast.budi)
        message = str(refused.value.message_dict["person"])
    assert "not a member of the team's organisations" in message


def test_a_person_of_an_agency_under_the_organisation_may_join(cast):
    team = make_team(cast)
    member = add_member(team, cast.dewi)
    assert member.agency == cast.dlh_yogyakarta


def test_overlapping_terms_for_the_chair_are_refused_with_a_message(cast):
    team = make_team(cast)
    add_member(team, cast.sari, role=TeamMember.Role.CHAIR, term_start=on(-10), term_end=on(100))
    with translation.override("en"):
        with pytest.raises(TeamInvalid) as refused:
            add_member(team, cast.wati, role=TeamMember.Role.CHAIR, term_start=on(50))
        assert "already chair" in str(refused.value.message_dict["role"])
    # The next chair after the term is fine, and several ordinary members are too.
    add_member(team, cast.wati, role=TeamMember.Role.CHAIR, term_start=on(101), term_end=on(300))
    add_member(team, cast.tono)
    add_member(team, cast.vina)


def test_a_changed_level_has_to_be_verified_again(cast):
    team = make_team(cast)
    member = add_member(team, cast.tono)
    entry = services.competency_record(
        member=member, user=cast.sari, competency=competency("gis"), level="basic"
    )
    services.competency_verify(entry=entry, user=cast.sari)
    assert entry.is_verified
    entry = services.competency_record(
        member=member, user=cast.sari, competency=competency("gis"), level="advanced"
    )
    assert entry.level == "advanced" and not entry.is_verified


def test_a_training_with_absurd_hours_or_a_future_date_is_refused(cast):
    member = add_member(make_team(cast), cast.tono)
    kwargs = {"member": member, "user": cast.sari, "kind": "training", "course": "GIS dasar",
              "organiser": "BIG"}  # fmt: skip
    with pytest.raises(TeamInvalid):
        services.training_add(**kwargs, held_on=on(-5), hours=Decimal("5000"))
    with pytest.raises(TeamInvalid):
        services.training_add(**kwargs, held_on=on(5), hours=Decimal("8"))


def test_a_member_whose_membership_ended_shows_as_left(cast):
    from simpul.teams.selectors import team_page

    team = make_team(cast)
    add_member(team, cast.tono)
    Membership.objects.filter(user=cast.tono, organization=cast.pemkot_yogyakarta).delete()
    assert [m.user for m in team_page(team).left] == [cast.tono]
