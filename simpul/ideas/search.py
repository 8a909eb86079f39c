"""Ideas in the search index (simpul.search): title, problem and proposal, from
`selectors.search_documents` (which leaves out unconfirmed, waiting and hidden citizens' ideas).

Readers are exactly those of `access.ideas_visible_to`: the owner organisation's own members
(not its agencies' members, unlike an agreement's readers), the
members of any organisation in a concerned region (the owner's and those that could join),
the overseers of those regions. A published citizen's idea is public, found on the portal.
"""

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import GovernmentAffair
from simpul.search.registry import Entry, Readers, register_kind

from .models import Idea
from .selectors import search_documents


def build_entries(ids: Sequence[int]) -> Iterable[Entry]:
    documents = list(search_documents(Idea.objects.filter(pk__in=ids)))
    codes = {code for document in documents for code in document["affairs"]}
    affairs = dict(GovernmentAffair.objects.filter(code__in=codes).values_list("code", "pk"))
    for document in documents:
        regions = document["region_ids"]
        yield Entry(
            object_id=document["pk"],
            title=document["title"],
            text=document["text"],
            url=document["url"],
            readers=Readers(
                direct_organization_ids=[document["owner_id"]],
                region_ids=regions,
                member_region_ids=regions,
            ),
            year=document["year"],
            affair_ids=[affairs[code] for code in document["affairs"] if code in affairs],
            region_ids=regions,
            public=document["public"],
            public_url=document["public_url"],
        )


def register() -> None:
    register_kind(
        "idea",
        _("Idea"),
        build=build_entries,
        all_ids=lambda: Idea.objects.order_by("pk").values_list("pk", flat=True).iterator(),
        watches={Idea: lambda i: [i.pk]},
    )
