"""Views of the monitoring app, one module per area, each with its own `urlpatterns`:

- indicators.py: the results chain, indicators, targets and the SMART check
- collection.py: reporting periods, submissions, values, evidence, the Excel round-trip
- analysis.py: the agreement's results dashboard, IPTT, budget, indicator pages
- evaluations.py: evaluations, findings, recommendations and follow-ups
- overview.py: regional and national dashboards and early warnings (mounted at /pemantauan/)
"""

import importlib

AREAS = ("indicators", "collection", "analysis", "evaluations")


def urlpatterns_by_area() -> list:
    patterns: list = []
    for area in AREAS:
        patterns.extend(importlib.import_module(f"{__name__}.{area}").urlpatterns)
    return patterns
