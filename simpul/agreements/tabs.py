"""Tabs on an agreement's pages, contributed by other apps without agreements knowing them.

An app registers its tab in AppConfig.ready():

    from simpul.agreements.tabs import register_agreement_tab
    register_agreement_tab("plans:plan-detail", _("Plan"), order=20)

Every tab's URL takes the agreement's primary key as `agreement_pk` (agreements' own tabs
take `pk`). Pages render the bar with `{% load agreement_tabs %}{% agreement_tabs agreement
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


_tabs: dict[str, Tab] = {}


def register_agreement_tab(url_name: str, label, *, order: int, kwarg: str = "agreement_pk"):
    _tabs[url_name] = Tab(url_name, label, order, kwarg)


def agreement_tabs() -> list[Tab]:
    return sorted(_tabs.values(), key=lambda tab: tab.order)


register_agreement_tab("agreements:agreement-detail", _("Overview"), order=0, kwarg="pk")
register_agreement_tab("agreements:document-list", _("Documents"), order=10, kwarg="pk")
register_agreement_tab("agreements:dispute-list", _("Disputes"), order=80, kwarg="pk")
