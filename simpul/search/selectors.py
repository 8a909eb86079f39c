"""Reads of the search index: a person's query, filtered by what they may see.

One engine query per page of results and one count, whatever the page shows: the query's
stems, the reader's tags and the filters are a single full-text match (FTS5 `MATCH` on
SQLite, `@@` on PostgreSQL's GIN-indexed tsvector), ranked by the engine (bm25 / ts_rank,
the title weighing more than the text) and then by newest document.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from simpul.accounts.access import AnyUser

from . import access, registry, typos
from .text import query_terms, snippet

PER_PAGE = 20


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    affair: int | None = None
    region: int | None = None
    year: int | None = None

    def tags(self) -> list[str]:
        tags = []
        if self.kind:
            tags.append(f"k{self.kind}")
        if self.affair:
            tags.append(f"a{self.affair}")
        if self.region:
            tags.append(f"g{self.region}")
        if self.year:
            tags.append(f"y{self.year}")
        return tags


@dataclass
class Hit:
    kind: str
    kind_label: str
    object_id: int
    title: SafeString
    snippet: SafeString
    url: str
    year: int | None


@dataclass
class Match:
    """The engine-neutral match: every term, one of the readers' tags, every filter tag."""

    terms: list[str]
    readers: list[str] | None
    filters: list[str] = field(default_factory=list)
    # The vocabulary's words the last term begins (typos.completions); None: too many or not
    # looked up, so the engine's own prefix match is used.
    completions: list[str] | None = None

    def _fts5_terms(self) -> list[str]:
        # The last word also matches as a prefix, as people type ("transport" finds
        # "transportasi", as the old substring search did): spelt out as the words it begins
        # when the vocabulary has few, since an engine's prefix match reads every document
        # of every such word before the first result (3× the time at 1 M documents).
        quoted = [f'"{t}"' for t in self.terms]
        if self.completions:
            return [*quoted[:-1], "(" + " OR ".join(f'"{t}"' for t in self.completions) + ")"]
        return [*quoted[:-1], quoted[-1] + "*"]

    def fts5(self) -> str:
        # Terms and tags are [a-z0-9]+ by construction (simpul.search.text.WORD), so quoting
        # them is all the escaping FTS5 needs; a person's operators never get here.
        parts = ["{title_terms body_terms} : (" + " AND ".join(self._fts5_terms()) + ")"]
        if self.readers is not None:
            parts.append("tags : (" + " OR ".join(f'"{t}"' for t in self.readers) + ")")
        parts += [f'tags : "{t}"' for t in self.filters]
        return " AND ".join(parts)

    def _ts_terms(self) -> list[str]:
        last = f"{self.terms[-1]}:*AB"
        if self.completions:
            last = "(" + " | ".join(f"{t}:AB" for t in self.completions) + ")"
        return [*(f"{t}:AB" for t in self.terms[:-1]), last]

    def rank_tsquery(self) -> str:
        # Ranked on the words only: the tags carry weight 0 but would still change how
        # ts_rank combines an AND query.
        return " | ".join(self._ts_terms())

    def tsquery(self) -> str:
        parts = self._ts_terms()
        if self.readers is not None:
            parts.append("(" + " | ".join(f"{t}:D" for t in self.readers) + ")")
        parts += [f"{t}:D" for t in self.filters]
        return " & ".join(parts)


# A query matching more documents than this ranks the first CANDIDATES the engine finds (in
# its index's order) and says "more than 5,000": ranking every match of a common word read
# every matching document (4.3 s on PostgreSQL at 1 M documents, bench/README.md "Search").
# Narrower queries, the usual case, rank all their matches.
CANDIDATES = 5000

# The statements are constants: only %s parameters vary (the match is a parameter too). A
# page is ONE statement: the candidates are read once (MATERIALIZED), counted and ranked, so
# the engine matches the words once per page, not once for the count and again for the rows.
PG_COUNT = (
    "SELECT count(*) FROM (SELECT 1 FROM search_searchdocument d "
    "WHERE d.terms @@ to_tsquery('simple', %s) LIMIT %s) c"
)
PG_PAGE = (
    "WITH m AS MATERIALIZED (SELECT id, terms FROM search_searchdocument "
    "WHERE terms @@ to_tsquery('simple', %s) LIMIT %s), "
    "r AS (SELECT id, ts_rank('{0, 0, 0.4, 1}', terms, to_tsquery('simple', %s)) AS score "
    "FROM m ORDER BY score DESC, id DESC LIMIT %s OFFSET %s) "
    "SELECT d.id, d.kind, d.object_id, d.title, d.text, d.url, d.public_url, d.year, d.tags, "
    "(SELECT count(*) FROM m) FROM r JOIN search_searchdocument d ON d.id = r.id "
    "ORDER BY r.score DESC, d.id DESC"
)
SQLITE_COUNT = (
    "SELECT count(*) FROM (SELECT 1 FROM search_document_fts "
    "WHERE search_document_fts MATCH %s LIMIT %s)"
)
SQLITE_PAGE = (
    "WITH m AS MATERIALIZED (SELECT rowid AS id, bm25(search_document_fts, 4.0, 1.0, 0.0) "
    "AS score FROM search_document_fts WHERE search_document_fts MATCH %s LIMIT %s), "
    "r AS (SELECT id, score FROM m ORDER BY score, id DESC LIMIT %s OFFSET %s) "
    "SELECT d.id, d.kind, d.object_id, d.title, d.text, d.url, d.public_url, d.year, d.tags, "
    "(SELECT count(*) FROM m) FROM r JOIN search_searchdocument d ON d.id = r.id "
    "ORDER BY r.score, d.id DESC"
)


def _sql(
    match: Match, *, count: bool, limit: int = PER_PAGE, offset: int = 0
) -> tuple[str, list[str | int]]:
    """The count statement, or the page statement (its rows carry the count too)."""
    if connection.vendor == "postgresql":
        query = match.tsquery()
        if count:
            return PG_COUNT, [query, CANDIDATES]
        return PG_PAGE, [query, CANDIDATES, match.rank_tsquery(), limit, offset]
    if count:
        return SQLITE_COUNT, [match.fts5(), CANDIDATES]
    return SQLITE_PAGE, [match.fts5(), CANDIDATES, limit, offset]


class _Results(Sequence[Hit]):
    """What the Paginator pages through: counted once, each page fetched by the engine."""

    def __init__(
        self,
        match: Match,
        reader_tags: list[str] | None,
        public_only: bool,
        expected: slice = slice(0, PER_PAGE),
    ):
        self.match = match
        self.reader_tags = set(reader_tags) if reader_tags is not None else None
        self.public_only = public_only
        self._count: int | None = None
        # The page the person asked for: the Paginator counts first, so the count is read
        # with that page's rows in one statement and the rows are kept for the slice.
        self._expected = expected
        self._rows: dict[tuple[int, int], list[Sequence[object]]] = {}

    def _fetch(self, start: int, stop: int) -> list[Sequence[object]]:
        expected = (self._expected.start, self._expected.stop)
        if start == expected[0] and stop <= expected[1] and expected in self._rows:
            return self._rows[expected][: stop - start]  # the last page, cut at the count
        if (start, stop) not in self._rows:
            sql, params = _sql(self.match, count=False, limit=stop - start, offset=start)
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            self._rows[(start, stop)] = rows
            if rows:
                self._count = int(rows[0][-1])  # type: ignore[call-overload]
        return self._rows[(start, stop)]

    def count(self) -> int:  # type: ignore[override]  # Paginator asks for count()
        if self._count is None:
            self._fetch(self._expected.start, self._expected.stop)
        if self._count is None:  # no rows on that page: count alone
            sql, params = _sql(self.match, count=True)
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                self._count = int(cursor.fetchone()[0])
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        return [self._hit(row) for row in self._fetch(start, stop)]

    def _hit(self, row: Sequence[object]) -> Hit:
        _pk, kind, object_id, title, text, url, public_url, year, tags, _count = row
        # A member reaches what they read through the internal page; what they see only
        # because it is public, through the portal (the internal page would be a 404).
        readable = not self.public_only and (
            self.reader_tags is None
            or bool(self.reader_tags & (set(str(tags).split()) - {access.PUBLIC}))
        )
        found = registry.kind(str(kind))
        return Hit(
            kind=str(kind),
            kind_label=str(found.label) if found else str(kind),
            object_id=int(object_id),  # type: ignore[call-overload]
            title=snippet(str(title), self.match.terms, size=60, prefix=self.match.terms[-1]),
            snippet=snippet(str(text), self.match.terms, prefix=self.match.terms[-1]),
            url=str(url) if readable else str(public_url),
            year=year,  # type: ignore[arg-type]
        )


@dataclass
class Search:
    query: str
    terms: list[str]
    page: Page | None
    # The words searched instead when the query's own found nothing (typos.corrected): the
    # page says "showing results for …". Only set when those words found something.
    corrected: list[str] = field(default_factory=list)

    @property
    def hits(self) -> list[Hit]:
        return list(self.page.object_list) if self.page is not None else []

    @property
    def capped(self) -> bool:
        """More documents match than are ranked (CANDIDATES): the page says "more than"."""
        return self.page is not None and self.page.paginator.count >= CANDIDATES

    @property
    def candidates(self) -> int:
        return CANDIDATES


def search(
    user: AnyUser | None,
    query: str,
    filters: Filters = Filters(),  # noqa: B008 - frozen, never mutated
    *,
    page: int | str | None = 1,
    per_page: int = PER_PAGE,
) -> Search:
    """Results for `query` that `user` may see (user=None: the public, public items only).
    Nothing to look for (empty, only stop words or punctuation) gives no page at all."""
    terms = query_terms(query)
    if not terms:
        return Search(query, terms, None)
    tags = access.reader_tags(user) if user is not None else [access.PUBLIC]
    asked = str(page or 1)
    number = int(asked) if asked.isdigit() and 0 < int(asked) < 100_000 else 1
    expected = slice((number - 1) * per_page, number * per_page)

    def results(words: list[str]) -> Page:
        match = Match(words, tags, filters.tags(), typos.completions(words[-1]))
        found = _Results(match, tags, public_only=user is None, expected=expected)
        return Paginator(found, per_page).get_page(page)

    found = results(terms)
    # A correction is shown only with what this reader may see, so a word of a document they
    # cannot read is never suggested to them.
    if (
        found.paginator.count == 0
        and (better := typos.corrected(terms))
        and (again := results(better)).paginator.count
    ):
        return Search(query, better, again, corrected=better)
    return Search(query, terms, found)


PG_IDS = "SELECT d.object_id FROM search_searchdocument d WHERE d.terms @@ to_tsquery('simple', %s)"
SQLITE_IDS = (
    "SELECT d.object_id FROM search_document_fts "
    "JOIN search_searchdocument d ON d.id = search_document_fts.rowid "
    "WHERE search_document_fts MATCH %s"
)


def matching_ids(kind: str, query: str, *, public: bool = False) -> RawSQL | None:
    """For a list that keeps its own access, filters and order (the register, the portal's
    register): the ids of this kind's objects whose documents match `query`, as a subquery
    for `pk__in`; None when the query has no words to look for. With `public`, the words
    must be in the title (a public agreement's title is public) or the document be public."""
    terms = query_terms(query)
    if not terms:
        return None
    match = Match(terms, None, [f"k{kind}"])
    if connection.vendor == "postgresql":
        condition = match.tsquery()
        if public:
            title = " & ".join(t.replace("AB", "A") for t in match._ts_terms())
            anywhere = " & ".join(match._ts_terms())
            condition = f"(({title}) | ({anywhere} & pub:D)) & k{kind}:D"
        return RawSQL(PG_IDS, [condition])  # noqa: S611 - constant SQL, the match a parameter
    condition = match.fts5()
    if public:
        words = " AND ".join(match._fts5_terms())
        condition = (
            f"({{title_terms}} : ({words}) OR ({{title_terms body_terms}} : ({words}) "
            f'AND tags : "pub")) AND tags : "k{kind}"'
        )
    return RawSQL(SQLITE_IDS, [condition])  # noqa: S611


def visible_ids(user: AnyUser, kind: str) -> set[int]:
    """The ids of one kind's documents this person reaches as a reader (public ones aside):
    what the tests compare with each kind's access function."""
    from .models import SearchDocument

    tags = access.reader_tags(user, with_public=False)
    documents = SearchDocument.objects.filter(kind=kind)
    ids = set()
    for object_id, document_tags in documents.values_list("object_id", "tags"):
        if tags is None or set(tags) & set(document_tags.split()):
            ids.add(object_id)
    return ids
