"""The search pages: the members' /cari/ and the portal's /publik/cari/."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.agreements.tests.factories import make_agreement
from simpul.search import index

MEMBERS = reverse("search:search")
PUBLIC = reverse("portal:search")


def test_a_member_finds_an_agreement_by_another_word_form_with_the_word_marked(client, cast):
    agreement = make_agreement(
        cast, title="Pengelolaan sampah regional", objectives="Sampah <dikelola> bersama."
    )
    index.rebuild()
    client.force_login(cast.sari)
    response = client.get(MEMBERS, {"q": "kelola sampah"})
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="/kerja-sama/{agreement.pk}/"' in body
    assert "<mark>Pengelolaan</mark>" in body
    assert "&lt;<mark>dikelola</mark>&gt;" in body or "<mark>&lt;dikelola&gt;</mark>" in body


def test_a_visitor_on_the_portal_does_not_find_a_draft(client, cast):
    make_agreement(cast, title="Pengelolaan sampah rahasia")
    index.rebuild()
    response = client.get(PUBLIC, {"q": "sampah"})
    assert response.status_code == 200
    assert "rahasia" not in response.content.decode().lower().replace('placeholder="kelola', "")
    assert response.context["page"].paginator.count == 0


def test_the_portal_finds_a_public_agreement_and_links_its_public_page(client, cast):
    agreement = make_agreement(cast, state="active", title="Pengelolaan sampah terbuka")
    index.rebuild()
    body = client.get(PUBLIC, {"q": "kelola"}).content.decode()
    assert f'href="/publik/kerja-sama/{agreement.reference_code}/"' in body


def test_bad_filters_and_pages_never_give_an_error(client, cast):
    make_agreement(cast, title="Pengelolaan sampah regional")
    index.rebuild()
    client.force_login(cast.sari)
    for query in (
        {"q": "sampah", "kind": "nonsense", "year": "20x4", "region": "abc", "affair": "-1"},
        {"q": "sampah", "page": "-3"},
        {"q": '"NEAR(* -) :& |', "year": "99999"},
        {"q": "a" * 600},
        {"q": "yang dan"},
    ):
        assert client.get(MEMBERS, query).status_code == 200, query
        assert client.get(PUBLIC, query).status_code == 200, query


def test_the_public_search_offers_only_the_kinds_that_can_be_public(client, cast):
    response = client.get(PUBLIC, {"q": "sampah", "kind": "minutes"})
    kinds = dict(response.context["form"].fields["kind"].choices)
    assert set(kinds) == {"", "agreement", "consultation", "knowledge", "idea"}


def test_the_header_search_box_sends_members_and_visitors_to_their_own_search(client, cast):
    assert f'action="{PUBLIC}"' in client.get(reverse("portal:home")).content.decode()
    client.force_login(cast.sari)
    assert f'action="{MEMBERS}"' in client.get(reverse("dashboard:home")).content.decode()


def test_a_results_page_costs_the_same_number_of_queries_for_1_and_20_results(client, cast):
    make_agreement(cast, title="Kerja sama persampahan pertama")
    index.rebuild()
    client.force_login(cast.sari)
    with CaptureQueriesContext(connection) as one:
        client.get(MEMBERS, {"q": "sampah"})
    for i in range(19):
        make_agreement(cast, title=f"Kerja sama persampahan {i}")
    index.rebuild()
    with CaptureQueriesContext(connection) as twenty:
        response = client.get(MEMBERS, {"q": "sampah"})
    assert len(response.context["page"].object_list) == 20
    assert len(twenty) == len(one)


def test_a_word_in_more_documents_than_are_ranked_says_more_than_and_asks_for_another_word(
    client, cast, monkeypatch
):
    monkeypatch.setattr("simpul.search.selectors.CANDIDATES", 3)
    for i in range(5):
        make_agreement(cast, title=f"Kerja sama persampahan {i}")
    make_agreement(cast, title="Kerja sama persampahan terpadu")
    index.rebuild()
    client.force_login(cast.rina)
    client.cookies["django_language"] = "en"
    body = client.get(MEMBERS, {"q": "sampah"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "More than 3 results" in body
    assert body.count('<h2><a href="/kerja-sama/') == 3
    # A narrower query ranks every match again and counts them exactly.
    body = client.get(MEMBERS, {"q": "sampah terpadu"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 result" in body and "More than" not in body
