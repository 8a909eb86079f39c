"""Measure the search pages against the bare view and against the raw engine query.

    python bench/world_search.py                 # once: the national world of documents
    python bench/search.py                       # var/bench-search.sqlite3
    DATABASE_URL=postgres://…/simpul_bench python bench/search.py --rounds 9

Like bench/run.py (whose `serve_and_measure` it uses), it starts ONE gunicorn server
(config.wsgi via bench.settings, 2 workers, DEBUG off, public-page cache off so every
request searches) on a free loopback port and runs interleaved rounds of sequential
requests, each on a fresh connection: the bare `bench-hello` view, the public search for a
common query, the same narrowed by kind and year, a rare word, and the members' search as a
member of three organisations (reader tags) and as a platform admin (no reader condition).
Each page is reported as p50/p95 and as a ratio to the bare view's p95 in the same run AND to
the p95 of its raw engine query: the count and page statements the view sends (the same
FTS5 MATCH or tsquery, built by simpul.search.selectors), timed in-process on the same
database in the same number of rounds, half before and half after the server's rounds.
Queries per page are counted in-process. Results go to bench/results/search.json
(gitignored).
"""

import argparse
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _django, results  # noqa: E402
from bench.run import (  # noqa: E402
    latency_row,
    percentile,
    serve_and_measure,
    server_environment,
)
from bench.world_search import ADMIN, DEFAULT_DATABASE, PERSON  # noqa: E402

# (name, URL, who: None for the public, else the person's e-mail)
SEARCHES = [
    ("public: kelola sampah", "/publik/cari/", {"q": "kelola sampah"}, None),
    (
        "public: +kind +year",
        "/publik/cari/",
        {"q": "kelola sampah", "kind": "agreement", "year": "2024"},
        None,
    ),
    ("public: rare word", "/publik/cari/", {"q": "subosukawonosraten"}, None),
    ("member: kelola sampah", "/cari/", {"q": "kelola sampah"}, PERSON),
    ("admin: kelola sampah", "/cari/", {"q": "kelola sampah"}, ADMIN),
]


def cookies() -> dict[str, str]:
    from django.conf import settings
    from django.test import Client

    from simpul.accounts.models import User

    found = {}
    for email in (PERSON, ADMIN):
        user = User.objects.filter(email=email).first()
        if user is None:
            raise SystemExit(f"{email} is not in this world: run bench/world_search.py first")
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        found[email] = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    return found


def raw_statements(who: str | None, params: dict[str, str]) -> list[tuple[str, list]]:
    """The statements the page sends to the engine, with parameters: the vocabulary's
    completions of the last word, and the first page with its count (one statement)."""
    from simpul.accounts.models import User
    from simpul.search import access, selectors, typos
    from simpul.search.models import SearchTerm
    from simpul.search.text import query_terms

    user = User.objects.get(email=who) if who else None
    tags = access.reader_tags(user) if user is not None else [access.PUBLIC]
    filters = selectors.Filters(
        kind=params.get("kind", ""), year=int(params["year"]) if "year" in params else None
    )
    words = query_terms(params["q"])
    match = selectors.Match(words, tags, filters.tags(), typos.completions(words[-1]))
    completions = SearchTerm.objects.filter(word__gte=words[-1]).values_list("word")[:13].query
    page_sql, page_params = selectors._sql(match, count=False)  # noqa: SLF001 - the same SQL
    return [completions.sql_with_params(), (page_sql, page_params)]


def time_raw(statements: dict[str, list], rounds: int, requests: int) -> dict[str, list[float]]:
    from django.db import connection

    samples: dict[str, list[float]] = {name: [] for name in statements}
    for _ in range(rounds):
        for name, sql in statements.items():
            for _ in range(requests):
                started = time.perf_counter()
                with connection.cursor() as cursor:
                    for statement, params in sql:
                        cursor.execute(statement, params)
                        cursor.fetchall()
                samples[name].append(time.perf_counter() - started)
    return samples


def count_queries(pages, cookie_of) -> dict[str, dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, path in pages:
        headers = {"HTTP_HOST": "127.0.0.1", "HTTP_ACCEPT_LANGUAGE": "id"}
        if cookie_of(name):
            headers["HTTP_COOKIE"] = cookie_of(name)
        client = Client(**headers)
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        page = response.context["page"] if response.context and "page" in response.context else None
        counts[name] = {
            "queries": len(captured),
            "status_in_process": response.status_code,
            "results": page.paginator.count if page is not None else None,
        }
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", help=f"SQLite file or database URL (default: {DEFAULT_DATABASE})"
    )
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=20, help="requests per page per round")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--timeout", type=float, default=60, help="seconds per request")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.requests < 1:
        parser.error("--rounds and --requests must be positive")

    url = _django.database_url(args.database or str(DEFAULT_DATABASE))
    path = _django.sqlite_path(url)
    if path is not None and not path.exists():
        print(f"{path} does not exist: run bench/world_search.py first", file=sys.stderr)
        return 2
    var_dir = _django.ROOT / "var" / "bench"
    (var_dir / "static").mkdir(parents=True, exist_ok=True)
    environ = server_environment(url, var_dir)
    environ["SIMPUL_PUBLIC_CACHE_SECONDS"] = "0"  # every request searches
    _django.setup(
        url,
        SIMPUL_PUBLIC_CACHE_SECONDS="0",
        **{k: environ[k] for k in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SIMPUL_VAR_DIR")},
    )
    from django.db import connection
    from django.test.utils import setup_test_environment

    from simpul.search.models import SearchDocument

    setup_test_environment()
    documents = SearchDocument.objects.count()
    people = cookies()
    pages = [("hello (baseline)", "/bench-hello/")]
    who = {}
    for name, base, params, person in SEARCHES:
        pages.append((name, f"{base}?{urlencode(params)}"))
        who[name] = person
    cookie_of = lambda name: people[who[name]] if who.get(name) else ""  # noqa: E731
    queries = count_queries(pages, cookie_of)
    statements = {name: raw_statements(person, params) for name, _, params, person in SEARCHES}
    half = max(1, args.rounds // 2)
    raw = time_raw(statements, half, args.requests)
    connection.close()
    print(f"Database: {url}; {documents:,} indexed documents")
    samples, statuses, sizes, rounds_done = serve_and_measure(args, environ, pages, cookie_of)
    for name, extra in time_raw(statements, args.rounds - half or 1, args.requests).items():
        raw[name] += extra

    rows = []
    for name, page in pages:
        row = latency_row(name, page, samples, statuses, sizes, pages[0][0])
        if name in raw:
            raw_p95 = percentile(raw[name], 0.95)
            row["raw_p50_ms"] = round(percentile(raw[name], 0.5) * 1000, 2)
            row["raw_p95_ms"] = round(raw_p95 * 1000, 2)
            row["ratio_to_raw_p95"] = round(percentile(samples[name], 0.95) / raw_p95, 2)
        rows.append({**row, **queries[name]})
    result = results.record(
        url,
        sqlite=path is not None,
        workers=args.workers,
        rounds=rounds_done,
        requests=args.requests,
        documents=documents,
        pages=rows,
    )
    out = results.write("search.json", result)
    columns = [("page", "<22"), ("p50 ms", ">8.2f"), ("p95 ms", ">8.2f"), ("×hello", ">7.2f")]
    columns += [("raw p95", ">8.2f"), ("×raw", ">6.2f"), ("queries", ">7"), ("results", ">8")]
    print()
    results.table(
        columns,
        (
            (
                row["page"], row["p50_ms"], row["p95_ms"], row["ratio_p95"],
                row.get("raw_p95_ms", 0), row.get("ratio_to_raw_p95", 0), row["queries"],
                row["results"] if row["results"] is not None else "",
            )
            for row in rows
        ),
    )  # fmt: skip
    print(
        f"{rounds_done} interleaved rounds × {args.requests} requests per page; ×hello is p95 "
        "to the bare view's p95, ×raw p95 to the raw engine query's p95."
    )
    print(f"Written to {out}")
    return results.exit_status(rows)


if __name__ == "__main__":
    sys.exit(main())
