"""Indonesian text for the search index: words, stems, stop words, queries and snippets.

The same functions produce the indexed terms and the query's terms on both engines, so SQLite
(FTS5) and PostgreSQL (tsvector, `simple` configuration) match exactly the same words: each
engine only ever sees pre-stemmed ASCII terms separated by spaces.

The stemmer is Sastrawi (Nazief-Adriani with a dictionary): on the 50 word pairs in
`tests/test_text.py` it finds 47 (94 %), Snowball Indonesian (PyStemmer and snowballstemmer,
same algorithm) 30 (60 %); docs/architecture.md ("Search") has the figures.
"""

import functools
import html
import re
import unicodedata
from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

# A word is a run of letters and digits; everything else (quotes, *, -, :, &, |, !, (, ), <->,
# NEAR/5, column filters) only separates words, so no engine syntax survives into a query.
WORD = re.compile(r"[a-z0-9]+")

# The longest word kept: longer runs are codes or garbage, and the stemmer is not needed there.
MAX_WORD = 40
# A person's query: more words than this are ignored (a 500-character query stays cheap).
MAX_QUERY_TERMS = 12

# Function words that would match nearly every document (Tala's list, abridged to the words
# that occur in cooperation texts). Removed from indexed text and from queries alike.
_STOP_WORDS = """
    ada adalah agar akan antara antar atas atau bagi bahwa baik bapak beberapa belum berbagai
    bersama besar bila bisa boleh dalam dan dapat dari daripada demikian dengan di dia ialah
    ibu ini itu jika juga kami kamu karena ke kepada ketika kita lagi lain lalu maka masih
    mereka meski misalnya namun nya oleh pada para per perlu pula saat saja sampai sangat
    sebagai sebelum sedang sehingga sejak selama semua seperti serta setelah setiap sudah
    supaya tanpa telah tentang tersebut tetapi untuk waktu yaitu yakni yang
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


@functools.cache
def _stemmer():  # type: ignore[no-untyped-def]  # Sastrawi ships no types
    # The dictionary takes ~0.1 s to load: once per process, on first use.
    stemmer = StemmerFactory().create_stemmer().delegatedStemmer
    # Sastrawi keeps its 30,000 root words in a list and looks each candidate up with `in`
    # (about 4 ms a look-up, a dozen per new word); the same words as a set answer the
    # same `in` in constant time, and stemming a new word drops from ~0.4 s to ~50 µs.
    stemmer.dictionary.words = frozenset(stemmer.dictionary.words)
    return stemmer


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one lower-case ASCII word (cached: text repeats its words a lot)."""
    if len(word) < 4 or word.isdigit():
        return word
    return str(_stemmer().stem(word)) or word


def fold(text: str) -> str:
    """Lower case without diacritics ("Kotabaru" and "kotabaru", "é" and "e" are one word)."""
    if text.isascii():  # nearly always: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return [w for w in WORD.findall(fold(text)) if len(w) <= MAX_WORD]


def terms(text: str) -> str:
    """The indexed form of a text: its stems without stop words, separated by spaces."""
    return " ".join(stem(w) for w in words(text) if w not in STOP_WORDS)


def query_terms(query: str) -> list[str]:
    """What a person typed, as distinct stems to find (all of them, in any order). Engine
    operators are not honoured but never fail: they are separators like any punctuation."""
    found: list[str] = []
    for word in words(query[:500]):
        if word in STOP_WORDS or word in {"and", "or", "not", "near"}:
            continue
        term = stem(word)
        if term not in found:
            found.append(term)
        if len(found) == MAX_QUERY_TERMS:
            break
    return found


SNIPPET_WORDS = 30


def snippet(
    text: str, wanted: Iterable[str], *, size: int = SNIPPET_WORDS, prefix: str = ""
) -> SafeString:
    """A window of `size` words of `text` around the first matching word, HTML-escaped,
    with each word whose stem is wanted (or starts with `prefix`) wrapped in <mark>. Both
    engines use this, so a result reads the same on SQLite and PostgreSQL."""
    wanted = set(wanted)

    def is_hit(token: str) -> bool:
        stems = [stem(w) for w in words(token)]
        return bool(wanted.intersection(stems)) or bool(
            prefix and any(s.startswith(prefix) for s in stems)
        )

    tokens = text.split()
    # Only the window is marked: the words before the first hit are read once, the rest never.
    first_hit = next((i for i, token in enumerate(tokens) if is_hit(token)), None)
    start = max(0, (first_hit or 0) - size // 3)
    end = min(len(tokens), start + size)
    parts = []
    for index in range(start, end):
        escaped = html.escape(tokens[index])
        hit = index == first_hit or (first_hit is not None and is_hit(tokens[index]))
        parts.append(f"<mark>{escaped}</mark>" if hit else escaped)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) else ""
    return mark_safe(prefix + " ".join(parts) + suffix)  # noqa: S308 - every piece escaped above
