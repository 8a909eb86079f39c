"""Periodic tasks, run by the real worker: a tiny registry and `enqueue_due()`.

Register at start-up (an AppConfig.ready):

    from datetime import time
    from simpul.core import schedule
    schedule.daily("simpul.portal.tasks.open_data_bundle_build", at=time(2, 0))
    schedule.daily("simpul.complaints.tasks.daily_complaints_housekeeping", per_zone=True)

A daily task runs at a time of day in a zone (06:00 WIB by default), not "24 hours after the
worker started". Its *slot* is the local date in that zone. With `per_zone=True` it runs once
per Indonesian zone (WIB, WITA, WIT) at that zone's local time and receives `zone="Asia/…"`,
so a reminder reaches a party in Jayapura at 06:00 WIT, two hours before Jakarta's.

Every worker heartbeat calls `enqueue_due()`. Each (task[@zone], slot) is enqueued exactly
once across workers: the enqueue happens in the transaction that inserts its ScheduledRun
row, unique on (name, slot), so of two workers beating at once the second's insert fails and
it enqueues nothing. A worker that was down at 06:00 and starts at 09:00 runs the latest
missed slot once (no backlog of older ones). Tasks must still be idempotent (see the worker
command).

`every(interval, path)` remains for sub-daily work ("every 10 minutes"): one row per task,
decided under select_for_update.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from . import zones
from .models import ScheduledRun

logger = logging.getLogger("simpul.worker")

# Slot rows older than this are deleted when a newer slot of the same task is claimed.
KEEP_SLOTS = timedelta(days=30)


@dataclass(frozen=True)
class Entry:
    task_path: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    interval: timedelta | None = None  # every(): sub-daily work
    at: time | None = None  # daily(): local time of day …
    zone: str = zones.WIB  # … in this zone
    per_zone: bool = False  # … or in each Indonesian zone

    def runs(self) -> list[tuple[str, str, dict[str, Any]]]:
        """(run name, zone, task kwargs) of each daily run."""
        if not self.per_zone:
            return [(self.task_path, self.zone, self.kwargs)]
        return [
            (f"{self.task_path}@{zone}", zone, {**self.kwargs, "zone": zone})
            for zone in zones.ZONES
        ]


_registry: dict[str, Entry] = {}
# Per process: when each run is next due, as last seen in the database. Lets most beats skip
# the database entirely; a stale value only ever makes a worker look again later or earlier,
# and the database decides.
_next_due: dict[str, datetime] = {}


def daily(
    task_path: str,
    *,
    at: time = time(6, 0),
    zone: str = zones.WIB,
    per_zone: bool = False,
    **kwargs: Any,
) -> None:
    """Run the task (dotted path to a django_tasks @task) every day at `at` in `zone`, or
    with per_zone at `at` in each zone, passing zone=. Registering a path again replaces it."""
    if zone not in zones.ZONES:
        raise ValueError(f"unknown zone {zone!r}")
    _register(Entry(task_path, dict(kwargs), at=at, zone=zone, per_zone=per_zone))


def every(interval: timedelta, task_path: str, **kwargs: Any) -> None:
    """Run the task every `interval` (for sub-daily work; daily work uses daily())."""
    if interval <= timedelta(0):
        raise ValueError("the interval must be positive")
    _register(Entry(task_path, dict(kwargs), interval=interval))


def _register(entry: Entry) -> None:
    unregister(entry.task_path)
    _registry[entry.task_path] = entry


def registered() -> dict[str, Entry]:
    return dict(_registry)


def unregister(task_path: str) -> None:
    _registry.pop(task_path, None)
    for name in [n for n in _next_due if n.split("@")[0] == task_path]:
        _next_due.pop(name)


def forget_due_times() -> None:
    """Drop the per-process cache of due times (tests)."""
    _next_due.clear()


def latest_slot(at: time, zone: str, now: datetime) -> tuple[date, datetime]:
    """The most recent local date whose `at` in `zone` is not after `now`, and the moment
    after it when the next slot falls due."""
    tz = ZoneInfo(zone)
    local = timezone.localtime(now, tz)
    day = local.date() if local.time() >= at else local.date() - timedelta(days=1)
    return day, datetime.combine(day + timedelta(days=1), at, tzinfo=tz)


def _enqueue_slot(
    name: str, entry: Entry, zone: str, kwargs: dict[str, Any], now: datetime
) -> bool:
    assert entry.at is not None  # a daily() entry
    slot, next_due = latest_slot(entry.at, zone, now)
    if _next_due.get(name) is not None and now < _next_due[name]:
        return False
    claimed = False
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(name=name, slot=slot.isoformat(), last_enqueued_at=now)
            import_string(entry.task_path).enqueue(**kwargs)
            claimed = True
    except IntegrityError:
        pass  # another worker (or an earlier beat) took this slot
    _next_due[name] = next_due
    if claimed:
        ScheduledRun.objects.filter(name=name, last_enqueued_at__lt=now - KEEP_SLOTS).exclude(
            slot=""
        ).delete()
    return claimed


def _interval_row(name: str) -> ScheduledRun:
    try:
        with transaction.atomic():
            ScheduledRun.objects.get_or_create(name=name, slot="")
    except IntegrityError:
        pass  # another worker created it at the same moment
    return ScheduledRun.objects.select_for_update().get(name=name, slot="")


def _enqueue_interval(entry: Entry, now: datetime) -> bool:
    path = entry.task_path
    interval = entry.interval
    assert interval is not None  # an every() entry
    due = _next_due.get(path)
    if due is not None and now < due:
        return False
    with transaction.atomic():
        run = _interval_row(path)
        if run.last_enqueued_at and now - run.last_enqueued_at < interval:
            _next_due[path] = run.last_enqueued_at + interval
            return False
        import_string(path).enqueue(**entry.kwargs)
        run.last_enqueued_at = now
        run.save(update_fields=["last_enqueued_at"])
    _next_due[path] = now + interval
    return True


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue every registered run that is due; returns the run names enqueued (the task
    path, with "@zone" for per-zone runs)."""
    now = now or timezone.now()
    enqueued = []
    for path, entry in sorted(_registry.items()):
        runs = [(path, entry.zone, entry.kwargs)] if entry.interval else entry.runs()
        for name, zone, kwargs in runs:
            try:
                if entry.interval:
                    done = _enqueue_interval(entry, now)
                else:
                    done = _enqueue_slot(name, entry, zone, kwargs, now)
            except Exception:
                logger.exception("Could not enqueue the periodic task %s", name)
                continue
            if done:
                enqueued.append(name)
    return enqueued
