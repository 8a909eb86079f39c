"""Writes to the search index: refresh some documents, rebuild a kind or all of them."""

from collections.abc import Callable, Iterable, Sequence
from itertools import islice

from django.db import transaction

from simpul.regions.models import Region

from . import access, registry
from .models import SearchDocument, SearchTerm
from .text import terms

# The engines cap what one document may hold (PostgreSQL's tsvector: 1 MB); a document's
# first 200,000 characters of words are plenty to be found by.
MAX_TERMS_CHARS = 200_000
BATCH = 1_000


def _parents(region_ids: set[int]) -> dict[int, int]:
    if not region_ids:
        return {}
    return dict(
        Region.objects.filter(pk__in=region_ids, parent__isnull=False).values_list(
            "pk", "parent_id"
        )
    )


def _documents(kind: registry.Kind, ids: Sequence[int]) -> list[SearchDocument]:
    entries = list(kind.build(ids))
    public_urls = kind.public_rule([e.object_id for e in entries]) if kind.public_rule else None
    parents = _parents({r for e in entries for r in e.region_ids})
    documents = []
    for entry in entries:
        public = entry.public if public_urls is None else entry.object_id in public_urls
        public_url = entry.public_url if public_urls is None else public_urls.get(entry.object_id)
        # A region filter finds a province's regencies and cities too.
        regions = set(entry.region_ids) | {parents[r] for r in entry.region_ids if r in parents}
        tags = [f"k{kind.name}"]
        tags += [f"a{a}" for a in sorted(set(entry.affair_ids))]
        tags += [f"g{r}" for r in sorted(regions)]
        tags += [f"y{entry.year}"] if entry.year else []
        tags += ["pub"] if public else []
        tags += [f"o{o}" for o in sorted(set(entry.readers.organization_ids))]
        tags += [f"r{r}" for r in sorted(set(entry.readers.region_ids))]
        tags += [f"u{u}" for u in sorted(set(entry.readers.user_ids))]
        tags += [f"d{o}" for o in sorted(set(entry.readers.direct_organization_ids))]
        tags += [f"m{r}" for r in sorted(set(entry.readers.member_region_ids))]
        tags += [access.MEMBERS] if entry.readers.members else []
        documents.append(
            SearchDocument(
                kind=kind.name,
                object_id=entry.object_id,
                title=entry.title[:500],
                text=entry.text,
                url=entry.url,
                public_url=(public_url or "") if public else "",
                year=entry.year,
                public=public,
                title_terms=terms(entry.title),
                body_terms=terms(entry.text)[:MAX_TERMS_CHARS],
                tags=" ".join(tags),
            )
        )
    return documents


def _remember_words(documents: list[SearchDocument]) -> None:
    """Add the documents' words to the vocabulary typos are corrected against (typos.py)."""
    words = {w for d in documents for w in f"{d.title_terms} {d.body_terms}".split()}
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=w) for w in sorted(words)], batch_size=BATCH, ignore_conflicts=True
    )


def refresh(name: str, ids: Iterable[int]) -> int:
    """Rebuild the documents of these objects (removing those that no longer build)."""
    kind = registry.kind(name)
    ids = sorted(set(ids))
    if kind is None or not ids:
        return 0
    written = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        documents = _documents(kind, chunk)
        with transaction.atomic():
            SearchDocument.objects.filter(kind=name, object_id__in=chunk).delete()
            SearchDocument.objects.bulk_create(documents, batch_size=BATCH)
            _remember_words(documents)
        written += len(documents)
    return written


def rebuild(
    names: Iterable[str] | None = None,
    *,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Index every object of these kinds (all by default) from scratch, in batches."""
    counts: dict[str, int] = {}
    if names is None:  # everything: the vocabulary too, so words no longer used leave it
        SearchTerm.objects.all().delete()
    for kind in registry.kinds():
        if names is not None and kind.name not in set(names):
            continue
        SearchDocument.objects.filter(kind=kind.name).delete()
        ids = iter(kind.all_ids())
        counts[kind.name] = 0
        while chunk := list(islice(ids, BATCH)):
            documents = _documents(kind, chunk)
            SearchDocument.objects.bulk_create(documents, batch_size=BATCH)
            _remember_words(documents)
            counts[kind.name] += len(documents)
            if progress is not None:
                progress(kind.name, counts[kind.name])
    return counts
