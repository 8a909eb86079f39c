"""Two people edit one idea at the same time (simpul.core.merge): changes to different fields
are both kept; the same field changed differently asks the second person which value to keep
and saves nothing before that choice."""

import pytest
from django.test import Client
from django.urls import reverse

from simpul.ideas.models import Idea
from simpul.testing.merge import choices_asked, opened

from .factories import make_idea

pytestmark = pytest.mark.django_db


def _person(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _fields(idea, **changes) -> dict:
    return {
        "title": idea.title,
        "problem": idea.problem,
        "proposal": idea.proposal,
        "regions": [r.pk for r in idea.regions.all()],
        "affairs": [a.pk for a in idea.affairs.all()],
        **changes,
    }


def test_two_people_changing_different_fields_both_keep_their_change(cast):
    idea = make_idea(cast)
    url = reverse("ideas:idea-edit", kwargs={"pk": idea.pk})
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, url), opened(wati, url)
    sari.post(url, {"base": sari_base, **_fields(idea, title="Bank sampah Kartamantul")})
    response = wati.post(url, {"base": wati_base, **_fields(idea, proposal="Mulai di 3 pasar.")})
    assert response.status_code == 302
    idea = Idea.objects.get(pk=idea.pk)
    assert (idea.title, idea.proposal) == ("Bank sampah Kartamantul", "Mulai di 3 pasar.")


def test_the_same_field_changed_twice_asks_which_value_to_keep(cast):
    idea = make_idea(cast)
    url = reverse("ideas:idea-edit", kwargs={"pk": idea.pk})
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, url), opened(wati, url)
    sari.post(url, {"base": sari_base, **_fields(idea, title="Versi Sari")})
    response = wati.post(url, {"base": wati_base, **_fields(idea, title="Versi Wati")})
    assert response.status_code == 409
    assert choices_asked(response) == {"title"}
    assert Idea.objects.get(pk=idea.pk).title == "Versi Sari"
