"""Tabs on an agreement's pages, contributed by other apps without agreements knowing them.

An app registers its tab in AppConfig.ready():

    from simpul.agreements.tabs import register_agreement_tab
    register_agreement_tab("plans:plan-detail", _("Plan"), order=20)

Every tab's URL takes the agreement's primary key as `agreement_pk` (agreements' own tabs
take `pk`). A tab may join a group (`group="results"` or `"participation"`, GROUPS below):
the bar shows a group as one entry that opens a list of its tabs, so thirteen tabs fit on one
line at 1280 px and on a phone.

Pages render the bar with `{% load agreement_tabs %}{% agreement_tabs agreement
"plans:plan-detail" %}`; the second argument marks the current tab.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Tab:
    url_name: str
    label: str | Promise
    order: int
    kwarg: str = "agreement_pk"
    group: str = ""


# The groups of the bar, in the place of their first tab.
GROUPS: dict[str, str | Promise] = {
    "results": _("Plans & results"),
    "participation": _("Participation"),
}

_tabs: dict[str, Tab] = {}


def register_agreement_tab(
    url_name: str, label, *, order: int, kwarg: str = "agreement_pk", group: str = ""
):
    if group and group not in GROUPS:
        raise ValueError(f"unknown agreement tab group {group!r}; known: {sorted(GROUPS)}")
    _tabs[url_name] = Tab(url_name, label, order, kwarg, group)


def agreement_tabs() -> list[Tab]:
    return sorted(_tabs.values(), key=lambda tab: tab.order)


register_agreement_tab("agreements:agreement-detail", _("Overview"), order=0, kwarg="pk")
register_agreement_tab("agreements:document-list", _("Documents"), order=10, kwarg="pk")
register_agreement_tab("agreements:dispute-list", _("Disputes"), order=80, kwarg="pk")
