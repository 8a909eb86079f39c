"""Shared page parts: `{% load simpul_ui %}`.

{% status_pill "indicator" indicator.status indicator.get_status_display %}
    one pill of the status scale (simpul/core/status.py): colour from the tone, a
    symbol and the label in words, so colour is never the only signal.

{% table_wrap %}<table>…<caption>…</caption>…</table>{% end_table_wrap %}
{% table_wrap _("Periods") %}…{% end_table_wrap %}
    the one wrapper for tables wider than the screen: a focusable, labelled region
    (keyboard users scroll it with the arrow keys; axe "scrollable-region-focusable"),
    the first column stays in view, and a hint says it scrolls when it does. The label
    is the argument, else the table's caption.
"""

import re
from html import unescape

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from simpul.core.status import status_symbol, status_tone

register = template.Library()


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
