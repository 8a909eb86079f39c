"""The read-only REST API under /api/v1/ (simpul/portal/api)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openapi_spec_validator import validate

from simpul.agreements.models import Agreement
from simpul.agreements.tests.factories import make_agreement
from simpul.knowledge.tests.factories import make_item
from simpul.portal.api.throttling import ClientThrottle
from simpul.portal.tests.permissions_opendata import (
    FORMULA_TITLE,
    _indicator,
    _value,
    make_budget_line,
    opendata_world,
)
from simpul.publication.models import PublicationDecision
from simpul.search import index
from simpul.search.selectors import Filters, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    return opendata_world(cast)


def _get(client, name, query="", **kwargs):
    return client.get(reverse(name, kwargs=kwargs or None) + query)


def test_the_agreement_list_is_paginated_and_shows_only_public_agreements(client, world):
    response = _get(client, "api:agreement-list", "?page_size=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    page = response.json()
    assert page["count"] == 2  # the public one and the one with unpublished indicators
    assert len(page["results"]) == 1
    assert "page=2" in page["next"]
    everything = _get(client, "api:agreement-list").json()["results"]
    codes = {row["id"] for row in everything}
    assert codes == {world.public.reference_code, world.hidden_indicators.reference_code}
    assert FORMULA_TITLE in {row["title"] for row in everything}


def test_filters_narrow_the_agreements(client, cast, world):
    make_agreement(cast, family="ksdpk", parties=[cast.pemkot_semarang, cast.ngo], state="active")
    index.rebuild()  # `q` reads the search index, which tests fill by hand

    def codes(query):
        return {row["id"] for row in _get(client, "api:agreement-list", query).json()["results"]}

    assert len(codes("?family=ksdpk")) == 1
    assert codes("?q=tertutup") == {world.hidden_indicators.reference_code}
    assert len(codes("?region=33.74")) == 1  # Kota Semarang's agreement only
    # DIY: agreements with a party in one of its cities or regencies (the NGO is in Sleman).
    assert len(codes("?region=34")) == 3
    # The public agreement runs 2025–2028; undated agreements match every year.
    assert world.public.reference_code not in codes("?year=2024")
    assert world.hidden_indicators.reference_code in codes("?year=2024")
    assert world.public.reference_code in codes("?year=2026")
    assert codes("?stage=draft") == set()


def test_q_finds_agreements_by_another_word_form_as_the_public_search_does(client, cast, world):
    public = make_agreement(
        cast, state="active", title="Pengelolaan sampah regional",
        objectives="Bank sampah di setiap kelurahan.",
    )  # fmt: skip
    make_agreement(cast, state="draft", title="Pengelolaan sampah rahasia")
    index.rebuild()

    def codes(query):
        return {row["id"] for row in _get(client, "api:agreement-list", query).json()["results"]}

    # "kelola" finds "Pengelolaan" (the stemmer); a draft never, nor a substring of a word.
    assert codes("?q=kelola+sampah") == {public.reference_code}
    assert codes("?q=" + public.reference_code) == {public.reference_code}
    assert codes("?q=elola") == set()
    # The same agreements as the portal's search for that kind.
    found = search(None, "kelola sampah", Filters(kind="agreement")).hits
    assert {hit.object_id for hit in found} == {public.pk}


def test_q_never_finds_an_agreement_by_words_it_does_not_publish(client, cast, world):
    agreement = make_agreement(
        cast, state="active", title="Angkutan perbatasan", objectives="Subsidi kompos rahasia."
    )
    PublicationDecision.objects.create(
        agreement=agreement, kind="objectives", is_public=False, reason="Belum final",
        decided_at=timezone.now() - timedelta(days=1),
    )  # fmt: skip
    index.rebuild()

    def count(query):
        return _get(client, "api:agreement-list", query).json()["count"]

    # Listed (its summary is public), found by its title, never by its unpublished objectives.
    assert count("?q=angkut") == 1
    assert count("?q=kompos") == 0
    assert count("?q=rahasia+draf") == 0  # the world's draft: not listed, never found


def test_q_finds_public_knowledge_items_by_another_word_form_and_nothing_internal(client, cast):
    public = make_item(cast, title="Pengelolaan bank sampah", status="published", audience="public")
    make_item(cast, title="Pengelolaan sampah internal", status="published")
    make_item(cast, title="Pengelolaan sampah draf")
    index.rebuild()

    def codes(query):
        return {row["id"] for row in _get(client, "api:knowledge-list", query).json()["results"]}

    assert codes("?q=dikelola") == {public.code}
    assert codes(f"?q={public.code}") == {public.code}
    assert codes("?q=internal") == set() and codes("?q=draf") == set()


def test_an_unusable_page_size_is_a_clear_400_never_a_500(client):
    for size in ["501", "100000", "abc", "0", "-5", "1e3"]:
        response = _get(client, "api:agreement-list", f"?page_size={size}")
        assert response.status_code == 400, size
        assert "page_size" in response.json()


def test_a_page_beyond_the_end_or_a_bad_filter_answers_in_json(client, world):
    assert _get(client, "api:agreement-list", "?page=99").status_code == 404
    response = _get(client, "api:budget-list", "?year=20x6")
    assert response.status_code == 400
    assert "year" in response.json()["detail"]
    assert _get(client, "api:agreement-list", "?page_size=500").status_code == 200


def test_an_internal_id_answers_exactly_like_one_that_does_not_exist(client, world):
    draft = _get(client, "api:agreement-detail", reference_code=world.draft.reference_code)
    unknown = _get(client, "api:agreement-detail", reference_code="KSD-1999-99999")
    assert draft.status_code == unknown.status_code == 404
    assert draft.content == unknown.content
    draft_party = world.draft.parties.first()
    assert _get(client, "api:party-detail", pk=draft_party.pk).status_code == 404
    for name in ("api:indicator-detail", "api:indicator-values"):
        assert _get(client, name, pk=world.hidden_indicator.pk).status_code == 404
        assert _get(client, name, pk=world.draft_indicator.pk).status_code == 404
    assert (
        _get(client, "api:agreement-budget", reference_code=world.draft.reference_code).status_code
        == 404
    )
    assert _get(client, "api:region-detail", code="99.99").status_code == 404


def test_public_details_answer_by_their_stable_identifiers(client, world):
    agreement = _get(client, "api:agreement-detail", reference_code=world.public.reference_code)
    assert agreement.json()["id"] == world.public.reference_code
    indicator = _get(client, "api:indicator-detail", pk=world.indicator.pk).json()
    assert indicator["id"] == f"{world.public.reference_code}/IND-{world.indicator.pk}"
    assert indicator["latest_value"] == 10
    region = _get(client, "api:region-detail", code="34.71").json()
    assert region["name"] == "Kota Yogyakarta" and region["parent_code"] == "34"
    budget = _get(client, "api:agreement-budget", reference_code=world.public.reference_code)
    assert [row["planned"] for row in budget.json()["results"]] == [1000000]


def test_only_verified_values_of_public_indicators_are_served(client, world):
    values = _get(client, "api:indicator-values", pk=world.indicator.pk).json()["results"]
    assert [v["value"] for v in values] == [12.5]
    code = world.public.reference_code
    of_agreement = _get(client, "api:indicator-value-list", f"?agreement={code}").json()
    assert [v["value"] for v in of_agreement["results"]] == [12.5]
    unfiltered = _get(client, "api:indicator-value-list")
    assert unfiltered.status_code == 400
    assert "agreement" in unfiltered.json()
    indicators = _get(client, "api:indicator-list").json()["results"]
    assert [i["code"] for i in indicators] == ["K1"]


def _grow(cast, n):
    for i in range(n):
        agreement = make_agreement(cast, state="active", title=f"Kerja sama {i}")
        party = agreement.parties.first()
        indicator = _indicator(agreement)
        _value(indicator, party, 5 + i)
        make_budget_line(agreement, party)


LISTS = [
    "api:agreement-list",
    "api:party-list",
    "api:indicator-list",
    "api:indicator-value-list",
    "api:budget-list",
    "api:region-list",
]


def test_list_pages_cost_the_same_queries_whatever_the_data_size(client, cast):
    _grow(cast, 1)

    def counts():
        result = {}
        code = Agreement.objects.order_by("pk").first().reference_code
        for name in LISTS:
            query = f"?agreement={code}" if name == "api:indicator-value-list" else ""
            with CaptureQueriesContext(connection) as queries:
                assert _get(client, name, query).status_code == 200
            result[name] = len(queries)
        return result

    few = counts()
    _grow(cast, 4)
    assert counts() == few


def test_the_openapi_document_is_valid_and_describes_every_endpoint(client):
    response = _get(client, "api:openapi")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    paths = document["paths"]
    assert "/api/v1/agreements/" in paths
    assert "/api/v1/agreements/{reference_code}/" in paths
    assert "/api/v1/indicators/{id}/values/" in paths or "/api/v1/indicators/{pk}/values/" in paths
    parameters = {p["name"] for p in paths["/api/v1/agreements/"]["get"]["parameters"]}
    assert {"page", "page_size", "family", "region", "year", "q"} <= parameters
    assert document["info"]["license"]["url"].startswith("https://creativecommons.org")


def test_the_root_lists_the_endpoints(client):
    root = _get(client, "api:root").json()
    assert root["endpoints"]["agreements"].endswith(reverse("api:agreement-list"))
    assert root["openapi"].endswith(reverse("api:openapi"))
    assert root["pagination"]["page_size_max"] == 500


def test_a_flood_from_one_address_is_throttled(client, monkeypatch):
    monkeypatch.setattr(ClientThrottle, "rate", "3/minute", raising=False)
    statuses = [_get(client, "api:region-list").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
