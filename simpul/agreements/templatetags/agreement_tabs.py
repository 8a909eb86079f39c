from django import template
from django.urls import NoReverseMatch, reverse

from simpul.agreements.tabs import GROUPS
from simpul.agreements.tabs import agreement_tabs as registered_tabs

register = template.Library()


@register.inclusion_tag("agreements/includes/tabs.html")
def agreement_tabs(agreement, current: str = ""):
    """The bar's entries in order: a tab, or a group (at its first tab's place) holding its
    tabs; a group is current when one of its tabs is."""
    entries: list[dict] = []
    groups: dict[str, dict] = {}
    for tab in registered_tabs():
        try:
            url = reverse(tab.url_name, kwargs={tab.kwarg: agreement.pk})
        except NoReverseMatch:  # an app that registered a tab is not installed
            continue
        item = {"url": url, "label": tab.label, "current": tab.url_name == current}
        if not tab.group:
            entries.append(item)
            continue
        group = groups.get(tab.group)
        if group is None:
            group = {"code": tab.group, "label": GROUPS[tab.group], "tabs": [], "current": False}
            groups[tab.group] = group
            entries.append(group)
        group["tabs"].append(item)
        group["current"] = group["current"] or item["current"]
    return {"entries": entries}
