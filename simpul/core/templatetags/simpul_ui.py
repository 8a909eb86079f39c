"""The shared page parts: `{% load simpul_ui %}`.

{% breadcrumbs _("Agreements") list_url agreement.reference_code agreement_url _("Plan") %}
    Label and URL pairs, then the current page's label: one `<nav aria-label>` trail
    (`includes/breadcrumbs.html`), the current page marked `aria-current="page"`, one
    separator drawn by the site's CSS. A pair whose label is empty is left out (an
    optional level, such as a region's province); one whose URL is empty is plain text.
{% include "includes/pagination.html" %}  with `page` (a Paginator page) in the context;
    {% page_href number %} builds each link: the page's `query` if the view gave one,
    else the current query string, with `page=<number>`.
{% icon "lock" %}
    A small inline SVG (no emoji, no icon font), hidden from assistive technology: the
    text beside it carries the meaning. Names: see ICONS.

{% status_pill "indicator" indicator.status indicator.get_status_display %}
    one pill of the status scale (simpul/core/status.py): colour from the tone, a
    symbol and the label in words, so colour is never the only signal.

{% table_wrap %}<table>…<caption>…</caption>…</table>{% end_table_wrap %}
{% table_wrap _("Periods") %}…{% end_table_wrap %}
    the one wrapper for tables wider than the screen: a focusable, labelled region
    (keyboard users scroll it with the arrow keys; axe "scrollable-region-focusable"),
    the first column stays in view, and a hint says it scrolls when it does. The label
    is the argument, else the table's caption.

{% chart_with_table chart %}{% table_wrap %}…{% end_table_wrap %}{% end_chart_with_table %}
    a chart (charts.py's SVG) and the table of its data: side by side from 1024 px, the
    table under the chart on narrower screens; only the table when there is no chart.

{% related_panels obj %}
    what apps above the object's own app show about it (simpul/core/related.py), e.g. the
    discussion threads about a meeting or an indicator.
"""

import re
from html import unescape
from typing import Any

from django import template
from django.http import QueryDict
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.template.loader import render_to_string
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from simpul.core.related import render_related_panels
from simpul.core.status import status_symbol, status_tone

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*trail: Any) -> dict[str, Any]:
    if not trail or len(trail) % 2 == 0:
        raise template.TemplateSyntaxError(
            "breadcrumbs takes label and URL pairs, then the current page's label"
        )
    *pairs, current = trail
    crumbs = [
        {"label": pairs[i], "url": pairs[i + 1]}
        for i in range(0, len(pairs), 2)
        if pairs[i] not in (None, "")
    ]
    return {"crumbs": crumbs, "current": current}


@register.simple_tag(takes_context=True)
def page_href(context: template.Context, number: int) -> str:
    query = context.get("query")
    if isinstance(query, str):
        params = QueryDict(query, mutable=True)
    else:
        request = context.get("request")
        params = request.GET.copy() if request is not None else QueryDict(mutable=True)
    params["page"] = str(number)
    return "?" + params.urlencode()


# 16×16 outlines drawn with the current text colour (paths of our own).
ICONS = {
    "lock": '<rect x="3" y="7" width="10" height="8" rx="1"/><path d="M5 7V5a3 3 0 0 1 6 0v2"/>',
    "clock": '<circle cx="8" cy="8" r="6.5"/><path d="M8 4v4l3 2"/>',
    "check": '<path d="M3 8.5l3 3 7-7"/>',
    "cross": '<path d="M4 4l8 8M12 4l-8 8"/>',
    "return": '<path d="M6 3L2.5 6.5 6 10"/><path d="M3 6.5h6.5a4 4 0 0 1 0 8H7"/>',
}


@register.simple_tag(takes_context=True)
def related_panels(context: template.Context, obj: Any) -> SafeString:
    request = context.get("request")
    if request is None:
        return SafeString("")
    return render_related_panels(request, obj)


@register.simple_tag
def icon(name: str) -> SafeString:
    if name not in ICONS:
        raise template.TemplateSyntaxError(f"unknown icon {name!r}; known: {sorted(ICONS)}")
    return format_html(
        '<svg class="icon icon-{}" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"'
        ' focusable="false" fill="none" stroke="currentColor" stroke-width="1.6"'
        ' stroke-linecap="round" stroke-linejoin="round">{}</svg>',
        name,
        SafeString(ICONS[name]),
    )


@register.simple_tag
def status_pill(kind: str, value: object, label: object = None, extra_class: str = "") -> str:
    tone = status_tone(kind, value)
    return render_to_string(
        "core/includes/status_pill.html",
        {
            "kind": kind,
            "value": "" if value is None else value,
            "label": value if label in (None, "") else label,
            "tone": tone,
            "symbol": status_symbol(tone),
            "extra_class": extra_class,
        },
    )


CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.IGNORECASE | re.DOTALL)


def caption_text(html: str) -> str:
    """The first caption's text, without markup and with its whitespace collapsed."""
    found = CAPTION.search(html)
    if found is None:
        return ""
    return " ".join(unescape(strip_tags(found.group(1))).split())


class TableWrapNode(template.Node):
    def __init__(self, nodelist: NodeList, label: FilterExpression | None) -> None:
        self.nodelist = nodelist
        self.label = label

    def render(self, context: Context) -> SafeString:
        inner = self.nodelist.render(context)
        label = str(self.label.resolve(context)) if self.label is not None else ""
        label = label or caption_text(inner) or gettext("Table")
        # The inner HTML is the output of our own template, escaped there; the label is
        # escaped by the wrapper's template.
        table = mark_safe(inner)  # noqa: S308
        return render_to_string("core/includes/table_wrap.html", {"label": label, "table": table})


@register.tag
def table_wrap(parser: Parser, token: Token) -> TableWrapNode:
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError("table_wrap takes at most one argument, the label")
    label = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    nodelist = parser.parse(("end_table_wrap",))
    parser.delete_first_token()
    return TableWrapNode(nodelist, label)


class ChartWithTableNode(template.Node):
    def __init__(self, nodelist: NodeList, chart: FilterExpression) -> None:
        self.nodelist = nodelist
        self.chart = chart

    def render(self, context: Context) -> SafeString:
        # The inner HTML is the output of our own template, escaped there; the chart is the
        # SVG charts.py rendered (already safe) or nothing.
        table = mark_safe(self.nodelist.render(context))  # noqa: S308
        chart = self.chart.resolve(context)
        return render_to_string(
            "core/includes/chart_with_table.html", {"chart": chart, "table": table}
        )


@register.tag
def chart_with_table(parser: Parser, token: Token) -> ChartWithTableNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("chart_with_table takes one argument, the chart")
    nodelist = parser.parse(("end_chart_with_table",))
    parser.delete_first_token()
    return ChartWithTableNode(nodelist, parser.compile_filter(bits[1]))
