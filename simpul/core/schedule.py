"""Periodic tasks, run by the real worker: a tiny registry and `enqueue_due()`.

Register at start-up (an AppConfig.ready):

    from datetime import timedelta
    from simpul.core import schedule
    schedule.every(timedelta(hours=24), "simpul.agreements.tasks.daily_agreement_housekeeping")

Every worker heartbeat calls `enqueue_due()`: for each registered task whose interval has
passed since it was last enqueued, it enqueues the task once. The decision is taken under
select_for_update on the task's ScheduledRun row, so with two workers beating at the same
moment only one enqueues. Tasks must still be idempotent (see the worker command).
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledRun

logger = logging.getLogger("simpul.worker")


@dataclass(frozen=True)
class Entry:
    interval: timedelta
    task_path: str
    kwargs: dict[str, Any] = field(default_factory=dict)


_registry: dict[str, Entry] = {}
# Per process: when each task is next due, as last seen in the database. Lets most beats skip
# the database entirely; a stale value only ever makes a worker look again later or earlier,
# and the locked row decides.
_next_due: dict[str, datetime] = {}


def every(interval: timedelta, task_path: str, **kwargs: Any) -> None:
    """Run the task (dotted path to a django_tasks @task) every `interval`. Registering the
    same path again replaces the entry."""
    if interval <= timedelta(0):
        raise ValueError("the interval must be positive")
    _registry[task_path] = Entry(interval, task_path, dict(kwargs))
    _next_due.pop(task_path, None)


def registered() -> dict[str, Entry]:
    return dict(_registry)


def unregister(task_path: str) -> None:
    _registry.pop(task_path, None)
    _next_due.pop(task_path, None)


def forget_due_times() -> None:
    """Drop the per-process cache of due times (tests)."""
    _next_due.clear()


def _row(name: str) -> ScheduledRun:
    try:
        with transaction.atomic():
            ScheduledRun.objects.get_or_create(name=name)
    except IntegrityError:
        pass  # another worker created it at the same moment
    return ScheduledRun.objects.select_for_update().get(name=name)


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue every registered task that is due; returns the paths enqueued."""
    now = now or timezone.now()
    enqueued = []
    for path, entry in sorted(_registry.items()):
        due = _next_due.get(path)
        if due is not None and now < due:
            continue
        try:
            with transaction.atomic():
                run = _row(path)
                if run.last_enqueued_at and now - run.last_enqueued_at < entry.interval:
                    _next_due[path] = run.last_enqueued_at + entry.interval
                    continue
                import_string(path).enqueue(**entry.kwargs)
                run.last_enqueued_at = now
                run.save(update_fields=["last_enqueued_at"])
                enqueued.append(path)
            _next_due[path] = now + entry.interval
        except Exception:
            logger.exception("Could not enqueue the periodic task %s", path)
    return enqueued
