"""Measure page latency against a bare baseline, and SQL queries per page.

    python bench/run.py                          # var/bench.sqlite3 (make bench builds it)
    python bench/run.py --rounds 9 --requests 30

Starts ONE gunicorn server (2 workers, DEBUG off) on a free loopback port, then runs
interleaved rounds: each round sends --requests sequential requests to every page, so slow
drift of the machine affects every page alike. The bare `bench-hello` view measured in the
same run is the baseline; each page is reported as p50/p95 and as a ratio to it. Queries per
page are counted in-process with the test client against the same database. Results go to
bench/results/latest.json.

On a world with monitoring (generate_world.py adds it by default), it also measures the
national monitoring overview, one province's overview and an active agreement's results
dashboard, and, in-process before the server starts, each dashboard aggregation written with
the ORM against the same aggregate in raw SQL (bench/aggregates.py), interleaved, reporting
the p50 of each and their ratio. A monitoring page that is missing (no URL, or 404) is
skipped with a note.
"""

import argparse
import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _django, results  # noqa: E402

PAGES = [
    ("hello (baseline)", "/bench-hello/"),
    ("region directory", "/wilayah/"),
    ("directory search", "/wilayah/?q=kota"),
    ("region profile", "/wilayah/34.71/"),
    ("region map GeoJSON", "/wilayah/34.71/peta.geojson"),
]
# Signed-in pages: (name, URL name, query, who). generate_world.py creates these two people:
# a Kemendagri viewer (central oversight: sees all ~20,000 agreements) and the admin of
# Kota Yogyakarta (sees that region's). The agreement page is the first active agreement.
CENTRAL = "bench.pusat@kemendagri.go.id"
REGIONAL = "bench.daerah@jogjakota.go.id"
SIGNED_IN_PAGES = [
    ("register, central", "agreements:agreement-list", "?family=ksdd", CENTRAL),
    ("register, region", "agreements:agreement-list", "?family=ksdd", REGIONAL),
    ("agreement page", "agreements:agreement-detail", "", CENTRAL),
    ("region profile, member", "regions:region-detail", "", REGIONAL),
    ("monitoring, national", "monitoring_overview:overview", "", CENTRAL),
    ("monitoring, province", "monitoring_overview:overview", "?wilayah=34", CENTRAL),
    ("results dashboard", "monitoring:results-dashboard", "", CENTRAL),
    # A thread of THREAD_POSTS posts on the first active agreement (made here if missing):
    # its first and its last page (20 posts each: page 25 of 500).
    ("thread, first page", "discussions:thread-detail", "", CENTRAL),
    ("thread, last page", "discussions:thread-detail", "?page=25", CENTRAL),
]
THREAD_POSTS = 500
THREAD_TITLE = "Bench: a long thread"
# Pages of features that may not exist in this build: skipped with a note when they 404.
OPTIONAL_PAGES = {"monitoring, national", "monitoring, province", "results dashboard"}
# Who requests each page (None: anonymous), filled in by signed_in_pages().
WHO: dict[str, str | None] = {}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str, timeout: float, cookie: str = "") -> tuple[int, int, float]:
    """One request on a fresh connection: (status, body bytes, seconds)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Accept-Language": "id"}
    if cookie:
        headers["Cookie"] = cookie
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return response.status, len(body), time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def latency_row(name, path, samples, statuses, sizes, baseline) -> dict:
    """One page's latency figures and its ratios to the baseline page (the bare view)."""
    base_p50 = percentile(samples[baseline], 0.5)
    base_p95 = percentile(samples[baseline], 0.95)
    p50 = percentile(samples[name], 0.5)
    p95 = percentile(samples[name], 0.95)
    return {
        "page": name,
        "path": path,
        "requests": len(samples[name]),
        "status": sorted(statuses[name]),
        "bytes": sizes.get(name, 0),
        "p50_ms": round(p50 * 1000, 2),
        "p95_ms": round(p95 * 1000, 2),
        "mean_ms": round(statistics.fmean(samples[name]) * 1000, 2),
        "max_ms": round(max(samples[name]) * 1000, 2),
        "ratio_p50": round(p50 / base_p50, 2),
        "ratio_p95": round(p95 / base_p95, 2),
    }


def server_environment(url: str, var_dir: Path) -> dict[str, str]:
    environ = dict(os.environ)
    environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": url,
            "SIMPUL_ENV": "development",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SIMPUL_VAR_DIR": str(var_dir),
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        }
    )
    return environ


def wait_until_ready(process: subprocess.Popen, port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        try:
            status, _, _ = fetch(port, "/bench-hello/", timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within the start-up time")


def serve_and_measure(
    args, environ: dict[str, str], pages: list[tuple[str, str]], cookie_for=lambda name: ""
) -> tuple[dict[str, list[float]], dict[str, set[int]], dict[str, int], int]:
    """Start ONE gunicorn (config.wsgi, `args.workers` workers, DEBUG off) on a free loopback
    port, warm every page on every worker, then run `args.rounds` interleaved rounds of
    `args.requests` sequential requests per page (the order rotates, so no page always runs
    first), stopping early after `args.max_seconds`. Every bench script measures this way;
    `cookie_for(name)` gives the session cookie a page is fetched with ("" for none)."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(args.workers),
        "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
        "--timeout", str(int(args.timeout) + 5),
    ]  # fmt: skip
    print(f"Server: gunicorn, {args.workers} workers, http://127.0.0.1:{port}/ (DEBUG off)")
    samples: dict[str, list[float]] = {name: [] for name, _ in pages}
    statuses: dict[str, set[int]] = {name: set() for name, _ in pages}
    sizes: dict[str, int] = {}
    rounds_done = 0
    process = subprocess.Popen(command, cwd=_django.ROOT, env=environ)  # noqa: S603
    try:
        wait_until_ready(process, port, time.monotonic() + 60)
        # Warm up every page on both workers (templates, caches, connections).
        for _ in range(2 * args.workers):
            for name, page in pages:
                fetch(port, page, args.timeout, cookie_for(name))
        started = time.monotonic()
        for round_index in range(args.rounds):
            shift = round_index % len(pages)
            for name, page in pages[shift:] + pages[:shift]:
                for _ in range(args.requests):
                    status, size, seconds = fetch(port, page, args.timeout, cookie_for(name))
                    samples[name].append(seconds)
                    statuses[name].add(status)
                    sizes[name] = size
            rounds_done += 1
            if time.monotonic() - started > args.max_seconds and rounds_done < args.rounds:
                print(f"Stopping after {rounds_done} rounds: --max-seconds reached")
                break
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return samples, statuses, sizes, rounds_done


def signed_in_pages() -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The signed-in pages that exist in this world, and a session cookie per person.

    Sessions are created in this process (database sessions, the server's SECRET_KEY), so
    the server's workers accept them; the URL names are skipped while they do not exist."""
    from django.conf import settings
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from simpul.accounts.models import User

    pages, cookies = [], {}
    try:
        from simpul.agreements.models import Agreement

        agreement = Agreement.objects.filter(state="active").order_by("pk").first()
    except ImportError:
        agreement = None
    monitored = monitored_agreement()
    has_monitoring = monitored is not None
    for name, url_name, query, email in SIGNED_IN_PAGES:
        user = User.objects.filter(email=email).first()
        if user is None:
            print(f"Skipping {name}: {email} is not in this world (rebuild it)")
            continue
        kwargs = {}
        if url_name.startswith("monitoring") and not has_monitoring:
            # Measuring empty dashboards would flatter them: add the data first.
            print(f"Skipping {name}: no monitoring in this world (run generate_world.py)")
            continue
        if url_name == "agreements:agreement-detail":
            if agreement is None:
                print(f"Skipping {name}: no active agreement in this world")
                continue
            kwargs = {"pk": agreement.pk}
        elif url_name == "regions:region-detail":
            kwargs = {"code": "34.71"}
        elif url_name.startswith("monitoring:"):
            kwargs = {"agreement_pk": monitored}
        elif url_name == "discussions:thread-detail":
            if agreement is None:
                print(f"Skipping {name}: no active agreement in this world")
                continue
            kwargs = {"pk": bench_thread(agreement, user)}
        try:
            path = reverse(url_name, kwargs=kwargs) + query
        except NoReverseMatch:
            print(f"Skipping {name}: {url_name} does not exist yet")
            continue
        if email not in cookies:
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            cookies[email] = (
                f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
            )
        pages.append((name, path))
        WHO[name] = email
    return pages, cookies


def bench_thread(agreement, author) -> int:
    """The long thread's id, made once with THREAD_POSTS posts (one bulk insert, the same
    rendered text in each: the page's cost is in its queries, not in Markdown)."""
    from django.utils import timezone

    from simpul.discussions import markup
    from simpul.discussions.models import Post, Thread

    thread = Thread.objects.filter(title=THREAD_TITLE).first()
    if thread is not None:
        return thread.pk
    now = timezone.now()
    thread = Thread.objects.create(
        agreement=agreement,
        title=THREAD_TITLE,
        created_by=author,
        last_post_at=now,
        post_count=THREAD_POSTS,
    )
    text = "Jadwal **rit pagi** dan rit malam tetap; lihat [jadwal](https://example.go.id)."
    html = markup.render(text)
    Post.objects.bulk_create(
        Post(thread=thread, number=n, author=author, text=text, html=html)
        for n in range(1, THREAD_POSTS + 1)
    )
    return thread.pk


def monitored_agreement() -> int | None:
    """The active agreement with the most reporting periods: a busy results dashboard."""
    try:
        from django.db.models import Count

        from simpul.monitoring.models import ReportingPeriod
    except ImportError:
        return None
    row = (
        ReportingPeriod.objects.filter(agreement__state="active")
        .values("agreement_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "agreement_id")
        .first()
    )
    return row["agreement_id"] if row else None


def drop_missing_pages(queries: dict[str, dict]) -> None:
    """Optional pages that answered 404 (not built yet) are left out of the run."""
    for name, path in list(PAGES):
        if name in OPTIONAL_PAGES and queries[name]["status"] == 404:
            print(f"Skipping {name}: {path} answered 404 (not built yet?)")
            PAGES.remove((name, path))
            del queries[name]


def measure_aggregates(rounds: int, repeat: int) -> list[dict]:
    """ORM vs raw SQL for each dashboard aggregation, interleaved, in this process."""
    from django.db import connection
    from django.utils import timezone

    from bench import aggregates
    from simpul.regions.models import Region

    try:
        from simpul.monitoring.models import Indicator
    except ImportError:
        return []
    if not Indicator.objects.exists():
        print("Skipping the aggregations: no monitoring in this world (generate_world.py adds it)")
        return []
    province = Region.objects.filter(code="34").values_list("pk", flat=True).first()
    measured = aggregates.build(
        province_pk=province, agreement_pk=monitored_agreement(), today=timezone.localdate()
    )
    timings: dict[str, dict[str, list[float]]] = {a.name: {"orm": [], "sql": []} for a in measured}
    agree: dict[str, bool] = {}
    for aggregate in measured:  # warm the page cache and check both give the same numbers
        agree[aggregate.name] = aggregates.same(aggregate.orm(), aggregate.sql())
    for round_index in range(rounds):
        for aggregate in measured:
            ways = [("orm", aggregate.orm), ("sql", aggregate.sql)]
            if round_index % 2:
                ways.reverse()
            for _ in range(repeat):
                for way, function in ways:
                    started = time.perf_counter()
                    function()
                    timings[aggregate.name][way].append(time.perf_counter() - started)
    connection.close()
    rows = []
    for aggregate in measured:
        orm = percentile(timings[aggregate.name]["orm"], 0.5)
        sql = percentile(timings[aggregate.name]["sql"], 0.5)
        rows.append(
            {
                "aggregate": aggregate.name,
                "runs": len(timings[aggregate.name]["orm"]),
                "orm_p50_ms": round(orm * 1000, 2),
                "sql_p50_ms": round(sql * 1000, 2),
                "ratio": round(orm / sql, 2) if sql else None,
                "same_result": agree[aggregate.name],
            }
        )
    return rows


def count_queries(cookies: dict[str, str]) -> dict[str, dict]:
    """Queries (and status) per page, measured in this process on the same database."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    counts = {}
    for name, path in PAGES:
        headers = {"HTTP_HOST": "127.0.0.1", "HTTP_ACCEPT_LANGUAGE": "id"}
        if WHO.get(name):
            headers["HTTP_COOKIE"] = cookies[WHO[name]]
        client = Client(**headers)
        client.get(path)  # warm caches, as the server's workers are
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        counts[name] = {"queries": len(captured), "status": response.status_code}
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", help="SQLite file or database URL (default: var/bench.sqlite3)"
    )
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=20, help="requests per page per round")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--max-seconds", type=float, default=300, help="stop adding rounds after this"
    )
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request")
    parser.add_argument(
        "--aggregate-rounds", type=int, default=7, help="interleaved ORM/SQL rounds"
    )
    parser.add_argument(
        "--aggregate-repeat", type=int, default=3, help="runs of each aggregate per round"
    )
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
    _django.setup(
        url,
        **{k: environ[k] for k in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SIMPUL_VAR_DIR")},
    )
    from django.db import connection

    from simpul.accounts.models import User
    from simpul.organizations.models import Membership, Organization
    from simpul.regions.models import Region

    world = {
        "regions": Region.objects.count(),
        "organizations": Organization.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
    }
    try:
        from simpul.agreements.models import Agreement, AgreementEvent, Party

        world["agreements"] = Agreement.objects.count()
        world["parties"] = Party.objects.count()
        world["agreement_events"] = AgreementEvent.objects.count()
    except ImportError:
        pass
    try:
        from simpul.monitoring.models import DataValue, Indicator, Submission, Target
        from simpul.plans.models import BudgetLine

        world["indicators"] = Indicator.objects.count()
        world["targets"] = Target.objects.count()
        world["submissions"] = Submission.objects.count()
        world["data_values"] = DataValue.objects.count()
        world["budget_lines"] = BudgetLine.objects.count()
    except ImportError:
        pass
    extra, cookies = signed_in_pages()
    PAGES.extend(extra)
    queries = count_queries(cookies)
    drop_missing_pages(queries)
    aggregate_rows = measure_aggregates(args.aggregate_rounds, args.aggregate_repeat)
    connection.close()

    def cookie_for(name: str) -> str:
        return cookies.get(WHO.get(name) or "", "")

    print(f"Database: {url}")
    print(f"World: {world}")
    samples, statuses, sizes, rounds_done = serve_and_measure(args, environ, PAGES, cookie_for)

    pages = [
        {
            **latency_row(name, page, samples, statuses, sizes, PAGES[0][0]),
            "queries": queries[name]["queries"],
            "signed_in_as": WHO.get(name) or "",
        }
        for name, page in PAGES
    ]
    result = results.record(
        url,
        sqlite=path is not None,
        workers=args.workers,
        rounds=rounds_done,
        requests=args.requests,
        world=world,
        pages=pages,
        aggregates=aggregate_rows,
    )
    out = results.write("latest.json", result)
    columns = [("page", "<24"), ("p50 ms", ">8.2f"), ("p95 ms", ">8.2f"), ("×p50", ">6.2f")]
    columns += [("×p95", ">6.2f"), ("queries", ">8"), ("bytes", ">9")]
    print()
    results.table(
        columns,
        (
            (
                row["page"], row["p50_ms"], row["p95_ms"], row["ratio_p50"], row["ratio_p95"],
                row["queries"], row["bytes"],
            )
            for row in pages
        ),
    )  # fmt: skip
    print()
    print(
        f"{rounds_done} interleaved rounds × {args.requests} requests per page; "
        f"ratios are to the bare hello view in the same run."
    )
    if aggregate_rows:
        print()
        results.table(
            [
                ("aggregate (ORM vs raw SQL)", "<34"), ("ORM ms", ">8.2f"), ("SQL ms", ">8.2f"),
                ("ratio", ">6.2f"), (" same", ""),
            ],
            (
                (
                    row["aggregate"], row["orm_p50_ms"], row["sql_p50_ms"], row["ratio"] or 0,
                    " yes" if row["same_result"] else " NO",
                )
                for row in aggregate_rows
            ),
        )  # fmt: skip
        print(
            f"p50 of {aggregate_rows[0]['runs']} runs each, ORM and SQL interleaved, "
            "in-process on the same database."
        )
    print(f"Written to {out}")
    return results.exit_status(pages)


if __name__ == "__main__":
    sys.exit(main())
