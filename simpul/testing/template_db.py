"""Test databases copied from a migrated template instead of migrated once per test process.

Migrating the schema costs about 18 s of CPU; `make test` starts eight test processes (two
pytest-xdist workers × two stages × two engines). The first process that needs a schema
migrates a template once; every other process, in the same run or a later one, copies it:

- SQLite: the template is a file in `var/test-templates/`; each worker's in-memory test
  database is filled from it with SQLite's online backup (a page copy, milliseconds).
- PostgreSQL: the template is a database next to the test databases; each worker's test
  database is `CREATE DATABASE … TEMPLATE …` (a file copy in the server).

The template's name carries a hash of everything that decides what `migrate` produces: the
Django version, every Python source file of the project outside its tests (migrations, the
models they read, the `post_migrate` handlers that install the triggers) and the files in
the apps' `data/` folders that data migrations load. Changing any of them builds a new
template; templates of older sources are removed. A lock (a file lock on SQLite, an
advisory lock on PostgreSQL) makes concurrent workers wait for the one that builds.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.core.management import call_command
from django.db.backends.base.base import BaseDatabaseWrapper

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("simpul", "config")
SQLITE_DIR = ROOT / "var" / "test-templates"
# pg_advisory_lock key: any constant of our own ("simpul-tpl" in hex, shortened).
PG_LOCK = 0x73696D70756C
KEY_VARIABLE = "SIMPUL_TEST_TEMPLATE_KEY"
# `make test` runs the ordinary and the browser/subprocess stage of one engine at the same
# time, each with its own pytest-xdist workers named gw0, gw1…: on PostgreSQL the stage's
# name keeps their test databases apart (test_simpul_gw0_last).
STAGE_VARIABLE = "SIMPUL_TEST_STAGE"


def source_key() -> str:
    if os.environ.get(KEY_VARIABLE):
        # Set by scripts/mutation_check.py, whose changes never reach the schema.
        return os.environ[KEY_VARIABLE]
    digest = hashlib.sha256(django.get_version().encode())
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or not (path.suffix == ".py" or "data" in parts[:-1]):
                continue
            if not path.is_file():
                continue
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def create_test_database(connection: BaseDatabaseWrapper) -> str:
    """Point `connection` at a fresh test database holding the migrated schema and the data
    migrations' rows; return the settings' original database name (for `destroy_test_db`)."""
    old_name = connection.settings_dict["NAME"]
    key = source_key()
    if connection.vendor == "postgresql":
        test_name = _postgres_copy(connection, key)
    else:
        test_name = _sqlite_copy(connection, key)
    _use(connection, test_name)
    return old_name


def destroy_test_database(connection: BaseDatabaseWrapper, old_name: str) -> None:
    """Drop the worker's test database and point `connection` back at `old_name`. On
    PostgreSQL a connection some test left open (a live server's thread, a killed child's
    session not yet reaped) must not fail the run at its very end: the drop forces it."""
    if connection.vendor != "postgresql":
        connection.creation.destroy_test_db(old_name, verbosity=0)
        return
    creation: Any = connection.creation
    test_name = connection.settings_dict["NAME"]
    _use(connection, old_name)
    quoted = connection.ops.quote_name(test_name)
    with creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


def _use(connection: BaseDatabaseWrapper, name: str) -> None:
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _migrate_into(connection: BaseDatabaseWrapper, name: str) -> None:
    test_name = connection.settings_dict["NAME"]
    _use(connection, name)
    try:
        # As Django's own test database creation does (run_syncdb for apps without migrations).
        call_command("migrate", verbosity=0, interactive=False, run_syncdb=True)
    finally:
        _use(connection, test_name)


# --- SQLite ----------------------------------------------------------------------------------


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _sqlite_template(connection: BaseDatabaseWrapper, key: str) -> Path:
    template = SQLITE_DIR / f"sqlite-{key}.sqlite3"
    with _file_lock(SQLITE_DIR / ".lock"):
        if not template.exists():
            for stale in SQLITE_DIR.glob("sqlite-*"):
                stale.unlink(missing_ok=True)
            building = SQLITE_DIR / f"sqlite-{key}.building"
            _migrate_into(connection, str(building))
            # Renamed only once complete: a killed run leaves no half-built template behind.
            building.rename(template)
    return template


def _sqlite_copy(connection: BaseDatabaseWrapper, key: str) -> str:
    template = _sqlite_template(connection, key)
    creation: Any = connection.creation  # the SQLite creation class (private helpers)
    test_name = creation._get_test_db_name()
    if not creation.is_in_memory_db(test_name):
        Path(test_name).unlink(missing_ok=True)
    _use(connection, test_name)
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    return test_name


# --- PostgreSQL ------------------------------------------------------------------------------


def _postgres_copy(connection: BaseDatabaseWrapper, key: str) -> str:
    creation: Any = connection.creation  # Django's private helpers, as its test runner uses them
    quote = connection.ops.quote_name
    test_name = creation._get_test_db_name()
    if os.environ.get(STAGE_VARIABLE):
        test_name = f"{test_name}_{os.environ[STAGE_VARIABLE]}"
    prefix = f"{connection.settings_dict['NAME']}_tpl_"[:46]
    template = f"{prefix}{key}"
    with creation._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [PG_LOCK])
        try:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone() is None:
                cursor.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s",
                    [prefix.replace("_", r"\_") + "%"],
                )
                for (stale,) in cursor.fetchall():
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(stale)}")
                building = f"{template}_building"
                cursor.execute(f"CREATE DATABASE {quote(building)}")
                _migrate_into(connection, building)
                # Renamed only once complete: a killed run leaves no half-built template.
                cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [PG_LOCK])
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
        cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template)}")
    return test_name
