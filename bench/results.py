"""What every benchmark script does with its measurements (run.py, meetings.py, portal.py,
search.py): the run's record (when, which commit, machine and database, how many rounds),
written as JSON under bench/results/ (gitignored), a fixed-width table on the terminal, and
exit status 1 when a page did not answer 200."""

import json
import os
import platform
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import _django

RESULTS = _django.ROOT / "bench" / "results"


def git_commit() -> str:
    try:
        return subprocess.run(  # noqa: S603
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=_django.ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def record(
    url: str, *, sqlite: bool, workers: int, rounds: int, requests: int, **fields: Any
) -> dict[str, Any]:
    """The run's description, then the script's own fields (world, pages, …)."""
    return {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_commit": git_commit(),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "database": "sqlite" if sqlite else url.split("://", 1)[0],
        "server": {"program": "gunicorn", "workers": workers, "debug": False},
        "rounds": rounds,
        "requests_per_page_per_round": requests,
        **fields,
    }


def write(name: str, result: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / name
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return out


# A column: its title and the format spec of its values ("<24", ">8.2f", ">7"); the title
# takes the alignment and width of the spec.
Column = tuple[str, str]


def table(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> None:
    """The header, a rule as long as it, and one line per row, columns one space apart."""
    titles = []
    for title, spec in columns:
        found = re.match(r"[<>^]?\d*", spec)
        titles.append(f"{title:{found.group(0) if found else ''}}")
    header = " ".join(titles)
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            " ".join(f"{value:{spec}}" for value, (_title, spec) in zip(row, columns, strict=True))
        )


def exit_status(rows: Iterable[dict[str, Any]]) -> int:
    failed = [row["page"] for row in rows if row["status"] != [200]]
    if failed:
        print(f"Pages that did not answer 200: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0
