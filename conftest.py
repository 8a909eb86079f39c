"""Test-wide settings: fast hashing, mail kept in memory, tasks run inline unless a test
starts a real worker. The named cast lives in simpul/testing/cast.py."""

import gc

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import translation

from simpul.testing import shards
from simpul.testing.settings import TEST_SETTINGS, private_cache

pytest_plugins = ["simpul.testing.cast", "simpul.testing.browser"]


def pytest_configure(config):
    # A test run allocates millions of short-lived objects (querysets, template contexts) and
    # keeps few: collecting the youngest generation every 50,000 allocations instead of every
    # 700, and never scanning what exists after collection (gc.freeze), saves about 12 % of the
    # suite's CPU. Only the test processes: the app keeps Python's defaults.
    gc.set_threshold(50_000, 20, 20)


def pytest_collection_finish(session):
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _site_language():
    """Every test starts in the site's language (Indonesian). A request through the test client
    leaves its language active in the thread, so without this a test that reads Indonesian
    text passed or failed by which test its worker ran before it."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    for name, value in TEST_SETTINGS.items():
        setattr(settings, name, value)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CACHES = private_cache(str(tmp_path))
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


SECOND_STAGE_MARKERS = ("browser", "subprocess", "committing")


def _commits(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or {"live_server", "transactional_db"} & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests are deselected (not skipped) on SQLite: `make test` runs the whole
    suite on both engines, so each of them runs somewhere.

    A test that commits for real empties the tables when it ends, and the next test of its
    process builds the cast again (seconds on PostgreSQL): such tests belong in the second
    stage, so each one must carry one of its markers."""
    unmarked = [
        item.nodeid
        for item in items
        if _commits(item) and not any(item.get_closest_marker(m) for m in SECOND_STAGE_MARKERS)
    ]
    if unmarked:
        raise pytest.UsageError(
            "Tests that commit (transaction=True or live_server) need a `committing`, "
            "`browser` or `subprocess` marker so make test runs them in its second stage: "
            + ", ".join(unmarked)
        )
    if connection.vendor == "postgresql":
        return
    selected = [item for item in items if "postgresql" not in item.keywords]
    deselected = [item for item in items if "postgresql" in item.keywords]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """One line per run, so `make test` shows what ran in each stage on each engine and a
    dropped or skipped test is noticed."""
    if hasattr(config, "workerinput"):
        return
    stats = terminalreporter.stats
    counts = " ".join(
        f"{key}={len(stats.get(key, []))}"
        for key in ("passed", "failed", "error", "skipped", "xfailed", "deselected")
    )
    stage = config.option.markexpr or "everything"
    terminalreporter.write_line(
        f"simpul-tests engine={connection.vendor} [{stage}] {counts}{shards.described()}"
    )
