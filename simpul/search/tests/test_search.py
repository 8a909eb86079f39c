"""Searching the index: stems, ranking, snippets, filters, pages and bad input, on both
engines (the same stems go into FTS5 and into PostgreSQL's tsvector)."""

from simpul.agreements.models import GovernmentAffair
from simpul.agreements.tests.factories import make_agreement
from simpul.search.models import SearchTerm
from simpul.search.selectors import Filters, search


def titles(result):
    return [str(hit.title).replace("<mark>", "").replace("</mark>", "") for hit in result.hits]


def test_kelola_sampah_finds_an_agreement_about_pengelolaan_sampah(cast, agreement, indexed):
    indexed()
    result = search(cast.sari, "kelola sampah")
    assert titles(result) == [agreement.title]
    assert result.hits[0].url == f"/kerja-sama/{agreement.pk}/"


def test_the_snippet_is_escaped_and_marks_the_words_found(cast, agreement, indexed):
    indexed()
    hit = search(cast.sari, "olah terpadu").hits[0]
    assert "&lt;b&gt;<mark>terpadu</mark>&lt;/b&gt;." in hit.snippet or "<mark>" in hit.snippet
    assert "<b>" not in hit.snippet
    assert "<mark>pengolahan</mark>" in hit.snippet


def test_every_word_must_be_found(cast, agreement, indexed):
    indexed()
    assert search(cast.sari, "sampah pariwisata").page.paginator.count == 0


def test_a_title_match_ranks_above_a_text_match(cast, indexed):
    in_text = make_agreement(cast, title="Kerja sama air minum", objectives="Termasuk pariwisata.")
    in_title = make_agreement(cast, title="Kerja sama pariwisata", objectives="Wisata bersama.")
    indexed()
    assert [h.object_id for h in search(cast.sari, "pariwisata").hits] == [in_title.pk, in_text.pk]


TYPED = [
    "x",
    "a" * 500,
    "kelola " * 80,
    "yang dan di",
    '"',
    '"kelola',
    "*",
    "-",
    "NEAR",
    "NEAR(kelola sampah, 2)",
    "kelola AND OR NOT",
    "{title_terms}: kelola",
    "tags : pub",
    "&|!:*()<->",
    "kelola:* & !sampah | (a <-> b)",
    "'); DROP TABLE search_searchdocument; --",
    "\x00\ufeff",
]


def test_queries_people_type_never_fail(cast, agreement, indexed):
    indexed()
    for typed in TYPED:
        result = search(cast.sari, typed)
        assert result.page is None or result.page.paginator.count >= 0, typed
    assert search(cast.sari, "(kelola:* & !sampah) <->").hits[0].object_id == agreement.pk


def test_a_query_of_only_stop_words_looks_for_nothing(cast, agreement, indexed):
    indexed()
    result = search(cast.sari, "yang dan untuk")
    assert result.page is None and result.hits == []


def test_results_filter_by_kind_year_region_and_affair(cast, indexed):
    affair = GovernmentAffair.objects.order_by("pk").first()
    in_sleman = make_agreement(
        cast,
        title="Sampah Sleman",
        parties=[cast.pemkab_sleman, cast.pemkot_yogyakarta],
        start_date="2024-03-01",
    )
    in_sleman.affairs.add(affair)
    make_agreement(
        cast,
        title="Sampah Semarang",
        parties=[cast.pemkot_semarang, cast.pemkot_yogyakarta],
        start_date="2025-03-01",
    )
    indexed()
    found = lambda filters: titles(search(cast.rina, "sampah", filters))  # noqa: E731
    assert found(Filters(year=2024)) == ["Sampah Sleman"]
    assert found(Filters(region=cast.jateng.pk)) == ["Sampah Semarang"]
    # A province finds its regencies' documents.
    assert "Sampah Sleman" in found(Filters(region=cast.diy.pk))
    assert found(Filters(affair=affair.pk)) == ["Sampah Sleman"]
    assert found(Filters(kind="plan")) == []
    assert len(found(Filters(kind="agreement"))) == 2


def test_results_come_in_pages_of_twenty(cast, indexed):
    for i in range(23):
        make_agreement(cast, title=f"Kerja sama persampahan {i}")
    indexed()
    first = search(cast.rina, "sampah")
    second = search(cast.rina, "sampah", page=2)
    assert first.page.paginator.count == 23
    assert len(first.hits) == 20 and len(second.hits) == 3
    assert not {h.object_id for h in first.hits} & {h.object_id for h in second.hits}
    # A page that does not exist is the last one, never an error.
    assert search(cast.rina, "sampah", page="999").page.number == 2
    assert search(cast.rina, "sampah", page="x").page.number == 1


def test_a_page_of_results_costs_three_queries_however_many_it_shows(
    cast, indexed, django_assert_num_queries
):
    for i in range(21):
        make_agreement(
            cast,
            title=f"Kerja sama persampahan {i}",
            parties=[cast.pemkot_yogyakarta, cast.pemkab_sleman],
        )
    indexed()
    for page in (1, 2):
        user = type(cast.sari).objects.get(pk=cast.sari.pk)
        # the count, the page's rows, and the reader's memberships
        with django_assert_num_queries(3):
            assert search(user, "sampah", page=page).hits


def test_the_last_word_typed_finds_the_longer_words_it_begins(cast, indexed):
    agreement = make_agreement(cast, title="Kerja sama transportasi antarkota")
    indexed()
    assert [h.object_id for h in search(cast.sari, "kerja transport").hits] == [agreement.pk]
    # Spelt out from the vocabulary or, with none (words indexed before it), the engine's
    # own prefix match: the same documents.
    SearchTerm.objects.all().delete()
    assert [h.object_id for h in search(cast.sari, "kerja transport").hits] == [agreement.pk]
    assert search(cast.sari, "transport kerja").page.paginator.count == 0  # only the last
