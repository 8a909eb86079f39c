"""Measure the public portal against a bare baseline, and the API's queries per list page.

    python bench/portal.py                          # var/bench.sqlite3 (make bench builds it)
    python bench/portal.py --database /tmp/world.sqlite3 --cache off

Issue 5's targets at national scale: the portal home, the public register and a public
agreement page at p95 within 2x the bare Django view (the public-page cache allowed), and
API list pages whose query count does not depend on the size of the data.

Like bench/run.py (whose helpers it reuses), it starts ONE gunicorn server (config.wsgi via
bench.settings, 2 workers, DEBUG off) on a free loopback port and runs interleaved rounds of
sequential anonymous requests, each on a fresh connection: the bare `bench-hello` view, the
portal home (/publik/), the public register (/publik/kerja-sama/), the busiest public
agreement's page (the one with the most indicators, then parties) and a region page
(/publik/wilayah/34.71/ by default). `--map` adds the home map's GeoJSON (large: measured,
never a target). `--thematic` adds the thematic map's three layers and the cooperation
network (issue 16) and prints each map payload in kB gzip: the shared base layers the
thematic map colours, each layer's page (its values are in it), against the home map's
GeoJSON, which carries each region's own boundary.

`--cache on` (default) keeps the settings' shared file cache, so anonymous pages are served
from the public-page cache after their first rendering and re-rendered when an entry expires
(SIMPUL_PUBLIC_CACHE_SECONDS, 120 s by default): what a visitor sees. `--cache off` sets
that lifetime to 0, so every request renders the page: the cost of a cache miss. Before the
server starts, the cache generation is bumped so no page of an earlier run is served.

In-process, on the same database, it counts each page's queries on a cache miss, and each
API list endpoint's queries at two data sizes (the whole dataset, and filtered to one
agreement or one province) times two page sizes (10 and 500 rows); a count that differs
between them is flagged. Results go to bench/results/portal.json (gitignored).
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _django, results  # noqa: E402
from bench.run import (  # noqa: E402
    latency_row,
    serve_and_measure,
    server_environment,
)

TARGET_RATIO = 2.0
# Pages whose p95 the issue bounds at TARGET_RATIO x the bare view.
TARGETS = {"portal home", "public register", "agreement page", "region page"}
API_ENDPOINTS = (
    "agreement-list",
    "party-list",
    "indicator-list",
    "indicator-value-list",
    "budget-list",
    "region-list",
)
PAGE_SIZES = (10, 500)


def busiest_public_agreement() -> str | None:
    """The public agreement with the most indicators (then parties): the heaviest page."""
    from django.db.models import Count

    from simpul.publication.selectors import public_agreements

    row = (
        public_agreements()
        .annotate(
            n_indicators=Count("indicators", distinct=True),
            n_parties=Count("parties", distinct=True),
        )
        .order_by("-n_indicators", "-n_parties", "pk")
        .values_list("reference_code", "n_indicators", "n_parties")
        .first()
    )
    if row is None:
        return None
    print(f"Busiest public agreement: {row[0]} ({row[1]} indicators, {row[2]} parties)")
    return row[0]


def thematic_pages() -> list[tuple[str, str]]:
    from django.urls import reverse

    thematic = reverse("portal:thematic-map")
    return [
        ("thematic: agreements", thematic),
        ("thematic: scorecard", thematic + "?layer=scorecard"),
        ("thematic: network", thematic + "?layer=network&family=ksdd"),
        ("network", reverse("portal:network")),
        ("network: DIY", reverse("portal:network") + "?province=34"),
    ]


def payload_sizes() -> list[tuple[str, int, int]]:
    """Each map payload: (name, bytes, bytes gzip), as a visitor's browser fetches them."""
    import gzip

    from django.urls import reverse

    client = _client()
    rows = []
    urls = [
        ("base layer: provinces", reverse("regions:base-layer", kwargs={"level": "provinsi"})),
        (
            "base layer: regencies",
            reverse("regions:base-layer", kwargs={"level": "kabupaten-kota"}),
        ),
        *thematic_pages()[:3],
        ("home map GeoJSON", reverse("portal:map-data")),
    ]
    for name, path in urls:
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        body = response.content
        if response.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        rows.append((name, len(body), len(gzip.compress(body))))
    return rows


def portal_pages(region: str, with_map: bool) -> list[tuple[str, str]]:
    from django.urls import reverse

    pages = [
        ("hello (baseline)", "/bench-hello/"),
        ("portal home", reverse("portal:home")),
        ("public register", reverse("portal:register")),
    ]
    code = busiest_public_agreement()
    if code is None:
        print("Skipping the agreement page: no public agreement in this world")
    else:
        path = reverse("portal:agreement", kwargs={"reference_code": code})
        pages.append(("agreement page", path))
    pages.append(("region page", reverse("portal:region", kwargs={"code": region})))
    if with_map:
        pages.append(("home map GeoJSON", reverse("portal:map-data")))
    return pages


def _client():
    from django.test import Client

    return Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="id")


def count_page_queries(pages: list[tuple[str, str]]) -> dict[str, dict]:
    """Queries and in-process time of each page on a cache miss (anonymous)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from simpul.core import public_cache

    client = _client()
    counts = {}
    for name, path in pages:
        client.get(path)  # warm Python-level caches (templates, stage names)
        public_cache.bump()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            if response.streaming:
                b"".join(response.streaming_content)
            seconds = time.perf_counter() - started
        counts[name] = {
            "queries": len(captured),
            "status": response.status_code,
            "miss_ms_in_process": round(seconds * 1000, 1),
        }
    return counts


def api_query_counts() -> list[dict]:
    """Each API list at two data sizes x two page sizes; the counts should all be equal."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from simpul.portal import opendata
    from simpul.publication.kinds import InfoKind
    from simpul.publication.selectors import agreements_with_public

    one = (
        agreements_with_public(InfoKind.INDICATORS)
        .filter(indicators__isnull=False)
        .values_list("reference_code", flat=True)
        .order_by("pk")
        .first()
    ) or opendata.AGREEMENTS.queryset().values_list("reference_code", flat=True).first()
    small = {
        "agreement-list": {"region": "34"},
        "party-list": {"agreement": one},
        "indicator-list": {"agreement": one},
        "indicator-value-list": {"agreement": one},
        "budget-list": {"agreement": one},
        "region-list": {"province": "34"},
    }
    client = _client()
    rows = []
    for endpoint in API_ENDPOINTS:
        url = reverse(f"api:{endpoint}")
        row = {"endpoint": url, "small_filter": small[endpoint]}
        row.update(queries={}, rows={}, ms={})
        for size_name, params in (("all", {}), ("small", small[endpoint])):
            for page_size in PAGE_SIZES:
                key = f"{size_name}/page_size={page_size}"
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url, {**params, "page_size": page_size})
                    row["ms"][key] = round((time.perf_counter() - started) * 1000, 1)
                if response.status_code != 200:
                    row["queries"][key] = f"HTTP {response.status_code}"
                    continue
                row["queries"][key] = len(captured)
                row["rows"][size_name] = response.json().get("count")
        counts = [n for n in row["queries"].values() if isinstance(n, int)]
        row["constant"] = bool(counts) and len(set(counts)) == 1
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", help="SQLite file or database URL (default: var/bench.sqlite3)"
    )
    parser.add_argument("--cache", choices=("on", "off"), default="on")
    parser.add_argument("--region", default="34.71", help="region code of the region page")
    parser.add_argument("--map", action="store_true", help="also measure the map GeoJSON")
    parser.add_argument(
        "--thematic", action="store_true", help="also the thematic map, network and payloads"
    )
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=20, help="requests per page per round")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.requests < 1:
        parser.error("--rounds and --requests must be positive")

    url = _django.database_url(args.database)
    path = _django.sqlite_path(url)
    if path is not None and not path.exists():
        print(f"{path} does not exist: run bench/generate_world.py first", file=sys.stderr)
        return 2
    var_dir = _django.ROOT / "var" / "bench"
    (var_dir / "static").mkdir(parents=True, exist_ok=True)
    environ = server_environment(url, var_dir)
    if args.cache == "off":
        environ["SIMPUL_PUBLIC_CACHE_SECONDS"] = "0"
    # The API throttle would answer 429 to a benchmark: lift it for the measured server.
    environ["SIMPUL_API_RATE"] = "1000000/minute"
    _django.setup(
        url,
        **{
            k: environ[k]
            for k in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SIMPUL_VAR_DIR", "SIMPUL_API_RATE")
        },
        SIMPUL_PUBLIC_CACHE_SECONDS=environ.get("SIMPUL_PUBLIC_CACHE_SECONDS", "120"),
    )
    from django.db import connection
    from django.test.utils import setup_test_environment

    from simpul.agreements.models import Agreement
    from simpul.core import public_cache
    from simpul.publication.selectors import public_agreements

    setup_test_environment()
    world = {
        "agreements": Agreement.objects.count(),
        "public_agreements": public_agreements().count(),
    }
    try:
        from simpul.monitoring.models import DataValue, Indicator

        world["indicators"] = Indicator.objects.count()
        world["data_values"] = DataValue.objects.count()
    except ImportError:
        pass
    pages = portal_pages(args.region, args.map)
    if args.thematic:
        pages += thematic_pages()
    queries = count_page_queries(pages)
    payloads = payload_sizes() if args.thematic else []
    api = api_query_counts()
    public_cache.bump()  # nothing cached by an earlier run is served
    connection.close()

    print(f"Database: {url}")
    print(f"World: {world}")
    samples, statuses, sizes, rounds_done = serve_and_measure(args, environ, pages)

    rows = []
    for name, page in pages:
        row = latency_row(name, page, samples, statuses, sizes, pages[0][0])
        rows.append(
            {
                **row,
                "queries_on_miss": queries[name]["queries"],
                "miss_ms_in_process": queries[name]["miss_ms_in_process"],
                "target": name in TARGETS,
                "meets_target": (row["ratio_p95"] <= TARGET_RATIO) if name in TARGETS else None,
            }
        )
    result = results.record(
        url,
        sqlite=path is not None,
        workers=args.workers,
        rounds=rounds_done,
        requests=args.requests,
        world=world,
        public_cache=args.cache,
        pages=rows,
        api_queries=api,
        payloads=[{"name": n, "bytes": b, "gzip_bytes": g} for n, b, g in payloads],
    )
    out = results.write(f"portal-cache-{args.cache}.json", result)
    columns = [("page", "<22"), ("p50 ms", ">8.2f"), ("p95 ms", ">8.2f"), ("×p50", ">6.2f")]
    columns += [("×p95", ">6.2f"), ("q(miss)", ">7"), ("miss ms", ">8.1f"), ("bytes", ">9")]
    columns += [(" target", "")]  # two spaces before it, as before
    print()
    print(f"Public-page cache: {args.cache}")
    results.table(
        columns,
        (
            (
                row["page"], row["p50_ms"], row["p95_ms"], row["ratio_p50"], row["ratio_p95"],
                row["queries_on_miss"], row["miss_ms_in_process"], row["bytes"],
                " " + ("" if row["meets_target"] is None else
                       ("ok" if row["meets_target"] else "MISS")),
            )
            for row in rows
        ),
    )  # fmt: skip
    print(
        f"{rounds_done} interleaved rounds × {args.requests} requests per page; ratios are to "
        f"the bare hello view in the same run; target p95 ≤ {TARGET_RATIO:g}× for "
        f"{', '.join(sorted(TARGETS))}."
    )
    print()
    print(f"{'API list (queries)':<28} " + " ".join(f"{k:>22}" for k in api[0]["queries"]))
    for row in api:
        cells = " ".join(f"{str(v):>22}" for v in row["queries"].values())
        flag = "" if row["constant"] else "  NOT CONSTANT"
        print(f"{row['endpoint']:<28} {cells}{flag}")
    print(f"{'API list (ms, in-process)':<28} " + " ".join(f"{k:>22}" for k in api[0]["ms"]))
    for row in api:
        print(f"{row['endpoint']:<28} " + " ".join(f"{v:>22}" for v in row["ms"].values()))
    print("rows: " + "; ".join(f"{r['endpoint']} {r['rows']}" for r in api))
    if payloads:
        print()
        results.table(
            [("map payload", "<24"), ("kB", ">9.1f"), ("kB gzip", ">9.1f")],
            ((name, size / 1000, packed / 1000) for name, size, packed in payloads),
        )
    print(f"Written to {out}")
    return results.exit_status(rows)


if __name__ == "__main__":
    sys.exit(main())
