"""The Indonesian text pipeline: stems, stop words, what a person types, snippets."""

import pytest

from simpul.search.text import STOP_WORDS, query_terms, snippet, terms

# 50 word pairs of regional cooperation that must find each other. Measured (see
# docs/architecture.md, "Search"): Sastrawi 47/50, Snowball Indonesian (PyStemmer,
# snowballstemmer) 30/50. The three Sastrawi misses are listed in MISSES.
PAIRS = [
    ("pengelolaan", "kelola"),
    ("dikelola", "kelola"),
    ("pengelola", "kelola"),
    ("kerja sama", "bekerja sama"),
    ("pembangunan", "bangun"),
    ("membangun", "bangun"),
    ("perencanaan", "rencana"),
    ("merencanakan", "rencana"),
    ("pelaksanaan", "laksana"),
    ("dilaksanakan", "laksana"),
    ("pengawasan", "awas"),
    ("mengawasi", "awas"),
    ("penyediaan", "sedia"),
    ("persampahan", "sampah"),
    ("pengangkutan", "angkut"),
    ("diangkut", "angkut"),
    ("pelayanan", "layan"),
    ("melayani", "layan"),
    ("kesehatan", "sehat"),
    ("pendidikan", "didik"),
    ("perbatasan", "batas"),
    ("pemerintahan", "perintah"),
    ("kesepakatan", "sepakat"),
    ("disepakati", "sepakat"),
    ("penandatanganan", "tandatangan"),
    ("ditandatangani", "tandatangan"),
    ("pembiayaan", "biaya"),
    ("dibiayai", "biaya"),
    ("penganggaran", "anggar"),
    ("pemantauan", "pantau"),
    ("memantau", "pantau"),
    ("evaluasi", "evaluasi"),
    ("pengembangan", "kembang"),
    ("mengembangkan", "kembang"),
    ("peningkatan", "tingkat"),
    ("meningkatkan", "tingkat"),
    ("penanggulangan", "tanggulang"),
    ("pencegahan", "cegah"),
    ("perlindungan", "lindung"),
    ("penataan", "tata"),
    ("pemberdayaan", "daya"),
    ("perekonomian", "ekonomi"),
    ("pertanian", "tani"),
    ("perhubungan", "hubung"),
    ("pengolahan", "olah"),
    ("diolah", "olah"),
    ("pemukiman", "mukim"),
    ("keterpaduan", "padu"),
    ("pemanfaatan", "manfaat"),
    ("rujukan", "rujuk"),
]

MISSES = {
    ("disepakati", "sepakat"),
    ("penandatanganan", "tandatangan"),
    ("ditandatangani", "tandatangan"),
}


def test_the_fifty_word_pairs_find_each_other_at_least_nine_times_in_ten():
    assert len(PAIRS) == 50
    found = {(a, b) for a, b in PAIRS if terms(a) == terms(b)}
    assert len(found) / len(PAIRS) >= 0.9
    assert set(PAIRS) - found == MISSES


def test_kelola_sampah_and_pengelolaan_sampah_are_the_same_search():
    assert query_terms("kelola sampah") == query_terms("Pengelolaan SAMPAH")
    assert terms("dikelola oleh pengelola") == "kelola kelola"


def test_stop_words_are_neither_indexed_nor_searched():
    assert "yang" in STOP_WORDS
    assert terms("yang dan di untuk") == ""
    assert query_terms("yang dan di untuk") == []


@pytest.mark.parametrize(
    "typed",
    [
        '"kelola sampah"',
        "kelola* -sampah",
        "kelola NEAR sampah",
        "NEAR(kelola sampah, 5)",
        "kelola AND sampah OR NOT air",
        "title_terms : kelola",
        "{tags} : pub kelola",
        "kelola & sampah | !air:* (a) <-> b",
        "kelola:AB & sampah",
    ],
)
def test_engine_operators_typed_by_a_person_are_only_separators(typed):
    assert set(query_terms(typed)) <= {
        "kelola",
        "sampah",
        "air",
        "a",
        "b",
        "tags",
        "pub",
        "title",
        "terms",
        "ab",
        "5",
    }
    assert "kelola" in query_terms(typed)


def test_a_query_keeps_at_most_twelve_distinct_terms_of_its_first_500_characters():
    assert query_terms("sampah " * 100) == ["sampah", "sam"]  # cut at 500 characters
    assert len(query_terms(" ".join(f"kata{i}" for i in range(200)))) == 12
    assert query_terms("x" * 1000) == []  # one word longer than any word kept


def test_a_snippet_escapes_the_text_and_marks_the_words_found():
    html = snippet("Kerja sama <script>alert(1)</script> pengelolaan sampah di Sleman", ["kelola"])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>pengelolaan</mark>" in html


def test_a_snippet_of_a_long_text_is_cut_around_the_first_word_found():
    text = " ".join(["awal"] * 100 + ["pengelolaan"] + ["akhir"] * 100)
    html = snippet(text, ["kelola"])
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>pengelolaan</mark>" in html
