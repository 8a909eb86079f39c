"""Views of the agreements app, one module per area, each with its own `urlpatterns`:

- register.py: the register (filters, search, export) and the creation wizard
- detail.py: the agreement page, editing, parties, obligations, transitions
- documents.py: uploads, versions, downloads
- disputes.py: disputes and decisions
- imports.py: the Excel template, upload, preview and commit
- follow.py: following an agreement (simpul.notifications)
"""

import importlib

AREAS = ("register", "detail", "documents", "disputes", "imports", "follow")


def urlpatterns_by_area() -> list:
    patterns: list = []
    for area in AREAS:
        patterns.extend(importlib.import_module(f"{__name__}.{area}").urlpatterns)
    return patterns
