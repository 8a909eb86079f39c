"""Two people edit one agreement's data at the same time (simpul.core.merge): changes to
different fields are both kept, the same field changed twice asks the second person which
value to keep and saves nothing before that choice, and a field the second person did not
touch is never written back with the value their page still showed."""

import pytest
from django.test import Client
from django.urls import reverse

from simpul.agreements.models import Agreement, GovernmentAffair
from simpul.agreements.tests.factories import make_agreement
from simpul.testing.merge import choices_asked, opened, shown_base

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(cast):
    agreement = make_agreement(
        cast, objectives="Mengurangi sampah", scope="Kota Yogyakarta", legal_basis=["PP 28/2018"]
    )
    agreement.affairs.set(GovernmentAffair.objects.order_by("pk")[:1])
    return agreement


def _person(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _url(agreement) -> str:
    return reverse("agreements:agreement-edit", kwargs={"pk": agreement.pk})


def _fields(agreement, **changes) -> dict:
    """What the edit form posts when its values are those of `agreement`, with `changes`."""
    data = {
        "title": agreement.title,
        "affairs": [affair.pk for affair in agreement.affairs.all()],
        "vision": agreement.vision,
        "mission": agreement.mission,
        "objectives": agreement.objectives,
        "scope": agreement.scope,
        "legal_basis": "\n".join(agreement.legal_basis),
        "start_date": agreement.start_date or "",
        "end_date": agreement.end_date or "",
        "parent": agreement.parent_id or "",
    }
    data.update(changes)
    return data


def _fresh(agreement) -> Agreement:
    return Agreement.objects.get(pk=agreement.pk)


def test_two_people_changing_different_fields_both_keep_their_change(cast, agreement):
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _url(agreement)), opened(wati, _url(agreement))
    seen = _fields(agreement)  # the values both pages show
    second_affair = GovernmentAffair.objects.order_by("pk")[1]
    affairs = [agreement.affairs.get().pk, second_affair.pk]
    saved = sari.post(_url(agreement), {"base": sari_base, **seen, "affairs": affairs})
    assert saved.status_code == 302
    response = wati.post(
        _url(agreement),
        {"base": wati_base, **seen, "scope": "Kartamantul", "legal_basis": "UU 23/2014"},
        follow=True,
    )
    assert response.status_code == 200
    assert "nothing was lost" in response.content.decode()
    fresh = _fresh(agreement)
    assert set(fresh.affairs.values_list("pk", flat=True)) == set(affairs)
    assert (fresh.scope, fresh.legal_basis) == ("Kartamantul", ["UU 23/2014"])
    assert fresh.changed_by == cast.wati


def test_the_same_field_changed_twice_is_saved_only_after_the_second_person_chooses(
    cast, agreement
):
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _url(agreement)), opened(wati, _url(agreement))
    sari.post(_url(agreement), {"base": sari_base, **_fields(agreement, title="Judul Sari")})
    mine = _fields(agreement, title="Judul Wati", scope="Sleman")
    response = wati.post(_url(agreement), {"base": wati_base, **mine})
    assert response.status_code == 409
    html = response.content.decode()
    assert 'class="merge-table"' in html and cast.sari.full_name in html
    assert "Judul Sari" in html and "Judul Wati" in html
    assert choices_asked(response) == {"title"}
    assert (_fresh(agreement).title, _fresh(agreement).scope) == ("Judul Sari", "Kota Yogyakarta")
    merged = {"base": shown_base(response), **mine}
    assert wati.post(_url(agreement), merged).status_code == 400
    assert _fresh(agreement).title == "Judul Sari"
    assert wati.post(_url(agreement), {**merged, "merge_title": "theirs"}).status_code == 302
    assert (_fresh(agreement).title, _fresh(agreement).scope) == ("Judul Sari", "Sleman")


def test_fields_the_second_person_did_not_touch_are_never_overwritten(cast, agreement):
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _url(agreement)), opened(wati, _url(agreement))
    seen = _fields(agreement)  # the values both pages show
    sari.post(
        _url(agreement),
        {
            "base": sari_base,
            **seen,
            "affairs": [affair.pk for affair in GovernmentAffair.objects.order_by("pk")[:3]],
            "objectives": "Tujuan Sari",
            "legal_basis": "PP 28/2018\nUU 23/2014",
        },
    )
    response = wati.post(_url(agreement), {"base": wati_base, **seen})
    assert response.status_code == 302
    fresh = _fresh(agreement)
    assert fresh.objectives == "Tujuan Sari"
    assert fresh.legal_basis == ["PP 28/2018", "UU 23/2014"]
    assert fresh.affairs.count() == 3


def test_an_edit_form_without_its_snapshot_is_out_of_date_not_a_crash(cast, agreement):
    response = _person(cast.sari).post(_url(agreement), _fields(agreement, title="Tanpa dasar"))
    assert response.status_code == 400
    assert "This form is out of date or incomplete" in response.content.decode()
    assert _fresh(agreement).title == "Pengelolaan sampah regional"
