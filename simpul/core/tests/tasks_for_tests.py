"""Tasks used only by the worker tests. Each run appends to a log file, so a test can count
how often a task started and finished, and in which process."""

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def note_run(log_path: str, seconds: float = 0.0, *, first_run_only: bool = False) -> int:
    """Sleep `seconds` between start and done; with first_run_only, only on the first run
    (a rerun after a crash then finishes at once instead of waiting again)."""
    log = Path(log_path)
    first_run = not log.exists() or "start" not in log.read_text(encoding="utf-8")
    with log.open("a", encoding="utf-8") as f:
        f.write(f"start {os.getpid()}\n")
    if first_run or not first_run_only:
        time.sleep(seconds)
    with log.open("a", encoding="utf-8") as f:
        f.write(f"done {os.getpid()}\n")
    return os.getpid()


@task()
def note_zone(log_path: str, zone: str | None = None) -> None:
    """Append the zone a per-zone scheduled run was given."""
    with Path(log_path).open("a", encoding="utf-8") as f:
        f.write(f"{zone}\n")
