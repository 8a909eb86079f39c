"""The members' pages: recording and publishing, the finder with its reasons and its clear
answers to bad input, a candidate's "Start a cooperation" that pre-fills the wizard, and the
reverse search."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from simpul.agreements.views.register import WIZARD_KEY
from simpul.potentials.models import Kind, Record

from .factories import record, term

pytestmark = pytest.mark.django_db


def _signed_in(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def waste(cast):
    record(cast.yogyakarta, "landfill-capacity", Kind.PROBLEM)
    record(cast.sleman, "landfill-capacity", Kind.POTENTIAL)
    record(cast.bantul, "landfill-capacity", Kind.POTENTIAL)
    return cast


def test_an_editor_records_a_problem_that_stays_private_until_the_region_publishes(cast, client):
    page = reverse("potentials:region", kwargs={"code": cast.yogyakarta.code})
    _signed_in(client, cast.wati)
    data = {"term": term("raw-water").pk, "kind": "problem", "source": "study", "year": 2024}

    response = client.post(
        reverse("potentials:record-create", kwargs={"code": cast.yogyakarta.code}), data
    )

    assert response.status_code == 302
    created = Record.objects.get(region=cast.yogyakarta)
    assert (created.kind, created.is_published) == ("problem", False)
    assert "Water deficit" in client.get(page).content.decode()
    client.post(reverse("potentials:publish", kwargs={"code": cast.yogyakarta.code}))
    created.refresh_from_db()
    assert created.is_published


def test_recording_the_same_thing_twice_or_a_bad_year_is_refused_with_a_message(cast, client):
    record(cast.yogyakarta, "raw-water", Kind.PROBLEM)
    _signed_in(client, cast.wati)
    url = reverse("potentials:record-create", kwargs={"code": cast.yogyakarta.code})

    twice = client.post(
        url, {"term": term("raw-water").pk, "kind": "problem", "source": "study", "year": 2024}
    )
    bad_year = client.post(
        url, {"term": term("teachers").pk, "kind": "problem", "source": "study", "year": "x"}
    )

    assert twice.status_code == 400
    assert "already recorded" in twice.content.decode()
    assert bad_year.status_code == 400


def test_the_finder_shows_the_neighbours_first_with_their_border_and_matching_potential(
    waste, client
):
    _signed_in(client, waste.sari)

    response = client.get(
        reverse("potentials:finder", kwargs={"code": waste.yogyakarta.code}),
        {"urusan": "environment"},
    )

    names = [c.region.name for c in response.context["result"].candidates]
    assert names[:2] == ["Kabupaten Bantul", "Kabupaten Sleman"] or names[:2] == [
        "Kabupaten Sleman",
        "Kabupaten Bantul",
    ]
    html = response.content.decode()
    assert "shares a border (" in html
    assert "Landfill capacity surplus" in html


def test_an_unknown_affair_gets_a_clear_400_and_a_province_an_explanation(waste, client):
    _signed_in(client, waste.rina)

    unknown = client.get(
        reverse("potentials:finder", kwargs={"code": waste.yogyakarta.code}), {"urusan": "nope"}
    )
    province = client.get(reverse("potentials:finder", kwargs={"code": waste.diy.code}))

    assert unknown.status_code == 400
    assert "There is no such government affair" in unknown.content.decode()
    assert province.status_code == 200
    assert "regencies and cities" in province.content.decode()


def test_a_region_without_data_is_told_where_its_candidates_come_from(cast, client):
    _signed_in(client, cast.sari)

    response = client.get(reverse("potentials:finder", kwargs={"code": cast.yogyakarta.code}))

    assert "has published no potentials or problems" in response.content.decode()


def test_start_a_cooperation_prefills_the_wizard_with_both_governments_affair_and_objective(
    waste, client
):
    _signed_in(client, waste.sari)
    candidate = client.get(
        reverse(
            "potentials:candidate",
            kwargs={"code": waste.yogyakarta.code, "partner": waste.sleman.code},
        ),
        {"urusan": "environment"},
    )
    start = candidate.context["start_url"]
    query = parse_qs(urlsplit(start).query)

    wizard = client.get(start)

    assert wizard.status_code == 200
    (state,) = client.session[WIZARD_KEY].values()
    assert [p["organization"] for p in state["parties"]] == [int(pk) for pk in query["party"]]
    assert len(state["parties"]) == 2
    assert state["details"]["affairs"] == [str(term().affair.pk)]
    assert "Landfill at capacity" in state["details"]["objectives"][0]
    assert "Kota Yogyakarta" in wizard.content.decode()


def test_a_candidate_that_is_not_one_answers_404(waste, client):
    _signed_in(client, waste.sari)

    response = client.get(
        reverse(
            "potentials:candidate",
            kwargs={"code": waste.yogyakarta.code, "partner": waste.semarang.code},
        ),
        {"urusan": "environment"},
    )

    assert response.status_code == 404


def test_the_reverse_search_lists_only_published_potentials(waste, client):
    record(waste.semarang, "landfill-capacity", Kind.POTENTIAL, published=False)
    _signed_in(client, waste.budi)

    response = client.get(reverse("potentials:term-regions", kwargs={"term": "landfill-capacity"}))

    names = [r.region.name for r in response.context["records"]]
    assert names == ["Kabupaten Bantul", "Kabupaten Sleman"]


def test_the_region_page_and_the_public_region_page_show_the_published_records(waste, client):
    record(waste.yogyakarta, "raw-water", Kind.PROBLEM, published=False)
    client.cookies["django_language"] = "en"

    public = client.get(reverse("portal:region", kwargs={"code": waste.yogyakarta.code}))
    profile = client.get(reverse("regions:region-detail", kwargs={"code": waste.yogyakarta.code}))
    member = _signed_in(client, waste.sari).get(
        reverse("regions:region-detail", kwargs={"code": waste.yogyakarta.code})
    )

    for response in (public, profile):
        html = response.content.decode()
        assert "Landfill at capacity" in html
        assert "Water deficit" not in html
    assert "Water deficit" in member.content.decode()
