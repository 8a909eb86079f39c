"""Two people edit one team at the same time (simpul.core.merge): changes to different fields
are both kept; the same field changed differently asks the second person which to keep."""

import pytest
from django.test import Client
from django.urls import reverse

from simpul.teams.models import Team
from simpul.testing.merge import choices_asked, opened

from .factories import make_team

pytestmark = pytest.mark.django_db


def _person(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _fields(team, **changes) -> dict:
    return {
        "name": team.name,
        "description": team.description,
        "required_competencies": [c.pk for c in team.required_competencies.all()],
        **changes,
    }


def test_two_people_changing_different_fields_both_keep_their_change(cast):
    team = make_team(cast)
    url = reverse("teams:team-edit", kwargs={"pk": team.pk})
    sari, rina = _person(cast.sari), _person(cast.rina)
    sari_base, rina_base = opened(sari, url), opened(rina, url)
    sari.post(url, {"base": sari_base, **_fields(team, name="TKKSD Kota Jogja")})
    response = rina.post(url, {"base": rina_base, **_fields(team, description="Periode 2026.")})
    assert response.status_code == 302
    team = Team.objects.get(pk=team.pk)
    assert (team.name, team.description) == ("TKKSD Kota Jogja", "Periode 2026.")


def test_the_same_field_changed_twice_asks_which_value_to_keep(cast):
    team = make_team(cast)
    url = reverse("teams:team-edit", kwargs={"pk": team.pk})
    sari, rina = _person(cast.sari), _person(cast.rina)
    sari_base, rina_base = opened(sari, url), opened(rina, url)
    sari.post(url, {"base": sari_base, **_fields(team, name="Versi Sari")})
    response = rina.post(url, {"base": rina_base, **_fields(team, name="Versi Rina")})
    assert response.status_code == 409
    assert choices_asked(response) == {"name"}
    assert Team.objects.get(pk=team.pk).name == "Versi Sari"
