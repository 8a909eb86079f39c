"""Typo tolerance: a query that finds nothing is tried again with its unknown words replaced
by the most alike words of the index's vocabulary (simpul.search.typos), on both engines."""

from django.urls import reverse

from simpul.agreements.tests.factories import make_agreement
from simpul.search.selectors import search
from simpul.search.typos import corrected


def test_misspelt_words_still_find_the_agreement_and_the_results_say_which_words(
    cast, agreement, indexed
):
    indexed()
    for typed in ("pengelolan sampha", "sampa kelola", "kelolah smpah"):
        result = search(cast.sari, typed)
        assert [hit.object_id for hit in result.hits] == [agreement.pk], typed
        assert result.corrected == ["kelola", "sampah"] or result.corrected == ["sampah", "kelola"]


def test_words_found_as_typed_are_never_corrected(cast, agreement, indexed):
    indexed()
    assert search(cast.sari, "kelola sampah").corrected == []
    assert corrected(["sampah", "pariwisata"]) is None  # known words: nothing to correct
    assert search(cast.sari, "sampah pariwisata").page.paginator.count == 0


def test_a_word_nothing_resembles_finds_nothing_and_suggests_nothing(cast, agreement, indexed):
    indexed()
    result = search(cast.sari, "xylofon")
    assert result.page.paginator.count == 0 and result.corrected == []


def test_the_public_is_never_shown_a_correction_from_a_document_it_cannot_read(
    cast, agreement, indexed
):
    make_agreement(cast, title="Rahasia pengomposan terpadu")  # a draft: members only
    indexed()
    assert search(cast.sari, "pengomposn").corrected == ["kompos"]
    public = search(None, "pengomposn")
    assert public.page.paginator.count == 0 and public.corrected == []


def test_the_search_page_says_which_words_it_searched_instead(client, cast, agreement, indexed):
    indexed()
    client.force_login(cast.sari)
    body = client.get(reverse("search:search"), {"q": "sampha"}).content.decode()
    assert 'id="search-corrected"' in body and "sampah" in body
    assert f'href="/kerja-sama/{agreement.pk}/"' in body
