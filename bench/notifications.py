"""Measure the notification centre for one person in a national world of notifications.

    python bench/notifications.py --rows 1000000          # var/bench-notifications.sqlite3
    DATABASE_URL=postgres://…/simpul_bench_notify python bench/notifications.py

Its own database (migrated here). The first run builds the world with one INSERT … SELECT
per batch (a recursive CTE on SQLite, generate_series on PostgreSQL): `--rows`
notifications (default 10,000,000) spread over `--users` people (default 50,000), about a
third unread, plus the measured person's own 5,000 (1,500 unread) on top. A later run with
the same or fewer rows reuses the world; `--replace` builds it again.

Then, like bench/run.py (whose `serve_and_measure` it uses), ONE gunicorn server and
interleaved rounds of sequential requests, all signed in as the person: the bare
`bench-hello` view (the baseline, with the same session), the header's unread count
`/notifikasi/jumlah.json`, the list `/notifikasi/` (unread first) and `?order=newest`.
p50/p95 per page and the ratio to the bare view's p95 in the same run; queries per page
counted in-process. Results go to bench/results/notifications.json (gitignored).
"""

import argparse
import os
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

DEFAULT_DATABASE = _django.ROOT / "var" / "bench-notifications.sqlite3"
PERSON = "bench.notifikasi@pemda.go.id"
PERSON_ROWS, PERSON_UNREAD = 5_000, 1_500
BATCH = 500_000
PAGES = [
    ("hello (signed in)", "/bench-hello/"),
    ("unread count JSON", "/notifikasi/jumlah.json"),
    ("list, unread first", "/notifikasi/"),
    ("list, newest first", "/notifikasi/?order=newest"),
]


def people(count: int) -> tuple[int, int, int]:
    """The measured person and `count` others; returns (person id, first id, last id)."""
    from django.db import connection, transaction

    from simpul.accounts.models import User

    person = User.objects.filter(email=PERSON).first() or User.objects.create_user(
        email=PERSON, password=None, full_name="Bench Notifikasi"
    )
    have = User.objects.filter(email__startswith="bench.orang.").count()
    if have < count:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO accounts_user (password, is_superuser, email, full_name, position, "
                "phone, preferred_language, is_active, is_staff, date_joined) "
                "VALUES ('!', %s, %s, %s, '', '', '', %s, %s, CURRENT_TIMESTAMP)",
                [
                    (False, f"bench.orang.{n}@pemda.go.id", f"Orang {n}", True, False)
                    for n in range(have, count)
                ],
            )
    ids = User.objects.filter(email__startswith="bench.orang.").values_list("pk", flat=True)
    return person.pk, min(ids), max(ids)


COLUMNS = (
    'created_at, updated_at, recipient_id, kind, key, title, body, url, subject, "group", '
    "group_label, channel, read_at"
)


def insert_batch(start: int, stop: int, recipient: str, unread: str) -> None:
    """Rows start..stop-1 (i) in one statement; `recipient` and `unread` are SQL of i (with
    "%%" for a modulo: the statement has parameters)."""
    from django.db import connection

    values = (
        f"{{ago}}, {{ago}}, {recipient}, 'meetings.invitation', 'bench:' || i, "
        "'Undangan rapat koordinasi ' || i, '', '/rapat/' || (i %% 5000) || '/', "
        "'meeting:' || (i %% 5000), 'agreement:' || (i %% 2000), "
        "'KSD-' || (i %% 2000) || ' Kerja sama persampahan', 'app', "
        f"CASE WHEN {unread} THEN NULL ELSE {{ago}} END"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            ago = "now() - i * interval '7 seconds'"
            cursor.execute(
                f"INSERT INTO notifications_notification ({COLUMNS}) "  # noqa: S608 - constants
                f"SELECT {values.format(ago=ago)} FROM generate_series(%s, %s) AS g(i)",
                [start, stop - 1],
            )
        else:
            ago = "datetime('now', '-' || (i * 7) || ' seconds')"
            cursor.execute(
                "WITH RECURSIVE n(i) AS (SELECT %s UNION ALL SELECT i + 1 FROM n WHERE i < %s) "
                f"INSERT INTO notifications_notification ({COLUMNS}) "  # noqa: S608 - constants
                f"SELECT {values.format(ago=ago)} FROM n",
                [start, stop - 1],
            )


def build(rows: int, users: int) -> None:
    from django.db import connection, transaction

    from simpul.notifications.models import Notification

    started = time.monotonic()
    person, first, last = people(users)
    span = last - first + 1
    done = 0
    while done < rows:
        stop = min(rows, done + BATCH)
        with transaction.atomic():
            insert_batch(done, stop, f"{first} + (i %% {span})", "i %% 3 = 0")
        done = stop
        print(f"  {done:,} rows ({time.monotonic() - started:.0f} s)", flush=True)
    # The person's own: offset keys so they never collide with the others'.
    with transaction.atomic():
        insert_batch(
            rows + 1, rows + 1 + PERSON_ROWS, str(person), f"i < {rows + 1 + PERSON_UNREAD}"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    total = Notification.objects.count()
    print(f"World: {total:,} notifications in {time.monotonic() - started:.0f} s")


def count_queries(cookie: str) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_COOKIE=cookie)
    counts = {}
    for name, path in PAGES:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        counts[name] = len(captured)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", help=f"SQLite file or database URL (default: {DEFAULT_DATABASE})"
    )
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--users", type=int, default=50_000)
    parser.add_argument("--replace", action="store_true", help="build the world again")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=20, help="requests per page per round")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=600)
    parser.add_argument("--timeout", type=float, default=60, help="seconds per request")
    args = parser.parse_args(argv)
    if min(args.rows, args.users, args.rounds, args.requests) < 1:
        parser.error("--rows, --users, --rounds and --requests must be positive")

    url = _django.database_url(
        args.database or os.environ.get("DATABASE_URL") or str(DEFAULT_DATABASE)
    )
    path = _django.sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    var_dir = _django.ROOT / "var" / "bench"
    (var_dir / "static").mkdir(parents=True, exist_ok=True)
    environ = server_environment(url, var_dir)
    _django.setup(
        url, **{k: environ[k] for k in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SIMPUL_VAR_DIR")}
    )
    from django.conf import settings

    if settings.PRODUCTION:
        print("Refusing to build a benchmark world with SIMPUL_ENV=production.", file=sys.stderr)
        return 2
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from simpul.accounts.models import User
    from simpul.notifications.models import Notification

    call_command("migrate", verbosity=0, interactive=False)
    if args.replace:  # one statement: the ORM would load every row to send its signals
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM notifications_notification")
    if not Notification.objects.exists():
        print(
            f"Building the world: {args.rows:,} notifications for {args.users:,} people",
            flush=True,
        )
        build(args.rows, args.users)
    rows = Notification.objects.count()
    person = User.objects.get(email=PERSON)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(person)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    queries = count_queries(cookie)
    connection.close()
    print(f"Database: {url}; {rows:,} notifications")
    samples, statuses, sizes, rounds_done = serve_and_measure(
        args, environ, PAGES, lambda name: cookie
    )
    table = [
        {**latency_row(name, page, samples, statuses, sizes, PAGES[0][0]), "queries": queries[name]}
        for name, page in PAGES
    ]
    result = results.record(
        url,
        sqlite=path is not None,
        workers=args.workers,
        rounds=rounds_done,
        requests=args.requests,
        notifications=rows,
        pages=table,
    )
    out = results.write("notifications.json", result)
    print()
    results.table(
        [("page", "<22"), ("p50 ms", ">8.2f"), ("p95 ms", ">8.2f"), ("×hello p95", ">10.2f")]
        + [("queries", ">7")],
        [
            (row["page"], row["p50_ms"], row["p95_ms"], row["ratio_p95"], row["queries"])
            for row in table
        ],
    )
    print(f"{rounds_done} interleaved rounds × {args.requests} requests per page.")
    print(f"Written to {out}")
    return results.exit_status(table)


if __name__ == "__main__":
    sys.exit(main())
