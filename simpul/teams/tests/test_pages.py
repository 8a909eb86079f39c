"""The team page: its members, the competency matrix and the gaps, in a constant number of
queries; the links from the organisation and the agreement pages; the forms' refusals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.accounts.models import User
from simpul.organizations.models import Membership
from simpul.teams.models import MemberCompetency, Team, TeamMember

from .factories import add_member, competency, make_team, not_a_pdf, on, sk_pdf

pytestmark = pytest.mark.django_db


def _page(client, user, team):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client.get(team.get_absolute_url())


def test_the_team_page_names_a_required_competency_nobody_has(cast, client):
    team = make_team(cast)
    member = add_member(team, cast.tono)
    for code in ("negotiation", "legal-drafting", "monitoring-evaluation"):
        MemberCompetency.objects.create(member=member, competency=competency(code), level="basic")
    body = _page(client, cast.sari, team).content.decode()
    assert "Nobody in the team has the required competency <strong>Finance and budgeting" in body
    assert "required competency <strong>Negotiation" not in body


def test_the_team_page_warns_of_a_term_ending_within_60_days(cast, client):
    team = make_team(cast, term_end=on(45))
    add_member(team, cast.tono, term_end=on(20))
    body = _page(client, cast.sari, team).content.decode()
    assert "in 45 days: record the new decree" in body
    assert "in 20 days" in body


def test_the_team_page_says_who_left_the_organisation(cast, client):
    team = make_team(cast)
    add_member(team, cast.vina)
    Membership.objects.filter(user=cast.vina).delete()
    body = _page(client, cast.sari, team).content.decode()
    assert f"{cast.vina.full_name} is no longer an active member" in body


def test_personal_data_is_on_the_member_page_for_readers_only(cast, client):
    team = make_team(cast)
    member = add_member(team, cast.tono, nip="198001012005011001")
    url = reverse("teams:member-detail", kwargs={"pk": team.pk, "member_pk": member.pk})
    client.force_login(cast.vina)
    assert "198001012005011001" in client.get(url).content.decode()
    client.force_login(cast.budi)
    assert client.get(url).status_code == 404


def _add_members(cast, team: Team, start: int, stop: int) -> None:
    people = User.objects.bulk_create(
        User(email=f"anggota{i}@jogjakota.go.id", full_name=f"Anggota {i}")
        for i in range(start, stop)
    )
    Membership.objects.bulk_create(
        Membership(user=u, organization=cast.pemkot_yogyakarta) for u in people
    )
    members = TeamMember.objects.bulk_create(
        TeamMember(team=team, user=u, agency=cast.pemkot_yogyakarta, term_start=on(-5),
                   term_end=on(300)) for u in people
    )  # fmt: skip
    MemberCompetency.objects.bulk_create(
        MemberCompetency(member=m, competency=competency("gis"), level="basic") for m in members
    )


def _queries(client, team: Team) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(team.get_absolute_url()).status_code == 200
    return len(queries)


def test_the_team_page_reads_the_same_number_of_queries_for_3_and_30_members(cast, client):
    client.force_login(cast.sari)
    team = make_team(cast)
    _add_members(cast, team, 0, 3)
    with_3 = _queries(client, team)
    _add_members(cast, team, 3, 30)
    assert _queries(client, team) == with_3


def test_the_organisation_page_links_to_its_teams(cast, client):
    client.force_login(cast.vina)
    body = client.get(cast.pemkot_yogyakarta.get_absolute_url()).content.decode()
    assert reverse("teams:organization-teams", args=[cast.pemkot_yogyakarta.pk]) in body


def test_the_agreement_tab_lists_its_working_teams(cast, client):
    from simpul.agreements.tests.factories import make_agreement

    agreement = make_agreement(cast, state="active")
    make_team(cast, kind=Team.Kind.WORKING, name="Tim kerja sampah", agreement=agreement)
    client.force_login(cast.yanto)  # Sleman, another party, reads the working team
    response = client.get(reverse("teams:agreement-teams", args=[agreement.pk]))
    assert "Tim kerja sampah" in response.content.decode()
    team = Team.objects.get(name="Tim kerja sampah")
    assert client.get(team.get_absolute_url()).status_code == 200


def test_a_decree_that_is_not_a_pdf_comes_back_with_the_message(cast, client):
    client.force_login(cast.sari)
    client.cookies["django_language"] = "en"
    url = reverse("teams:team-create", args=[cast.pemkot_yogyakarta.pk])
    data = {
        "kind": "tkksd",
        "name": "TKKSD Kota Yogyakarta",
        "sk_number": "188/1/2026",
        "sk_date": "2026-01-05",
        "term_start": "2026-01-05",
        "term_end": "2028-12-31",
    }
    response = client.post(url, {**data, "sk_file": not_a_pdf()})
    assert response.status_code == 400
    assert "The decree must be a PDF" in response.content.decode()
    response = client.post(url, {**data, "sk_file": sk_pdf()})
    assert response.status_code == 302


def test_nonsense_in_a_form_is_refused_without_a_server_error(cast, client):
    team = make_team(cast)
    client.force_login(cast.sari)
    response = client.post(
        reverse("teams:member-add", args=[team.pk]),
        {"person": "x", "role": "emperor", "term_end": "kemarin"},
    )
    assert response.status_code == 400
