"""Shared set-up for the bench scripts: point Django at the bench database, then set it up."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = ROOT / "var" / "bench.sqlite3"


def database_url(database: str | None) -> str:
    """--database wins (a SQLite path or a URL); then DATABASE_URL; then var/bench.sqlite3."""
    if database:
        if "://" in database:
            return database
        return f"sqlite:///{Path(database).resolve()}"
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DATABASE}"


def sqlite_path(url: str) -> Path | None:
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///"))
    return None


def setup(url: str, **environ: str) -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.update(environ)
    import django

    django.setup()
