from django import template
from django.urls import NoReverseMatch, reverse

from simpul.agreements.tabs import agreement_tabs as registered_tabs

register = template.Library()


@register.inclusion_tag("agreements/includes/tabs.html")
def agreement_tabs(agreement, current: str = ""):
    tabs = []
    for tab in registered_tabs():
        try:
            url = reverse(tab.url_name, kwargs={tab.kwarg: agreement.pk})
        except NoReverseMatch:  # an app that registered a tab is not installed
            continue
        tabs.append({"url": url, "label": tab.label, "current": tab.url_name == current})
    return {"tabs": tabs}
