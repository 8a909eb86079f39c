"""Panels about an object, contributed by apps above the object's own app.

A page of a lower app (a meeting, an indicator, an agreement) shows what upper apps hold about
the object (its discussion threads) without importing them. An app registers a function in its
AppConfig.ready():

    from simpul.core.related import register_related_panel
    register_related_panel(threads_panel)

`threads_panel(request, obj)` returns None (nothing to show for this object or person) or
(template_name, context). Templates draw every panel with `{% related_panels obj %}`
(`simpul_ui`). A panel must run a constant number of queries.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

RelatedPanel = Callable[[HttpRequest, Any], tuple[str, dict[str, Any]] | None]

_panels: list[RelatedPanel] = []


def register_related_panel(panel: RelatedPanel) -> RelatedPanel:
    """Add a panel (once, however often ready() runs); usable as a decorator."""
    if panel not in _panels:
        _panels.append(panel)
    return panel


def render_related_panels(request: HttpRequest, obj: Any) -> SafeString:
    rendered: list[str] = []
    for panel in _panels:
        result = panel(request, obj)
        if result is not None:
            template_name, context = result
            rendered.append(render_to_string(template_name, context, request=request))
    # Each part is a rendered template, escaped by the template engine.
    return mark_safe("".join(rendered))  # noqa: S308
