"""Immutable events: what happened, who did it, when — written once, never changed.

A model that records history inherits `ImmutableEvent`. The refusal is enforced twice:

- in Python: `save()` of an existing row, `delete()`, and the queryset's `update()` and
  `delete()` raise `ImmutableEventError`;
- in the database, on both engines: after every `migrate` (post_migrate), a trigger on each
  event table refuses UPDATE and DELETE, so raw SQL, a cascade from a deleted parent or another
  program cannot rewrite history either. SQLite's trigger asks the function
  `simpul_events_locked()`, which every Django connection registers; a connection without it
  (the sqlite3 shell) fails, so it is refused as well. PostgreSQL's trigger function reads the
  setting `simpul.events_unlocked`.

The one escape hatch is `immutability_suspended()`, used by the `flush` command (tests empty
the database between transactional tests: PostgreSQL truncates, which row triggers do not see,
but SQLite deletes row by row). Nothing else may use it.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator
from typing import Any

from django.apps import apps
from django.db import connections, models

_suspended: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "simpul_events_suspended", default=False
)

SQLITE_FUNCTION = "simpul_events_locked"
PG_FUNCTION = "simpul_refuse_event_change"
PG_SETTING = "simpul.events_unlocked"


class ImmutableEventError(RuntimeError):
    """Someone tried to change or delete a recorded event."""


class ImmutableQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableEventError(f"{self.model._meta.label} rows are immutable")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableEventError(f"{self.model._meta.label} rows are immutable")


class ImmutableEvent(models.Model):
    """Base of every event model: insert-only (see the module docstring)."""

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableEventError(f"{self._meta.label} rows are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableEventError(f"{self._meta.label} rows are immutable")


def event_models() -> list[type[models.Model]]:
    """Every installed concrete event model."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ImmutableEvent) and not model._meta.abstract
    ]


@contextlib.contextmanager
def immutability_suspended(using: str = "default") -> Iterator[None]:
    """Let this thread delete or change events (only the flush command does)."""
    token = _suspended.set(True)
    connection = connections[using]
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'on', false)", [PG_SETTING])
        yield
    finally:
        _suspended.reset(token)
        if connection.vendor == "postgresql" and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'off', false)", [PG_SETTING])


def _locked() -> int:
    return 0 if _suspended.get() else 1


def register_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """connection_created: give every SQLite connection the function the triggers ask."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 0, _locked)


def _trigger_name(table: str, action: str) -> str:
    return f"simpul_immutable_{action}_{table}"


def _sqlite_statements(table: str) -> list[str]:
    statements = []
    for action in ("update", "delete"):
        statements.append(
            f'CREATE TRIGGER IF NOT EXISTS "{_trigger_name(table, action)}" '
            f'BEFORE {action.upper()} ON "{table}" WHEN {SQLITE_FUNCTION}() = 1 '
            f"BEGIN SELECT RAISE(ABORT, 'simpul: {table} rows are immutable'); END"
        )
    return statements


PG_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('{PG_SETTING}', true), 'off') = 'on' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'simpul: % rows are immutable', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql
"""


def _postgresql_statements(table: str) -> list[str]:
    name = _trigger_name(table, "change")
    return [
        f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"',
        f'CREATE TRIGGER "{name}" BEFORE UPDATE OR DELETE ON "{table}" '
        f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()",
    ]


def install_triggers(using: str = "default", models_: Iterable[type[models.Model]] = ()) -> int:
    """Create the refusing triggers for every event table that exists (idempotent); returns
    how many tables are guarded."""
    connection = connections[using]
    models_ = list(models_) or event_models()
    existing = set(connection.introspection.table_names())
    tables = [m._meta.db_table for m in models_ if m._meta.db_table in existing]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_FUNCTION_SQL)
            for table in tables:
                for statement in _postgresql_statements(table):
                    cursor.execute(statement)
        elif connection.vendor == "sqlite":
            for table in tables:
                for statement in _sqlite_statements(table):
                    cursor.execute(statement)
    return len(tables)


def install_triggers_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """post_migrate: runs once per app; the core app's signal covers every table."""
    if getattr(sender, "label", None) == "core":
        install_triggers(using)
