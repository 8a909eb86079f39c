"""Settings for scripts/mutation_check.py: the project's settings with a SQLite test database
kept in a file, so pytest's --reuse-db migrates it once instead of once per mutation (the
migrations were most of each run's time). Mutations never touch models or migrations."""

from config.settings import *  # noqa: F403
from config.settings import BASE_DIR, DATABASES

DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "mutation-test.sqlite3")}
