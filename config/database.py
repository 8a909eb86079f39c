"""Turn DATABASE_URL into Django's DATABASES entry, with a clear error for a malformed URL."""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

SUPPORTED_ENGINES = {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}

SQLITE_OPTIONS = {
    # WAL lets readers work while one writer commits; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue on the busy timeout instead of failing with "locked".
    "init_command": ("PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"),
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def database_from_url(url: str, *, base_dir: Path) -> dj_database_url.DBConfig:
    if not url:
        path = base_dir / "var" / "simpul.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path}"
    if "://" not in url:
        raise ImproperlyConfigured(
            "DATABASE_URL is not a valid database URL (it has no scheme). "
            "Examples: sqlite:///var/simpul.sqlite3, postgres://user:pass@host:5432/simpul"
        )
    try:
        urlsplit(url).port  # noqa: B018 - raises ValueError for a port that is not a number
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # the parser raises several unrelated types
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a valid database URL ({exc}). "
            "Examples: sqlite:///var/simpul.sqlite3, postgres://user:pass@host:5432/simpul"
        ) from None
    engine = config.get("ENGINE")
    if engine not in SUPPORTED_ENGINES:
        raise ImproperlyConfigured(
            f"DATABASE_URL uses an unsupported engine ({engine}); use sqlite:// or postgres://"
        )
    if engine == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config.pop("CONN_HEALTH_CHECKS", None)
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
        if not config.get("NAME"):
            raise ImproperlyConfigured("DATABASE_URL for SQLite needs a file path")
    elif not config.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL for PostgreSQL needs a database name")
    return config
