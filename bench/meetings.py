"""Measure the meetings calendar and the personal iCal feed against a bare baseline.

    python bench/world_meetings.py               # once: meetings on the bench world
    python bench/meetings.py                     # var/bench.sqlite3
    python bench/meetings.py --database var/w.sqlite3 --rounds 9 --requests 30

Like bench/run.py (whose helpers it reuses), it starts ONE gunicorn server (config.wsgi via
bench.settings, 2 workers, DEBUG off) on a free loopback port and runs interleaved rounds of
sequential requests, each on a fresh connection: the bare `bench-hello` view, this month's
calendar (/rapat/kalender/) and the personal feed (/rapat/kalender-saya/<token>.ics) of
`bench.rapat@kemendagri.go.id`, a member of 20 organisations (world_meetings.py makes that
person). Each page is reported as p50/p95 and as ratios to the bare view in the same run;
in-process on the same database it counts each page's queries and the feed's events. The
bare view is measured twice: anonymously, as in run.py, and with the session cookie (the
goal's baseline: the calendar within 10x of it). Only it and the calendar carry the cookie; a
calendar program fetches the feed without one. Results go to bench/results/meetings.json
(gitignored).
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
from bench.world_meetings import PERSON  # noqa: E402


def pages_and_cookie() -> tuple[list[tuple[str, str]], str]:
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from simpul.accounts.models import User

    user = User.objects.filter(email=PERSON).first()
    if user is None:
        raise SystemExit(f"{PERSON} is not in this world: run bench/world_meetings.py first")
    feed = user.calendar_feeds.filter(revoked_at__isnull=True).first()
    if feed is None:
        raise SystemExit(f"{PERSON} has no calendar feed: run bench/world_meetings.py again")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    month = timezone.localdate().strftime("%Y-%m")
    return [
        ("hello (baseline)", "/bench-hello/"),
        ("hello (signed in)", "/bench-hello/"),
        ("month calendar", reverse("meetings:meeting-calendar") + f"?bulan={month}"),
        ("personal feed", reverse("meetings:feed", kwargs={"token": feed.token})),
    ], cookie


SIGNED_IN = {"hello (signed in)", "month calendar"}
# The goal (issue 12): the calendar and the feed within 10x the signed-in bare view's p95.
SIGNED_IN_BASELINE = "hello (signed in)"


def count_queries(pages: list[tuple[str, str]], cookie: str) -> dict[str, dict]:
    """Queries, status, in-process time and (for the feed) events of each page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, path in pages:
        headers = {"HTTP_HOST": "127.0.0.1", "HTTP_ACCEPT_LANGUAGE": "id"}
        if name in SIGNED_IN:
            headers["HTTP_COOKIE"] = cookie
        client = Client(**headers)
        client.get(path)  # warm caches, as the server's workers are
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            seconds = time.perf_counter() - started
        body = response.content
        counts[name] = {
            "queries": len(captured),
            "status_in_process": response.status_code,
            "ms_in_process": round(seconds * 1000, 1),
            "events": body.count(b"BEGIN:VEVENT") if name == "personal feed" else None,
        }
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", help="SQLite file or database URL (default: var/bench.sqlite3)"
    )
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=20, help="requests per page per round")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--timeout", type=float, default=60, help="seconds per request")
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
        url, **{k: environ[k] for k in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SIMPUL_VAR_DIR")}
    )
    from django.db import connection
    from django.test.utils import setup_test_environment

    from simpul.meetings.models import Attendance, Forum, Invitation, Meeting

    setup_test_environment()
    world = {
        "meetings": Meeting.objects.count(),
        "attendance": Attendance.objects.count(),
        "invitations": Invitation.objects.count(),
        "forums": Forum.objects.count(),
    }
    pages, cookie = pages_and_cookie()
    queries = count_queries(pages, cookie)
    connection.close()
    print(f"Database: {url}")
    print(f"World: {world}")
    samples, statuses, sizes, rounds_done = serve_and_measure(
        args, environ, pages, lambda name: cookie if name in SIGNED_IN else ""
    )

    rows = []
    for name, page in pages:
        row = latency_row(name, page, samples, statuses, sizes, pages[0][0])
        signed = latency_row(name, page, samples, statuses, sizes, SIGNED_IN_BASELINE)
        row["ratio_signed_in_p50"] = signed["ratio_p50"]
        row["ratio_signed_in_p95"] = signed["ratio_p95"]
        rows.append({**row, **queries[name]})
    result = results.record(
        url,
        sqlite=path is not None,
        workers=args.workers,
        rounds=rounds_done,
        requests=args.requests,
        world=world,
        pages=rows,
    )
    out = results.write("meetings.json", result)
    columns = [("page", "<18"), ("p50 ms", ">8.2f"), ("p95 ms", ">8.2f"), ("×p50", ">6.2f")]
    columns += [("×p95", ">6.2f"), ("×p50 si", ">7.2f"), ("×p95 si", ">7.2f")]
    columns += [("queries", ">7"), ("events", ">6"), ("bytes", ">9")]
    print()
    results.table(
        columns,
        (
            (
                row["page"], row["p50_ms"], row["p95_ms"], row["ratio_p50"], row["ratio_p95"],
                row["ratio_signed_in_p50"], row["ratio_signed_in_p95"], row["queries"],
                "" if row["events"] is None else row["events"], row["bytes"],
            )
            for row in rows
        ),
    )  # fmt: skip
    print(
        f"{rounds_done} interleaved rounds × {args.requests} requests per page; × is the ratio "
        "to the anonymous bare hello view, × si to the signed-in one, in the same run."
    )
    print(f"Written to {out}")
    return results.exit_status(rows)


if __name__ == "__main__":
    sys.exit(main())
