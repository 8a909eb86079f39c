"""Tasks used only by the worker tests. Each run appends to a log file, so a test can count
how often a task started and finished, and in which process."""

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def note_run(log_path: str, seconds: float = 0.0) -> int:
    log = Path(log_path)
    with log.open("a", encoding="utf-8") as f:
        f.write(f"start {os.getpid()}\n")
    time.sleep(seconds)
    with log.open("a", encoding="utf-8") as f:
        f.write(f"done {os.getpid()}\n")
    return os.getpid()
