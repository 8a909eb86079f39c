"""Run background tasks: `manage.py worker` (use this, not `db_worker`, in every deployment).

It is django-tasks-db's `db_worker` plus four things:

* a heartbeat: every SIMPUL_WORKER_HEARTBEAT_SECONDS a daemon thread, on its own database
  connection, updates this worker's WorkerHeartbeat row (worker id, host, pid, start time,
  last seen); /healthz reports the worker healthy while a heartbeat is fresh;
* recovery: at start and on every heartbeat, tasks left RUNNING by a worker whose heartbeat
  is older than SIMPUL_WORKER_STALE_SECONDS are put back in the queue, so a killed worker
  (SIGKILL, OOM, power loss) loses no task;
* the outbox: on every heartbeat, e-mails claimed by a dead worker go back to pending and a
  delivery task is queued while outbox rows are due (simpul.core.outbox);
* a clean exit: on SIGTERM/SIGINT the current task finishes, then the heartbeat row is
  removed. A second signal aborts the task (it will be requeued as above).

RULE: every task must be idempotent. A task interrupted by a crash runs again from the
start, and a worker that stalls longer than SIMPUL_WORKER_STALE_SECONDS may see its task
run a second time elsewhere. Write tasks so that running them twice has the effect of
running them once (check state before acting, use get_or_create / unique constraints,
send e-mail only through simpul.core.outbox, never directly).

Workers started with plain `db_worker` write no heartbeat, so their running tasks would be
treated as abandoned: do not mix the two commands.
"""

import logging
import threading
from argparse import ArgumentParser
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from simpul.core import outbox, schedule, services

logger = logging.getLogger("simpul.worker")


class Heartbeat(threading.Thread):
    """Beats (and recovers abandoned tasks) until stopped; uses its own DB connection."""

    def __init__(self, worker_id: str, started_at: datetime, interval: float) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.started_at = started_at
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.interval):
                self.beat()
        finally:
            # Django connections are per thread: this closes the heartbeat's own connection.
            connection.close()

    def beat(self) -> None:
        try:
            close_old_connections()
            services.worker_heartbeat(self.worker_id, started_at=self.started_at)
            services.tasks_requeue_abandoned()
            if settings.SIMPUL_WORKER_SCHEDULE:
                schedule.enqueue_due()
            outbox.requeue_stale()
            outbox.kick_if_due()
        except Exception:
            # A missed beat is not fatal: log it, drop the connection, try again next time.
            logger.exception("Worker %s: heartbeat failed", self.worker_id)
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=self.interval + 30)


class Command(DBWorkerCommand):
    help = (
        "Run the background worker: the database task queue, with a heartbeat and recovery "
        "of tasks abandoned by dead workers. Tasks must be idempotent."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # The autoreloader would run the tasks in a child process that outlives a killed
        # parent and escapes the heartbeat; a worker is restarted by its supervisor instead.
        parser.set_defaults(reload=False)

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options: Any,
    ) -> None:
        self.configure_logging(verbosity)
        if options.get("reload"):
            logger.warning("--reload is ignored by `worker`; restart it after code changes.")
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        started_at = timezone.now()
        services.current_worker_id = worker_id
        services.worker_heartbeat(worker_id, started_at=started_at)
        requeued = services.tasks_requeue_abandoned()
        if requeued:
            logger.warning("Worker %s requeued %d abandoned task(s)", worker_id, len(requeued))
        heartbeat = Heartbeat(worker_id, started_at, settings.SIMPUL_WORKER_HEARTBEAT_SECONDS)
        heartbeat.start()
        worker.configure_signals()
        try:
            worker.run()
        finally:
            # Reached on a graceful stop (SIGTERM/SIGINT raise SystemExit or end the loop),
            # at the end of a batch, or on an error; never after SIGKILL, which is what the
            # stale-heartbeat recovery is for.
            heartbeat.stop()
            worker.reset_signals()
            services.worker_forget(worker_id)
            services.current_worker_id = None
            logger.info("Worker %s stopped", worker_id)
