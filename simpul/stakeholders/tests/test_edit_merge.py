"""Two people edit one stakeholder at the same time (simpul.core.merge): changes to different
fields are both kept; the same field changed differently asks which value to keep."""

import pytest
from django.test import Client
from django.urls import reverse

from simpul.stakeholders.models import Stakeholder
from simpul.testing.merge import choices_asked, opened

from .factories import make_stakeholder

pytestmark = pytest.mark.django_db


def _person(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _fields(stakeholder, **changes) -> dict:
    return {
        "name": stakeholder.name,
        "kind": stakeholder.kind,
        "roles": stakeholder.roles,
        "interest": stakeholder.interest,
        "influence": stakeholder.influence,
        "interest_reason": stakeholder.interest_reason,
        "influence_reason": stakeholder.influence_reason,
        "contact_name": stakeholder.contact_name,
        "contact_email": stakeholder.contact_email,
        "contact_phone": stakeholder.contact_phone,
        "notes": stakeholder.notes,
        **changes,
    }


def _edit_url(stakeholder) -> str:
    return reverse(
        "stakeholders:stakeholder-edit",
        kwargs={"agreement_pk": stakeholder.agreement_id, "pk": stakeholder.pk},
    )


def test_two_people_changing_different_fields_both_keep_their_change(cast):
    stakeholder = make_stakeholder(cast)
    url = _edit_url(stakeholder)
    sari, yanto = _person(cast.sari), _person(cast.yanto)
    sari_base, yanto_base = opened(sari, url), opened(yanto, url)
    sari.post(url, {"base": sari_base, **_fields(stakeholder, influence=5)})
    response = yanto.post(url, {"base": yanto_base, **_fields(stakeholder, contact_phone="0274")})
    assert response.status_code == 302
    stakeholder = Stakeholder.objects.get(pk=stakeholder.pk)
    assert (stakeholder.influence, stakeholder.contact_phone) == (5, "0274")


def test_the_same_field_changed_twice_asks_which_value_to_keep(cast):
    stakeholder = make_stakeholder(cast)
    url = _edit_url(stakeholder)
    sari, yanto = _person(cast.sari), _person(cast.yanto)
    sari_base, yanto_base = opened(sari, url), opened(yanto, url)
    sari.post(url, {"base": sari_base, **_fields(stakeholder, roles=["funder", "advocate"])})
    response = yanto.post(url, {"base": yanto_base, **_fields(stakeholder, roles=["regulator"])})
    assert response.status_code == 409
    assert choices_asked(response) == {"roles"}
    assert Stakeholder.objects.get(pk=stakeholder.pk).roles == ["funder", "advocate"]
