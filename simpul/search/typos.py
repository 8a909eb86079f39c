"""Typo tolerance: a query that finds nothing is tried again with each unknown word replaced
by the most alike word of the index's vocabulary (`models.SearchTerm`), so "sampha",
"pengelolan" or "irigsi" still find "sampah", "kelola" and "irigasi".

One engine-neutral way, so both engines correct alike. The candidates are the vocabulary's
words that start with the same letter as the word (or as one of its `forms` without an
affix) and are at most two letters longer or shorter: ranges read on the unique index, one
query for all the words of a query. They are scored by trigram similarity (pg_trgm's
measure: the trigrams two words share, over all their trigrams, each word padded with two
spaces in front and one behind), and the best above SIMILARITY wins. A wrong first letter is
not corrected: it is rare, and the rule keeps the candidates to a letter's share of the
vocabulary (bench/README.md "Search" has the cost at national scale).
"""

from collections.abc import Iterable

from django.db.models import Q
from django.db.models.functions import Length

from .models import SearchTerm

# pg_trgm's default threshold for `%` is 0.3; 0.4 keeps "sampa" from becoming "sama".
SIMILARITY = 0.4
LENGTH_SLACK = 2
MIN_LENGTH = 4  # shorter words are codes, numbers or too short to guess from


def trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


# An unknown word is often an affixed word the stemmer could not take apart because of the
# typo ("pengelolan"): its forms without a prefix (with the nasal's dropped first letter put
# back, as the stemmer does: peng+elola -> kelola) and without a suffix are compared too.
_PREFIXES = [
    ("meny", "s"), ("peny", "s"), ("meng", "k"), ("peng", "k"), ("meng", ""), ("peng", ""),
    ("mem", "p"), ("pem", "p"), ("men", "t"), ("pen", "t"), ("mem", ""), ("pem", ""),
    ("men", ""), ("pen", ""), ("per", ""), ("ber", ""), ("ter", ""), ("di", ""), ("ke", ""),
]  # fmt: skip
_SUFFIXES = ["kan", "an", "nya", "lah", "i"]


def forms(word: str) -> set[str]:
    """The word and its forms without an Indonesian prefix and/or suffix."""
    found = {word}
    for prefix, first in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            found.add(first + word[len(prefix) :])
    found |= {
        form[: -len(suffix)]
        for form in list(found)
        for suffix in _SUFFIXES
        if form.endswith(suffix) and len(form) - len(suffix) >= MIN_LENGTH - 1
    }
    return found


# At most this many words spelt out for a last word typed as a prefix; more ("ke") and the
# engine's own prefix match is cheaper than a long OR.
COMPLETIONS = 12


def completions(prefix: str) -> list[str] | None:
    """The vocabulary's words that begin with `prefix` (it included), shortest first, or
    None when there are more than COMPLETIONS (the caller then matches the prefix itself).
    An empty list: no indexed word begins so, and nothing can be found by it."""
    if not prefix:
        return None
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # words >= "sampah" and < "sampai"
    words = list(
        SearchTerm.objects.filter(word__gte=prefix, word__lt=upper)
        .order_by("word")
        .values_list("word", flat=True)[: COMPLETIONS + 1]
    )
    return words if len(words) <= COMPLETIONS else None


def _known(words: Iterable[str], last_prefix: str) -> set[str]:
    condition = Q(word__in=list(words))
    if last_prefix:  # the last word matches as a prefix ("transport" finds "transportasi")
        condition |= Q(word__startswith=last_prefix)
    found = set(SearchTerm.objects.filter(condition).values_list("word", flat=True)[:1000])
    known = {w for w in words if w in found}
    if last_prefix and any(w.startswith(last_prefix) for w in found):
        known.add(last_prefix)
    return known


def corrected(terms: list[str]) -> list[str] | None:
    """The terms with each unknown one replaced by its best vocabulary match; None when
    nothing could be corrected (every word is known, or none has a match alike enough)."""
    unknown = [t for t in terms if len(t) >= MIN_LENGTH and not t.isdigit()]
    if not unknown:
        return None
    unknown = [t for t in unknown if t not in _known(unknown, terms[-1] if terms else "")]
    if not unknown:
        return None
    variants = {term: forms(term) for term in unknown}
    condition = Q()
    for form in {f for found in variants.values() for f in found}:
        # A range on the unique index: the words of the same first letter and about as long.
        condition |= Q(
            word__gte=form[0],
            word__lt=chr(ord(form[0]) + 1),
            length__gte=len(form) - LENGTH_SLACK,
            length__lte=len(form) + LENGTH_SLACK,
        )
    candidates = list(
        SearchTerm.objects.annotate(length=Length("word"))
        .filter(condition)
        .order_by("word")
        .values_list("word", flat=True)
    )
    replacements = {}
    for term in unknown:
        scored = [
            (max(similarity(form, w) for form in variants[term] if form[0] == w[0]), w)
            for w in candidates
            if any(form[0] == w[0] for form in variants[term])
        ]
        best = max(scored, default=(0.0, ""), key=lambda pair: pair[0])  # first: a-z
        if best[0] >= SIMILARITY:
            replacements[term] = best[1]
    if not replacements:
        return None
    return list(dict.fromkeys(replacements.get(t, t) for t in terms))
