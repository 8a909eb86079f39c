"""Settings for the benchmark: the project's own, plus a bare view as the baseline."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
