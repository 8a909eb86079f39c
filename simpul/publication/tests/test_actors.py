"""Who made a publication decision, as the Publikasi tab names them."""

import pytest
from django.urls import reverse

from simpul.agreements.tests.factories import make_agreement
from simpul.audit.context import acting_as, system_actor
from simpul.publication import services
from simpul.publication.models import PublicationDecision

pytestmark = pytest.mark.django_db


def _tab(client, agreement, language: str) -> str:
    client.cookies["django_language"] = language
    url = reverse("publication:overview", kwargs={"agreement_pk": agreement.pk})
    return client.get(url).content.decode()


def test_a_decision_the_system_made_names_the_system_not_a_missing_user(client, cast):
    agreement = make_agreement(cast, state="kb_signed")
    with acting_as(system_actor("seed_demo_public")):
        services.publish(agreement, "indicators", reason="Data demo", user=None)
    client.force_login(cast.sari)

    page = _tab(client, agreement, "id")
    assert "oleh Sistem" in page
    assert "tidak terdaftar" not in page
    assert "system:seed_demo_public" not in page  # the history names the system too
    assert "by System" in _tab(client, agreement, "en")


def test_a_decision_by_a_person_names_them(client, cast):
    agreement = make_agreement(cast, state="kb_signed")
    services.publish(agreement, "indicators", reason="Disepakati", user=cast.sari)
    decision = PublicationDecision.objects.get(agreement=agreement, kind="indicators")
    assert decision.decided_by_label == str(cast.sari)
    client.force_login(cast.sari)

    assert f"oleh {cast.sari.full_name}" in _tab(client, agreement, "id")
