"""Every table's rows, kept in memory and written back: how the cast returns after a test that
committed for real.

A transactional test (a browser test, a worker killed mid-task, two connections racing)
empties every table when it ends. Building the cast again through the ORM (reference data,
regions, organisations, people, sessions, the audit events all of that writes) cost about
1 s of CPU on SQLite and 2 s on PostgreSQL after each such test. Instead, the rows as they
stood right after the first build are read once and copied back in one transaction:

- PostgreSQL: `COPY … TO STDOUT` / `COPY … FROM STDIN` in text format, which round-trips
  every type exactly (JSON, dates with their zone, decimals);
- SQLite: the driver's own values (text, integers, reals, blobs), read and inserted as they
  are.

Ids come back as they were, so the cast's Python objects and its session keys stay valid.
On PostgreSQL the sequences are then set past the highest id (a flush may have rewound them).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

from simpul.core.events import immutability_suspended

# Per table: PostgreSQL's COPY text (bytes), or SQLite's (column names, rows).
Snapshot = dict[str, Any]


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def take() -> Snapshot:
    """The rows of every table of the project, in the engine's own form."""
    rows: Snapshot = {}
    with connection.cursor() as cursor:
        for table in _tables():
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {_quoted(table)} TO STDOUT") as copy:
                    rows[table] = b"".join(bytes(block) for block in copy)
            else:
                raw = connection.connection.execute(f"SELECT * FROM {_quoted(table)}")  # noqa: S608
                columns = [column[0] for column in raw.description]
                rows[table] = (columns, raw.fetchall())
    return rows


def restore(rows: Snapshot) -> None:
    """Empty every table and write the snapshot's rows back, in one transaction (the foreign
    keys are checked when it commits, so the order of the tables does not matter)."""
    tables = list(rows)
    with transaction.atomic(), immutability_suspended(), connection.cursor() as cursor:
        # Empty first: the flush that ended the test ran post_migrate, which made content
        # types and permissions again (with new ids).
        connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))
        for table, data in rows.items():
            if connection.vendor == "postgresql":
                if data:
                    with cursor.cursor.copy(f"COPY {_quoted(table)} FROM STDIN") as copy:
                        copy.write(data)
                continue
            columns, values = data
            if values:
                names = ", ".join(_quoted(column) for column in columns)
                marks = ", ".join("?" for _ in columns)
                connection.connection.executemany(
                    f"INSERT INTO {_quoted(table)} ({names}) VALUES ({marks})",  # noqa: S608
                    values,
                )
        for statement in connection.ops.sequence_reset_sql(
            no_style(), apps.get_models(include_auto_created=True)
        ):
            cursor.execute(statement)
