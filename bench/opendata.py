"""Throughput and memory of the open-data CSV export of agreements, against a plain dump.

    python bench/opendata.py                     # var/bench.sqlite3 (make bench builds it)
    python bench/opendata.py --database /tmp/copy.sqlite3 --rounds 7

Two ways to write the same rows (every public agreement with its affair codes and party
names, one CSV line each):

- **export**: the real view, `/data/agreements.csv`, through Django's test client, consuming
  the StreamingHttpResponse (publication gate, per-chunk parties and affairs, `safe_cell` on
  every cell, UTF-8 encoding);
- **plain**: one hand-written SQL query (the same public rule as a stage list, affairs and
  parties with correlated GROUP_CONCAT / string_agg), every row written by Python's `csv`
  module to an in-memory buffer that is emptied every 2,000 rows.

Rounds are interleaved (export, plain, plain, export, …) so drift of the machine hits both
alike. Reports the median rows per second of each, their ratio (target: export ≥ 50 % of
plain) and, in a separate run of each under tracemalloc, the peak Python memory against the
size of the output: a streaming export's peak stays flat, far below the file it writes.
"""

import argparse
import csv
import io
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _django  # noqa: E402


def plain_sql(vendor: str) -> str:
    concat = (
        "GROUP_CONCAT({col}, '; ')" if vendor == "sqlite" else "string_agg({col}, '; ' ORDER BY 1)"
    )
    return f"""
        SELECT a.id, a.reference_code, a.title, a.family, a.category, a.state,
               a.start_date, a.end_date,
               (SELECT {concat.format(col="g.code")}
                  FROM agreements_agreement_affairs aa
                  JOIN agreements_governmentaffair g ON g.id = aa.governmentaffair_id
                 WHERE aa.agreement_id = a.id),
               (SELECT {concat.format(col="o.name")}
                  FROM agreements_party p
                  JOIN organizations_organization o ON o.id = p.organization_id
                 WHERE p.agreement_id = a.id)
          FROM agreements_agreement a
         WHERE a.state IN (SELECT stage_code FROM publication_publicationrule
                            WHERE kind = 'summary' AND is_public)
         ORDER BY a.id
    """


def run_plain(site_url: str) -> tuple[int, int]:
    """Rows and bytes of the plain dump (buffer emptied every 2,000 rows, like a stream)."""
    from django.db import connection

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "id",
            "title",
            "family",
            "category",
            "stage",
            "start_date",
            "end_date",
            "affairs",
            "parties",
            "url",
        ]
    )
    rows = size = 0
    with connection.cursor() as cursor:
        cursor.execute(plain_sql(connection.vendor))
        while batch := cursor.fetchmany(2000):
            for _pk, code, title, family, category, state, start, end, affairs, parties in batch:
                writer.writerow(
                    [
                        code,
                        title,
                        family,
                        category,
                        state,
                        start,
                        end,
                        affairs or "",
                        parties or "",
                        f"{site_url}/publik/kerja-sama/{code}/",
                    ]
                )
            rows += len(batch)
            size += len(buffer.getvalue().encode("utf-8"))
            buffer.seek(0)
            buffer.truncate()
    return rows, size + len(buffer.getvalue().encode("utf-8"))


def run_export(client, query: str = "") -> tuple[int, int]:
    response = client.get("/data/agreements.csv" + query)
    assert response.status_code == 200, response.status_code
    assert response.streaming
    size = lines = 0
    for block in response.streaming_content:
        size += len(block)
        lines += block.count(b"\r\n")
    return lines - 1, size


def timed(function, *args) -> tuple[float, int, int]:
    started = time.perf_counter()
    rows, size = function(*args)
    return time.perf_counter() - started, rows, size


def peak(function, *args) -> tuple[int, int]:
    tracemalloc.start()
    tracemalloc.reset_peak()
    _, size = function(*args)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="SQLite path or database URL (default: bench world)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    url = _django.database_url(args.database)
    path = _django.sqlite_path(url)
    if path is not None and not path.exists():
        print(f"{path} does not exist: run bench/generate_world.py first", file=sys.stderr)
        return 2
    var_dir = _django.ROOT / "var" / "bench"
    (var_dir / "static").mkdir(parents=True, exist_ok=True)
    _django.setup(
        url, DEBUG="false", ALLOWED_HOSTS="testserver,127.0.0.1", SIMPUL_VAR_DIR=str(var_dir)
    )
    from django.conf import settings
    from django.test import Client

    from simpul.agreements.models import Agreement
    from simpul.publication.selectors import public_agreements

    client = Client()
    total = Agreement.objects.count()
    public = public_agreements().count()
    print(f"world: {total:,} agreements, {public:,} public")

    # Warm-up (and a check that both write the same rows).
    _, export_rows, export_size = timed(run_export, client)
    _, plain_rows, plain_size = timed(run_plain, settings.SITE_URL)
    if export_rows != plain_rows:
        print(f"row counts differ: export {export_rows}, plain {plain_rows}", file=sys.stderr)
        return 1

    export_times, plain_times = [], []
    for round_number in range(args.rounds):
        order = [("export", run_export, (client,)), ("plain", run_plain, (settings.SITE_URL,))]
        if round_number % 2:
            order.reverse()
        for name, function, function_args in order:
            seconds, _, _ = timed(function, *function_args)
            (export_times if name == "export" else plain_times).append(seconds)

    export_rate = export_rows / statistics.median(export_times)
    plain_rate = plain_rows / statistics.median(plain_times)
    export_peak, _ = peak(run_export, client)
    plain_peak, _ = peak(run_plain, settings.SITE_URL)
    print(f"rows: {export_rows:,}; rounds: {args.rounds} (interleaved)")
    print(f"{'':8} {'median s':>9} {'rows/s':>10} {'output kB':>10} {'peak kB':>9}")
    print(
        f"{'export':8} {statistics.median(export_times):9.3f} {export_rate:10,.0f} "
        f"{export_size / 1024:10,.0f} {export_peak / 1024:9,.0f}"
    )
    print(
        f"{'plain':8} {statistics.median(plain_times):9.3f} {plain_rate:10,.0f} "
        f"{plain_size / 1024:10,.0f} {plain_peak / 1024:9,.0f}"
    )
    # Flat memory: the peak for the KSDD agreements (about 70 % of rows) against all of them.
    small_peak, small_size = peak(run_export, client, "?family=ksdd")
    print(
        f"export peak for {small_size / 1024:,.0f} kB of output (?family=ksdd): "
        f"{small_peak / 1024:,.0f} kB; for {export_size / 1024:,.0f} kB: "
        f"{export_peak / 1024:,.0f} kB"
    )
    ratio = export_rate / plain_rate
    print(f"export throughput = {ratio:.0%} of plain (target >= 50%)")
    return 0 if ratio >= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
