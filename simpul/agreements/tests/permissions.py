"""Permission-matrix expectations of the agreements app, gathered from one module per area
(permissions_<area>.py beside this file)."""

import importlib

from simpul.agreements.views import AREAS

EXPECTATIONS: dict = {}
for _area in AREAS:
    try:
        _module = importlib.import_module(f"{__package__}.permissions_{_area}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.permissions_{_area}":
            raise
        continue
    EXPECTATIONS.update(_module.EXPECTATIONS)
