"""The public ranking and region pages: ordering, filters, pagination, the method, and never
an internal agreement."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from simpul.agreements.tests.factories import make_agreement
from simpul.scorecard import selectors, views
from simpul.scorecard.models import Score

D = Decimal
YEAR = timezone.localdate().year


def score(year=YEAR, **fields) -> Score:
    return Score.objects.create(year=year, computed_at=timezone.now(), **fields)


def ranked_codes(response) -> list[str]:
    return [row.region.code for row in response.context["page"].object_list]


@pytest.fixture
def ranked(cast):
    score(region=cast.yogyakarta, overall=D("70.0"), transparency=D("50.0"))
    score(region=cast.sleman, overall=D("85.5"), transparency=D("20.0"))
    score(region=cast.semarang, overall=None, transparency=D("90.0"))
    score(region=cast.diy, overall=D("60.0"), transparency=D("10.0"))
    score(region=cast.bantul, year=YEAR - 1, overall=D("99.0"))


@pytest.mark.django_db
def test_the_ranking_lists_regions_best_first_with_no_data_last(client, ranked):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("scorecard:ranking"))

    assert response.status_code == 200
    assert ranked_codes(response) == ["34.04", "34.71", "34", "33.74"]
    body = response.content.decode()
    assert 'id="metode"' in body and "How the scores are computed" in body
    assert "<svg" in body  # the top-10 chart, with its table beside it
    assert "85,5" in body or "85.5" in body


@pytest.mark.django_db
def test_a_column_link_sorts_the_ranking_by_that_score(client, ranked):
    response = client.get(reverse("scorecard:ranking"), {"sort": "transparency"})
    by_name = client.get(reverse("scorecard:ranking"), {"sort": "name", "page": "x"})

    assert ranked_codes(response) == ["33.74", "34.71", "34.04", "34"]
    assert "sort=transparency" in response.content.decode()
    names = [row.region.name for row in by_name.context["page"].object_list]
    assert names == sorted(names) and len(names) == 4


@pytest.mark.django_db
def test_the_ranking_filters_by_province_level_and_year(client, cast, ranked):
    url = reverse("scorecard:ranking")

    in_diy = client.get(url, {"province": cast.diy.code})
    provinces = client.get(url, {"level": "province"})
    local = client.get(url, {"level": "local", "province": cast.diy.code})
    last_year = client.get(url, {"year": str(YEAR - 1)})
    nonsense = client.get(url, {"year": "abc", "level": "<script>", "sort": "drop"})

    assert ranked_codes(in_diy) == ["34.04", "34.71", "34"]
    assert ranked_codes(provinces) == ["34"]
    assert ranked_codes(local) == ["34.04", "34.71"]
    assert ranked_codes(last_year) == ["34.02"]
    assert nonsense.status_code == 200
    assert ranked_codes(nonsense) == ranked_codes(client.get(url))


@pytest.mark.django_db
def test_the_ranking_is_paginated(client, cast, ranked, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)

    second = client.get(reverse("scorecard:ranking"), {"page": "2"})
    beyond = client.get(reverse("scorecard:ranking"), {"page": "99"})

    assert ranked_codes(second) == ["34", "33.74"]
    assert second.context["offset"] == 2
    assert ranked_codes(beyond) == ranked_codes(second)


@pytest.mark.django_db
def test_the_region_page_lists_its_public_agreements_only_with_a_trend(client, cast):
    client.cookies["django_language"] = "en"
    public = make_agreement(cast, state="active", title="Pengelolaan sampah bersama")
    internal = make_agreement(cast, state="draft", title="Rahasia internal")
    score(agreement=public, overall=D("55.0"))
    score(agreement=internal, overall=D("99.0"))  # a stale row must still never show
    score(region=cast.yogyakarta, overall=D("55.0"), inputs={"agreements": 1})
    score(region=cast.yogyakarta, year=YEAR - 1, overall=D("45.0"))

    response = client.get(reverse("scorecard:region", kwargs={"code": cast.yogyakarta.code}))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Pengelolaan sampah bersama" in body and public.reference_code in body
    assert "Rahasia internal" not in body and internal.reference_code not in body
    assert [point["year"] for point in response.context["scorecard"]["trend"]] == [
        YEAR - 1,
        YEAR,
    ]
    assert "<svg" in body


@pytest.mark.django_db
def test_an_unknown_region_code_is_not_found_and_pages_are_cached_for_visitors(client, cast):
    assert client.get(reverse("scorecard:region", kwargs={"code": "99.99"})).status_code == 404

    first = client.get(reverse("scorecard:ranking"))
    second = client.get(reverse("scorecard:ranking"))

    assert (first["X-Public-Cache"], second["X-Public-Cache"]) == ("miss", "hit")


@pytest.mark.django_db
def test_the_scorecard_include_shows_values_bars_and_no_data(cast):
    agreement = make_agreement(cast, state="active")
    card = selectors.agreement_scorecard(agreement)

    html = render_to_string("scorecard/_scorecard.html", {"scorecard": card})

    assert "scorecard/scorecard.css" in html
    assert 'data-dimension="transparency" data-score="100.0"' in html
    assert html.count('<progress max="100"') >= 2  # transparency and participation
    # accountability, responsiveness, effectiveness and collaboration health (nothing recorded)
    assert html.count('data-score=""') == 4
