"""What the public sees of the register: published stakeholders and verified contributions on
the public agreement page, in open data and the API; never contact persons or contributions
not verified; nothing while the "stakeholders" kind is internal."""

import json

import pytest
from django.urls import reverse

from simpul.agreements.tests.factories import make_agreement
from simpul.publication.services import publish
from simpul.stakeholders import services

from .factories import make_contribution, make_stakeholder

pytestmark = pytest.mark.django_db


def _page(client, agreement) -> str:
    url = reverse("portal:agreement", kwargs={"reference_code": agreement.reference_code})
    return client.get(url).content.decode()


def _world(cast, *, state="active"):
    agreement = make_agreement(cast, state=state)
    stakeholder = make_stakeholder(cast, agreement=agreement, contact_name="Andi Wijaya")
    make_contribution(cast, stakeholder=stakeholder, status="verified", description="Dana CSR")
    make_contribution(cast, stakeholder=stakeholder, description="Belum diperiksa")
    return agreement, stakeholder


def test_the_public_page_shows_verified_contributions_and_never_the_contact(client, cast):
    agreement, _stakeholder = _world(cast)
    page = _page(client, agreement)
    assert "PT Sinar Jaya Abadi" in page and "Dana CSR" in page
    assert "Andi Wijaya" not in page and "andi@sinarjaya.example" not in page
    assert "Belum diperiksa" not in page


def test_stakeholders_show_only_once_published_before_the_work_runs(client, cast):
    agreement, _stakeholder = _world(cast, state="kb_signed")
    assert "PT Sinar Jaya Abadi" not in _page(client, agreement)
    publish(agreement, "stakeholders", reason="CSR diumumkan", user=cast.sari)
    assert "PT Sinar Jaya Abadi" in _page(client, agreement)


def test_a_verification_reaches_a_page_already_cached(
    client, cast, django_capture_on_commit_callbacks
):
    agreement, stakeholder = _world(cast)
    assert "Kerja bakti" not in _page(client, agreement)
    contribution = make_contribution(
        cast, stakeholder=stakeholder, kind="labour", description="Kerja bakti"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_decide(
            contribution=contribution, user=cast.sari, version=contribution.version, action="verify"
        )
    assert "Kerja bakti" in _page(client, agreement)


def test_the_open_dataset_and_the_api_list_verified_contributions_only(client, cast):
    agreement, _stakeholder = _world(cast)
    internal, _ = _world(cast, state="draft")
    response = client.get(
        reverse("opendata:dataset", kwargs={"name": "stakeholder-contributions", "fmt": "csv"})
    )
    csv_text = b"".join(response.streaming_content).decode()
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("agreement,stakeholder,stakeholder_kind,kind,description")
    assert len(lines) == 2 and agreement.reference_code in lines[1] and "Dana CSR" in lines[1]
    assert "Andi" not in csv_text and internal.reference_code not in csv_text
    api = client.get(reverse("api:stakeholder-contribution-list"), {"year": "2026"})
    rows = json.loads(api.content)["results"]
    assert [(r["agreement"], r["value"]) for r in rows] == [(agreement.reference_code, 250000000)]
    dictionary = client.get(reverse("opendata:dictionary")).content.decode()
    assert "stakeholder-contributions" in dictionary
    catalog = client.get(reverse("opendata:catalog")).content.decode()
    assert "stakeholder-contributions" in catalog
