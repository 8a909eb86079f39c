"""Helpers for tests that run `manage.py` in child processes against a shared database.

On PostgreSQL the child processes use the test database itself (the test must be
`django_db(transaction=True)` so its rows are committed and visible). On SQLite the test
database lives in this process's memory, so the children get a file copy of it (SQLite's
backup API): migrated, holding what the test database holds when the test starts, as on
PostgreSQL. Copying takes milliseconds; running `migrate` in a child took several seconds.
"""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def subprocess_database_url(tmp_path: Path) -> str:
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        auth = quote(s["USER"] or "", safe="")
        if s["PASSWORD"]:
            auth += ":" + quote(s["PASSWORD"], safe="")
        # A Unix socket directory (CI connects that way) goes into the URL percent-encoded.
        host = quote(s["HOST"] or "localhost", safe="")
        port = f":{s['PORT']}" if s["PORT"] else ""
        return f"postgres://{auth}@{host}{port}/{s['NAME']}"
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    return f"sqlite:///{path}"


def child_env(database_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def manage_command(*args: str) -> list[str]:
    return [sys.executable, str(MANAGE), *args]


def manage(database_url: str, *args: str, **env: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        manage_command(*args),
        env=child_env(database_url, **env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def shell(database_url: str, code: str, **env: str) -> str:
    """Run Python code in a child process; return the last line it printed."""
    out = manage(database_url, "shell", "--no-imports", "-c", code, **env)
    return out.strip().splitlines()[-1]


# A worker that beats every second and counts as dead two seconds after its last beat.
# A subprocess test runs the task it queued, not the periodic tasks a fresh database finds due
# (their mail depends on the calendar day the suite runs).
WORKER_ENV = {
    "SIMPUL_WORKER_HEARTBEAT_SECONDS": "1",
    "SIMPUL_WORKER_STALE_SECONDS": "2",
    "SIMPUL_WORKER_SCHEDULE": "0",
}


def start_worker(database_url: str, worker_id: str, log_dir: Path, **env: str) -> subprocess.Popen:
    """`manage.py worker` in a child process; its output goes to <log_dir>/<worker_id>.out."""
    return subprocess.Popen(  # noqa: S603
        manage_command("worker", "--no-startup-delay", "--interval", "0.2",
                       "--worker-id", worker_id),
        env=child_env(database_url, **WORKER_ENV, **env),
        stdout=(log_dir / f"{worker_id}.out").open("w"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip


def stop_all(*processes: subprocess.Popen | None) -> None:
    """Kill whatever is still running (a failed test must not leave workers behind)."""
    for process in processes:
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out after {timeout}s waiting for {what}")
