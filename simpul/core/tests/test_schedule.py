"""Periodic tasks: the worker's heartbeat enqueues each due task once, daily ones at their
local time of day (per zone when asked), whatever the worker's start time."""

import threading
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from simpul.core import schedule
from simpul.core.management.commands.worker import Heartbeat
from simpul.core.models import ScheduledRun

TASK = "simpul.core.tests.tasks_for_tests.note_run"
ZONE_TASK = "simpul.core.tests.tasks_for_tests.note_zone"


def utc(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


D = date(2026, 12, 7)


@pytest.fixture
def db_queue(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    saved = schedule.registered()
    schedule._registry.clear()
    schedule.forget_due_times()
    schedule.every(timedelta(hours=1), TASK, log_path=str(tmp_path / "log"))
    yield
    schedule._registry.clear()
    schedule._registry.update(saved)
    schedule.forget_due_times()


@pytest.fixture
def daily_queue(settings, tmp_path):
    """An empty registry but for one task at 06:00 WIB and one per zone at 06:00 local."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    saved = schedule.registered()
    schedule._registry.clear()
    schedule.forget_due_times()
    schedule.daily(TASK, at=time(6), log_path=str(tmp_path / "log"))
    schedule.daily(ZONE_TASK, at=time(6), per_zone=True, log_path=str(tmp_path / "zones"))
    yield
    schedule._registry.clear()
    schedule._registry.update(saved)
    schedule.forget_due_times()


def queued_zones() -> list[str]:
    return sorted(
        r.args_kwargs["kwargs"].get("zone") or ""
        for r in DBTaskResult.objects.all()
        if r.task_path == ZONE_TASK
    )


def test_reminders_run_per_zone_and_national_jobs_at_a_fixed_hour_in_wib(db):
    entries = schedule.registered()
    for path in (
        "simpul.agreements.tasks.daily_agreement_housekeeping",
        "simpul.complaints.tasks.daily_complaints_housekeeping",
        "simpul.monitoring.tasks.daily_late_data_reminders",
        "simpul.monitoring.tasks.lateness_settle_zone",
    ):
        assert entries[path].per_zone, path
    for path in (
        "simpul.portal.tasks.open_data_bundle_build",
        "simpul.scorecard.tasks.daily_scores_refresh",
        "simpul.monitoring.tasks.daily_monitoring_housekeeping",
    ):
        assert not entries[path].per_zone and entries[path].zone == "Asia/Jakarta", path
    assert entries["simpul.agreements.tasks.daily_agreement_housekeeping"].at == time(6)
    # Daily work is never "every 24 hours"; every() is for sub-daily work (meeting reminders).
    assert all(
        entry.interval is None or entry.interval < timedelta(hours=1) for entry in entries.values()
    )


def test_a_daily_task_runs_at_six_wib_once_per_local_day(db, daily_queue):
    schedule.unregister(ZONE_TASK)
    assert schedule.enqueue_due(utc(D, 0)) == [TASK]  # 07:00 WIB: today's slot
    assert schedule.enqueue_due(utc(D, 1)) == []
    schedule.forget_due_times()  # as another worker process would see it
    assert schedule.enqueue_due(utc(D, 16, 59)) == []  # 23:59 WIB, still the same day
    assert schedule.enqueue_due(utc(D, 22, 59)) == []  # 05:59 WIB the next day
    assert schedule.enqueue_due(utc(D, 23, 0)) == [TASK]  # 06:00 WIB the next day
    assert DBTaskResult.objects.count() == 2
    slots = set(ScheduledRun.objects.filter(name=TASK).values_list("slot", flat=True))
    assert slots == {"2026-12-07", "2026-12-08"}


def test_a_worker_down_at_six_runs_the_latest_missed_slot_once_when_it_starts(db, daily_queue):
    schedule.unregister(ZONE_TASK)
    assert schedule.enqueue_due(utc(D - timedelta(days=3), 0)) == [TASK]
    schedule.forget_due_times()  # the worker was down for three days, then starts at 09:00
    assert schedule.enqueue_due(utc(D, 2)) == [TASK]
    assert schedule.enqueue_due(utc(D, 3)) == []
    assert DBTaskResult.objects.count() == 2  # no backlog of the two days in between


def test_a_per_zone_task_runs_at_six_local_time_in_each_zone_with_its_zone(db, daily_queue):
    schedule.unregister(TASK)
    schedule.enqueue_due(utc(D, 0))  # 07:00 WIB: today's runs of every zone are done
    DBTaskResult.objects.all().delete()

    # The next morning: 06:00 WIT is 21:00 UTC, 06:00 WITA 22:00, 06:00 WIB 23:00.
    assert schedule.enqueue_due(utc(D, 20, 59)) == []
    assert schedule.enqueue_due(utc(D, 21)) == [f"{ZONE_TASK}@Asia/Jayapura"]
    assert queued_zones() == ["Asia/Jayapura"]
    assert schedule.enqueue_due(utc(D, 22)) == [f"{ZONE_TASK}@Asia/Makassar"]
    assert schedule.enqueue_due(utc(D, 23)) == [f"{ZONE_TASK}@Asia/Jakarta"]
    assert queued_zones() == ["Asia/Jakarta", "Asia/Jayapura", "Asia/Makassar"]


def test_daily_runs_accept_only_indonesian_zones():
    with pytest.raises(ValueError):
        schedule.daily(TASK, zone="Europe/Amsterdam")


def test_an_every_task_is_enqueued_again_only_after_its_interval(db, db_queue):
    now = timezone.now()
    assert schedule.enqueue_due(now) == [TASK]
    assert schedule.enqueue_due(now + timedelta(minutes=59)) == []
    assert schedule.enqueue_due(now + timedelta(hours=1)) == [TASK]


@pytest.mark.committing
@pytest.mark.django_db(transaction=True)
def test_two_worker_heartbeats_enqueue_a_daily_slot_once(daily_queue):
    schedule.unregister(ZONE_TASK)
    # transaction=True: the beat starts with close_old_connections(), as in the real worker.
    Heartbeat("w1", timezone.now(), 5).beat()
    schedule.forget_due_times()  # the second worker is another process
    Heartbeat("w2", timezone.now(), 5).beat()
    assert DBTaskResult.objects.count() == 1


@pytest.mark.postgresql
@pytest.mark.committing
@pytest.mark.django_db(transaction=True)
def test_two_workers_beating_at_once_enqueue_each_daily_slot_once(daily_queue, monkeypatch):
    class NoCache(dict):  # two processes: neither sees the other's cached due time
        def __setitem__(self, key, value):
            pass

    monkeypatch.setattr(schedule, "_next_due", NoCache())
    now = timezone.now()
    barrier = threading.Barrier(2)
    results = []

    def beat():
        try:
            barrier.wait()
            results.append(schedule.enqueue_due(now))
        finally:
            connection.close()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # One daily task and three per-zone runs, each enqueued by exactly one of the two.
    enqueued = results[0] + results[1]
    assert len(enqueued) == len(set(enqueued)) == 4
    assert DBTaskResult.objects.count() == 4
