"""Sharing the engine-independent part of two checks between the two engines of one run.

`make test` runs the whole suite on SQLite and on PostgreSQL. Two checks repeat, on the second
engine, work whose outcome does not depend on the engine:

- the browser sweep (config/tests/test_browser_sweep.py) checks what Chromium draws: layout at
  1280 and 360 px, axe-core, the interface's language. The server side of every swept page is
  already rendered on both engines by the permission matrix (every URL, with a person who gets
  200). So when both engines run, SQLite sweeps in Indonesian and PostgreSQL in English.
- the permission matrix visits every URL with all sixteen people of the cast. Each URL's
  full walk runs on one engine (alternating through the sorted URL names), and on the other
  engine the URL is visited by one person for each answer it gives (the first person who gets
  200, the first who gets 404, the anonymous visitor's 302, ...), so every page and every kind
  of refusal is still served by both engines; the access functions' own tests run on both.

`make test` sets SIMPUL_TEST_SHARDS=sqlite,postgresql when it runs both engines. Unset (as in
`make test-sqlite`, `make test-postgres`, `make mutation` or a bare `pytest`), every check runs
whole on the engine at hand. Set it to an empty value to run everything on both engines.
"""

import os

from django.db import connection

ENV = "SIMPUL_TEST_SHARDS"


def engines() -> list[str]:
    """The engines sharing this run, in a fixed order; [] when nothing is shared."""
    return [name.strip() for name in os.environ.get(ENV, "").split(",") if name.strip()]


def owns(position: int) -> bool:
    """Whether this engine does the whole of the check at `position` (0, 1, 2, ...)."""
    shared = engines()
    if len(shared) < 2 or connection.vendor not in shared:
        return True
    return shared[position % len(shared)] == connection.vendor


def described() -> str:
    """For the run's summary line: which engines share the checks, or nothing."""
    shared = engines()
    return f" shared-with={','.join(shared)}" if len(shared) >= 2 else ""
