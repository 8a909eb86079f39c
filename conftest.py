"""Test-wide settings: fast hashing, mail kept in memory, tasks run inline unless a test
starts a real worker. The named cast lives in simpul/testing/cast.py."""

import pytest
from django.db import connection

pytest_plugins = ["simpul.testing.cast", "simpul.testing.browser"]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    # A fresh in-memory cache per test: cached public pages never leak between tests.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": str(tmp_path),
        }
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests are deselected (not skipped) on SQLite: `make test` runs the whole
    suite on both engines, so each of them runs somewhere."""
    if connection.vendor == "postgresql":
        return
    selected = [item for item in items if "postgresql" not in item.keywords]
    deselected = [item for item in items if "postgresql" in item.keywords]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected
