"""Permission-matrix expectations of the monitoring app, gathered from one module per area
(permissions_<area>.py beside this file)."""

import importlib

from simpul.monitoring.views import AREAS

EXPECTATIONS: dict = {}
for _area in (*AREAS, "overview"):
    EXPECTATIONS.update(importlib.import_module(f"{__package__}.permissions_{_area}").EXPECTATIONS)
