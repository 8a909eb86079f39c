"""The worker: heartbeats, recovery of tasks a dead worker left RUNNING, clean shutdown."""

import os
import signal
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from simpul.core import services
from simpul.core.management.commands.worker import Heartbeat
from simpul.core.models import WorkerHeartbeat
from simpul.core.tests.subprocesses import (
    shell,
    start_worker,
    stop_all,
    subprocess_database_url,
    wait_for,
)
from simpul.core.tests.tasks_for_tests import note_run

# Real worker processes: `make test` runs these in the stage after the rest (conftest.py).
pytestmark = pytest.mark.subprocess


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.SIMPUL_WORKER_STALE_SECONDS = 30


def beat(worker_id: str, age_seconds: float) -> WorkerHeartbeat:
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        started_at=now - timedelta(hours=1),
        last_seen=now - timedelta(seconds=age_seconds),
    )


def running_task(log: Path, worker_id: str) -> DBTaskResult:
    result = note_run.enqueue(str(log))
    db_result = DBTaskResult.objects.get(pk=result.id)
    db_result.claim(worker_id)
    return db_result


def runs(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").split() if log.exists() else []


# --- the requeue rule --------------------------------------------------------------------


@pytest.mark.django_db
def test_tasks_of_dead_or_unknown_workers_are_requeued_live_ones_are_not(db_tasks, tmp_path):
    beat("alive", age_seconds=1)
    beat("dead", age_seconds=31)
    alive = running_task(tmp_path / "a.log", "alive")
    dead = running_task(tmp_path / "b.log", "dead")
    unknown = running_task(tmp_path / "c.log", "never-had-a-heartbeat")
    finished = running_task(tmp_path / "d.log", "dead")
    finished.set_successful(1)

    requeued = services.tasks_requeue_abandoned()

    assert sorted(requeued) == sorted([str(dead.pk), str(unknown.pk)])
    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses[alive.pk] == TaskResultStatus.RUNNING
    assert statuses[dead.pk] == TaskResultStatus.READY
    assert statuses[unknown.pk] == TaskResultStatus.READY
    assert statuses[finished.pk] == TaskResultStatus.SUCCESSFUL
    # The dead worker's heartbeat is cleared away; the live one stays.
    assert set(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == {"alive"}
    # Nothing more to do on a second pass.
    assert services.tasks_requeue_abandoned() == []


@pytest.mark.django_db
def test_only_the_last_worker_of_a_task_counts(db_tasks, tmp_path):
    beat("second", age_seconds=0)
    task = running_task(tmp_path / "a.log", "first")
    task.claim("second")  # requeued once already and picked up by a live worker
    assert services.tasks_requeue_abandoned() == []


@pytest.mark.django_db(transaction=True)
def test_abandoned_task_is_requeued_then_run_once_by_a_batch_worker(db_tasks, tmp_path):
    log = tmp_path / "runs.log"
    beat("killed", age_seconds=3600)
    task = running_task(log, "killed")

    call_command(
        "worker",
        "--batch",
        "--no-startup-delay",
        "--interval",
        "0",
        "--worker-id",
        "rescuer",
        verbosity=0,
    )

    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.worker_ids == ["killed", "rescuer"]
    assert runs(log) == ["start", str(os.getpid()), "done", str(os.getpid())]
    # Clean exit: no heartbeat left behind, neither the dead worker's nor the rescuer's.
    assert WorkerHeartbeat.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_heartbeat_thread_beats_on_its_own_connection_and_stops(db_tasks):
    started = timezone.now()
    heartbeat = Heartbeat("beating", started, interval=0.05)
    heartbeat.start()
    try:
        deadline = time.monotonic() + 5
        row = None
        while time.monotonic() < deadline:
            try:
                row = WorkerHeartbeat.objects.filter(worker_id="beating").first()
            except OperationalError:
                # The test database is a shared-cache in-memory SQLite: while the thread
                # writes, a reader meets a table lock (no busy timeout there). Look again.
                row = None
            if row is not None and row.last_seen > started:
                break
            time.sleep(0.05)
        else:
            pytest.fail("the heartbeat thread never wrote its row")
    finally:
        heartbeat.stop()
    assert not heartbeat.is_alive()
    assert row.started_at == started
    assert row.pid == os.getpid()
    assert row.hostname


# --- a real worker process, killed mid-task ------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_loses_no_task_and_the_task_runs_to_completion_once(tmp_path):
    database_url = subprocess_database_url(tmp_path)
    log = tmp_path / "runs.log"
    task_id = shell(
        database_url,
        "from simpul.core.tests.tasks_for_tests import note_run; "
        # Long enough to kill the first worker mid-task; the rerun need not wait again.
        f"print(note_run.enqueue({str(log)!r}, 3.0, first_run_only=True).id)",
    )
    first = second = None
    try:
        first = start_worker(database_url, "first", tmp_path)
        wait_for(lambda: "start" in runs(log), 60, "the first worker to start the task")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)

        second = start_worker(database_url, "second", tmp_path)
        wait_for(lambda: "done" in runs(log), 60, "the second worker to finish the task")
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=15) == 0
    finally:
        stop_all(first, second)

    # Started twice (the first run was killed), finished exactly once, by the second worker.
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines == [
        f"start {first.pid}",
        f"start {second.pid}",
        f"done {second.pid}",
    ], (tmp_path / "second.out").read_text()
    state = shell(
        database_url,
        "import json; "
        "from django_tasks_db.models import DBTaskResult; "
        "from simpul.core.models import WorkerHeartbeat; "
        f"t = DBTaskResult.objects.get(pk={task_id!r}); "
        "print(json.dumps([t.status, t.worker_ids, t.return_value, "
        "WorkerHeartbeat.objects.count()]))",
    )
    assert state == f'["SUCCESSFUL", ["first", "second"], {second.pid}, 0]'
