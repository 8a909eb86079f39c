"""The query log and query plans of one calendar and one feed request on a meetings world.

    python bench/explain_meetings.py --database var/w.sqlite3
    python bench/explain_meetings.py --database postgres://…/simpul_mspeed

Run in-process (the Django test client, DEBUG cursor) for `bench.rapat@kemendagri.go.id`
(bench/world_meetings.py): this month's calendar, the personal feed written afresh (cache
cleared) and the feed answered from its cache. For each request it prints every query with its
time, and for the slowest queries the engine's plan (EXPLAIN QUERY PLAN on SQLite, EXPLAIN
ANALYZE on PostgreSQL), so a change to the visibility rule's SQL can be judged by its plan.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _django  # noqa: E402
from bench.world_meetings import PERSON  # noqa: E402


def explain(sql: str) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            return [f"{'  ' * (row[1] > 0)}{row[3]}" for row in cursor.fetchall()]
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF) " + sql)
        return [row[0] for row in cursor.fetchall()]


def profile(name: str, client, path: str, plans: int, before=None) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if before:
        before()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(path)
        total = time.perf_counter() - started
    print(f"\n=== {name}: {response.status_code}, {len(response.content):,} bytes, ", end="")
    print(f"{total * 1000:.1f} ms in all, {len(captured)} queries")
    timed = [(float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries]
    for ms, sql in timed:
        print(f"  {ms:8.1f} ms  {sql[:150]}")
    for ms, sql in sorted(timed, reverse=True)[:plans]:
        if ms < 1 or not sql.lstrip().upper().startswith("SELECT"):
            continue
        print(f"\n  plan of the {ms:.1f} ms query:\n    {sql[:2000]}")
        for line in explain(sql):
            print(f"    | {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="SQLite file or database URL")
    parser.add_argument("--plans", type=int, default=3, help="plans of the N slowest queries")
    args = parser.parse_args(argv)
    _django.setup(_django.database_url(args.database))
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import timezone

    from simpul.accounts.models import User
    from simpul.meetings.models import Meeting

    setup_test_environment()
    user = User.objects.filter(email=PERSON).first()
    if user is None:
        raise SystemExit(f"{PERSON} is not in this world: run bench/world_meetings.py first")
    feed = user.calendar_feeds.get(revoked_at__isnull=True)
    print(f"Meetings: {Meeting.objects.count():,}")
    signed_in = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="id")
    signed_in.force_login(user)
    month = timezone.localdate().strftime("%Y-%m")
    calendar = reverse("meetings:meeting-calendar") + f"?bulan={month}"
    feed_url = reverse("meetings:feed", kwargs={"token": feed.token})
    anonymous = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="id")
    signed_in.get(calendar)  # warm the memberships, templates and caches
    profile("month calendar", signed_in, calendar, args.plans)
    profile("personal feed, written", anonymous, feed_url, args.plans, before=cache.clear)
    profile("personal feed, from the cache", anonymous, feed_url, args.plans)
    return 0


if __name__ == "__main__":
    sys.exit(main())
