"""The Stakeholders tab: the register with the grid and its table in a constant number of
queries, adding (a duplicate offers the existing entry), recording contributions (bad input is
a message, never a 500), verifying from the list, the evidence download, the invitation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.agreements.tests.factories import make_agreement
from simpul.stakeholders.models import Contribution, Stakeholder

from .factories import make_contribution, make_stakeholder, pdf_upload

pytestmark = pytest.mark.django_db


def _signed_in(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _url(name, agreement, **kwargs):
    return reverse(f"stakeholders:{name}", kwargs={"agreement_pk": agreement.pk, **kwargs})


def test_the_register_draws_the_grid_beside_its_table(client, cast):
    stakeholder = make_stakeholder(cast, influence=5, interest=4)
    _signed_in(client, cast.vina)
    page = client.get(_url("register", stakeholder.agreement)).content.decode()
    assert 'role="img"' in page and "Power–interest grid" in page
    assert "Manage closely" in page and 'id="stakeholder-table"' in page
    assert "PT Sinar Jaya Abadi: influence 5, interest 4" in page  # the chart's description


def test_the_register_reads_in_the_same_number_of_queries_for_many_stakeholders(client, cast):
    agreement = make_agreement(cast)
    first = make_stakeholder(cast, agreement=agreement)
    make_contribution(cast, stakeholder=first, status="verified")
    _signed_in(client, cast.sari)
    with CaptureQueriesContext(connection) as few:
        assert client.get(_url("register", agreement)).status_code == 200
    for n in range(6):
        other = make_stakeholder(cast, agreement=agreement, name=f"Komunitas {n}", kind="community")
        make_contribution(cast, stakeholder=other, status="verified", year=2025)
        make_contribution(cast, stakeholder=other)
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url("register", agreement))
    assert len(response.context["stakeholders"]) == 7
    assert len(many) == len(few)


def test_the_contribution_list_reads_in_the_same_number_of_queries(client, cast):
    agreement = make_agreement(cast)
    make_contribution(cast, stakeholder=make_stakeholder(cast, agreement=agreement))
    _signed_in(client, cast.yanto)
    with CaptureQueriesContext(connection) as few:
        assert client.get(_url("contribution-list", agreement)).status_code == 200
    for n in range(5):
        other = make_stakeholder(cast, agreement=agreement, name=f"Kampus {n}", kind="university")
        make_contribution(cast, stakeholder=other, status="verified")
    with CaptureQueriesContext(connection) as many:
        assert client.get(_url("contribution-list", agreement)).status_code == 200
    assert len(many) == len(few)


def test_adding_a_duplicate_offers_the_existing_entry(client, cast):
    existing = make_stakeholder(cast)
    _signed_in(client, cast.wati)
    response = client.post(
        _url("stakeholder-create", existing.agreement),
        {"name": "PT. SINAR JAYA ABADI", "kind": "private", "roles": ["funder"],
         "interest": "3", "influence": "3"},
    )  # fmt: skip
    assert response.status_code == 400
    edit = _url("stakeholder-edit", existing.agreement, pk=existing.pk)
    assert f'href="{edit}" id="duplicate-link"' in response.content.decode()
    assert Stakeholder.objects.filter(agreement=existing.agreement).count() == 1


def test_a_stakeholder_chosen_from_the_platform_takes_its_name(client, cast):
    agreement = make_agreement(cast)
    _signed_in(client, cast.wati)
    response = client.post(
        _url("stakeholder-create", agreement),
        {"organization": cast.ngo.pk, "roles": ["implementer", "advocate"],
         "interest": "5", "influence": "2"},
    )  # fmt: skip
    assert response.status_code == 302
    stakeholder = Stakeholder.objects.get(agreement=agreement)
    assert (stakeholder.name, stakeholder.roles) == (cast.ngo.name, ["implementer", "advocate"])


@pytest.mark.parametrize(
    ("value", "year", "message"),
    [
        ("-5000", "2026", "cannot be negative"),
        ("99999999999999999", "2026", "check the number of zeros"),
        ("banyak", "2026", "Enter a number"),
        ("1000", "1899", "Enter a year from 2000"),
    ],
)
def test_bad_amounts_and_years_come_back_with_a_message(client, cast, value, year, message):
    stakeholder = make_stakeholder(cast)
    _signed_in(client, cast.wati)
    response = client.post(
        _url("contribution-create", stakeholder.agreement),
        {"stakeholder": stakeholder.pk, "kind": "funding", "description": "Dana",
         "value": value, "year": year},
    )  # fmt: skip
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_contribution_with_evidence_is_recorded_and_verified_by_another_coordinator(client, cast):
    stakeholder = make_stakeholder(cast)
    _signed_in(client, cast.sari)
    response = client.post(
        _url("contribution-create", stakeholder.agreement),
        {"stakeholder": stakeholder.pk, "kind": "funding", "description": "Dana CSR",
         "value": "150000000", "year": "2026", "source": "CSR", "evidence": pdf_upload()},
    )  # fmt: skip
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    listing = client.get(_url("contribution-list", stakeholder.agreement)).content.decode()
    assert f'id="verify-{contribution.pk}"' not in listing  # sari recorded it herself
    download = client.get(_url("contribution-evidence", stakeholder.agreement, pk=contribution.pk))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")

    _signed_in(client, cast.yanto)
    listing = client.get(_url("contribution-list", stakeholder.agreement)).content.decode()
    assert f'id="verify-{contribution.pk}"' in listing
    decide = _url("contribution-decide", stakeholder.agreement, pk=contribution.pk)
    response = client.post(decide, {"version": contribution.version, "action": "verify"})
    assert response.status_code == 302
    assert Contribution.objects.get().status == "verified"
    again = client.post(decide, {"version": contribution.version, "action": "verify"})
    assert again.status_code in (400, 409)


def test_inviting_from_the_register_sends_the_organisations_invitation(client, cast, mailoutbox):
    stakeholder = make_stakeholder(cast)
    _signed_in(client, cast.wati)
    response = client.post(
        _url("stakeholder-invite", stakeholder.agreement, pk=stakeholder.pk),
        {"email": "csr@sinarjaya.example"},
    )
    assert response.status_code == 302
    stakeholder.refresh_from_db()
    assert stakeholder.invitation.email == "csr@sinarjaya.example"
    assert stakeholder.organization.name == "PT Sinar Jaya Abadi"


def test_a_bad_invitation_address_is_said_so(client, cast):
    stakeholder = make_stakeholder(cast)
    _signed_in(client, cast.wati)
    response = client.post(
        _url("stakeholder-invite", stakeholder.agreement, pk=stakeholder.pk), {"email": "nope"}
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    stakeholder.refresh_from_db()
    assert stakeholder.organization_id is None
