"""Periodic tasks: the worker's heartbeat enqueues each due task once."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from simpul.core import schedule
from simpul.core.management.commands.worker import Heartbeat
from simpul.core.models import ScheduledRun

TASK = "simpul.core.tests.tasks_for_tests.note_run"


@pytest.fixture
def db_queue(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    saved = schedule.registered()
    schedule._registry.clear()
    schedule.forget_due_times()
    schedule.every(timedelta(hours=24), TASK, log_path=str(tmp_path / "log"))
    yield
    schedule._registry.clear()
    schedule._registry.update(saved)
    schedule.forget_due_times()


def test_the_agreements_housekeeping_is_registered_daily(db):
    entry = schedule.registered()["simpul.agreements.tasks.daily_agreement_housekeeping"]
    assert entry.interval == timedelta(hours=24)


def test_a_due_task_is_enqueued_once_until_its_interval_passes(db, db_queue):
    now = timezone.now()
    assert schedule.enqueue_due(now) == [TASK]
    assert schedule.enqueue_due(now + timedelta(hours=1)) == []
    schedule.forget_due_times()  # as another worker process would see it
    assert schedule.enqueue_due(now + timedelta(hours=2)) == []
    assert DBTaskResult.objects.count() == 1
    assert schedule.enqueue_due(now + timedelta(hours=24)) == [TASK]
    assert DBTaskResult.objects.count() == 2
    assert ScheduledRun.objects.get(name=TASK).last_enqueued_at == now + timedelta(hours=24)


@pytest.mark.django_db(transaction=True)
def test_the_worker_heartbeat_enqueues_due_tasks(db_queue):
    # transaction=True: the beat starts with close_old_connections(), as in the real worker.
    Heartbeat("w1", timezone.now(), 5).beat()
    Heartbeat("w2", timezone.now(), 5).beat()
    assert DBTaskResult.objects.count() == 1


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_workers_beating_at_once_enqueue_a_due_task_once(db_queue, monkeypatch):
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
    assert sorted(len(r) for r in results) == [0, 1]
    assert DBTaskResult.objects.count() == 1
