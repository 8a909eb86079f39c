"""Background-worker bookkeeping: heartbeats, and recovering tasks a dead worker left behind."""

import logging
import os
import socket
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger("simpul.worker")

# Set by `manage.py worker` for its process: the id its heartbeat row carries, so work this
# process claims (outbox rows) can be recognised as abandoned once the heartbeat is gone.
current_worker_id: str | None = None


def worker_heartbeat(worker_id: str, *, started_at: datetime | None = None) -> WorkerHeartbeat:
    """Record that this worker is alive now (creating its row on the first beat)."""
    now = timezone.now()
    heartbeat, created = WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_seen": now},
        create_defaults={
            "last_seen": now,
            "started_at": started_at or now,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )
    return heartbeat


def worker_forget(worker_id: str) -> None:
    """Remove the worker's heartbeat on a clean shutdown."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def live_worker_ids(now: datetime | None = None) -> set[str]:
    now = now or timezone.now()
    fresh_after = now - timedelta(seconds=settings.SIMPUL_WORKER_STALE_SECONDS)
    return set(
        WorkerHeartbeat.objects.filter(last_seen__gt=fresh_after).values_list(
            "worker_id", flat=True
        )
    )


def tasks_requeue_abandoned() -> list[str]:
    """Put tasks left RUNNING by a dead worker back in the queue; return their ids.

    A task is abandoned when the worker that claimed it last has no heartbeat fresher than
    SIMPUL_WORKER_STALE_SECONDS (it was killed, or its machine died). Requeued tasks run
    again from the start, which is why every task must be idempotent. Stale heartbeat rows
    are removed once their tasks are requeued.
    """
    requeued: list[str] = []
    with transaction.atomic():
        alive = live_worker_ids()
        running = DBTaskResult.objects.select_for_update().filter(status=TaskResultStatus.RUNNING)
        for task in running.only("id", "worker_ids", "task_path"):
            last_worker = task.worker_ids[-1] if task.worker_ids else None
            if last_worker in alive:
                continue
            updated = DBTaskResult.objects.filter(
                pk=task.pk, status=TaskResultStatus.RUNNING
            ).update(status=TaskResultStatus.READY, started_at=None)
            if updated:
                requeued.append(str(task.pk))
                logger.warning(
                    "Requeued task %s (%s) abandoned by worker %s",
                    task.pk,
                    task.task_path,
                    last_worker,
                )
        stale_after = timezone.now() - timedelta(seconds=settings.SIMPUL_WORKER_STALE_SECONDS)
        WorkerHeartbeat.objects.filter(last_seen__lte=stale_after).delete()
    return requeued
