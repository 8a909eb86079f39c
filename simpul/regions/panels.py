"""Panels other apps add to a region's profile page, without the regions app knowing them.

An app registers a function in its AppConfig.ready():

    from simpul.regions.panels import register_profile_panel
    register_profile_panel(my_panel)

`my_panel(request, region)` returns None (nothing to show, e.g. for a visitor) or
(template_name, context); the region page renders each panel below its facts, in the order
of registration. A panel must run a constant number of queries, whatever the region holds.
"""

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

Panel = Callable[..., tuple[str, dict] | None]

_panels: list[Panel] = []


def register_profile_panel(fn: Panel) -> Panel:
    """Add a panel (once, however often ready() runs); usable as a decorator."""
    if fn not in _panels:
        _panels.append(fn)
    return fn


def profile_panels() -> list[Panel]:
    return list(_panels)


def render_profile_panels(request, region) -> list[SafeString]:
    rendered = []
    for panel in _panels:
        result = panel(request, region)
        if result is None:
            continue
        template_name, context = result
        rendered.append(render_to_string(template_name, context, request=request))
    return rendered
