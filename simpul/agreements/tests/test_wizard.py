"""Registering an agreement through the three-step wizard."""

from django.urls import reverse

from simpul.agreements.models import Agreement, GovernmentAffair
from simpul.agreements.tests.factories import government_of
from simpul.organizations.models import Organization

URL = reverse("agreements:agreement-create")


def start(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.context["token"]


def post(client, token, **data):
    return client.post(URL, {"wizard": token, **data})


def basics(client, token, *, category="sukarela", owner):
    return post(
        client,
        token,
        family="ksdd",
        category=category,
        title="Pengelolaan sampah regional",
        owner=owner.pk,
        action="next",
    )


def add_parties(client, token, organizations):
    return post(client, token, add=[o.pk for o in organizations], action="add", kind="government")


def test_sari_registers_a_three_party_ksdd_through_the_wizard(client, cast):
    client.force_login(cast.sari)
    token = start(client)
    assert basics(client, token, owner=cast.pemkot_yogyakarta).context["step"] == 2
    # The region search finds Sleman's government by region name.
    found = post(client, token, q="Sleman", kind="government", action="search")
    sleman, bantul = government_of(cast.sleman), government_of(cast.bantul)
    assert sleman in found.context["candidates"]
    add_parties(client, token, [cast.pemkot_yogyakarta, sleman, bantul])
    response = post(client, token, action="next", **{f"role-{sleman.pk}": "party"})
    assert response.context["step"] == 3
    affairs = list(GovernmentAffair.objects.order_by("position")[:2])
    response = post(
        client,
        token,
        action="finish",
        affairs=[a.pk for a in affairs],
        objectives="Mengurangi sampah ke TPA",
        legal_basis="PP 28/2018\nPermendagri 22/2020",
        start_date="2026-01-01",
        end_date="2030-12-31",
    )
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert response.url == agreement.get_absolute_url()
    assert agreement.owner == cast.pemkot_yogyakarta
    assert agreement.category == "sukarela"
    assert agreement.legal_basis == ["PP 28/2018", "Permendagri 22/2020"]
    assert set(agreement.affairs.all()) == set(affairs)
    assert list(agreement.parties.values_list("organization_id", "role")) == [
        (cast.pemkot_yogyakarta.pk, "initiator"),
        (sleman.pk, "party"),
        (bantul.pk, "party"),
    ]
    assert agreement.state == "draft"


def test_blocking_party_findings_show_as_you_go_and_stop_the_next_step(client, cast):
    client.force_login(cast.sari)
    token = start(client)
    basics(client, token, category="wajib", owner=cast.pemkot_yogyakarta)
    response = add_parties(client, token, [cast.pemkot_yogyakarta, cast.pemkot_semarang])
    assert any(f.severity == "block" for f in response.context["findings"])
    response = post(client, token, action="next")
    assert response.status_code == 400
    assert response.context["step"] == 2
    # Removing Semarang and adding a neighbour clears the block.
    post(client, token, remove=str(cast.pemkot_semarang.pk), action="next")
    response = add_parties(client, token, [government_of(cast.sleman)])
    assert not any(f.severity == "block" for f in response.context["findings"])


def test_an_end_date_before_the_start_keeps_everything_typed(client, cast):
    client.force_login(cast.sari)
    token = start(client)
    basics(client, token, owner=cast.pemkot_yogyakarta)
    add_parties(client, token, [cast.pemkot_yogyakarta, government_of(cast.sleman)])
    post(client, token, action="next")
    response = post(
        client,
        token,
        action="finish",
        affairs=[GovernmentAffair.objects.first().pk],
        objectives="Tetap di sini",
        start_date="2026-05-01",
        end_date="2026-01-01",
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "end_date" in form.errors
    assert form["objectives"].value() == "Tetap di sini"
    assert not Agreement.objects.exists()
    # Going back and forth keeps it too (the back button submits the fields).
    post(client, token, action="back", objectives="Tetap di sini")
    again = post(client, token, action="next")
    assert again.context["form"]["objectives"].value() == "Tetap di sini"


def test_the_owner_must_be_one_of_the_users_own_organisations(client, cast):
    client.force_login(cast.sari)
    token = start(client)
    response = basics(client, token, owner=cast.pemkot_semarang)
    assert response.status_code == 400
    assert "owner" in response.context["form"].errors


def test_an_expired_or_forged_wizard_starts_again(client, cast):
    client.force_login(cast.sari)
    response = post(client, "forged", action="next")
    assert response.status_code == 302
    assert response.url == URL


def test_people_without_an_editing_role_cannot_register(client, cast):
    client.force_login(cast.dewi)
    assert client.get(URL).status_code == 403


def test_organisations_with_large_ids_can_be_ticked(client, cast):
    # A national database has organisation ids in the thousands; they must reach the page as
    # plain digits (no "12.345" grouping) or the checkbox would post a value nobody knows.
    big = Organization.objects.create(
        pk=12345, name="Yayasan Sungai Bersih", kind=Organization.Kind.NGO, region=cast.bantul
    )
    client.force_login(cast.sari)
    token = start(client)
    basics(client, token, owner=cast.pemkot_yogyakarta)
    found = post(client, token, q="Sungai Bersih", kind="partner", action="search")
    assert big in found.context["candidates"]
    assert 'id="add-12345"' in found.text
    assert 'value="12345"' in found.text
