"""Knowledge items in the search index (simpul.search): the practice's text fields.

Readers are exactly those of `access.knowledge_items_visible_to`: a published item is every
signed-in member's; a draft, an item in review or a returned one is read by the owner's
members (its agencies' members read as the owner, see `simpul.search.access`) and, for an
owner on the government side, by the overseers of its region. An item is public exactly
when `public.public_items` lists it, and then found on its portal page.
"""

from collections.abc import Iterable, Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement
from simpul.organizations.access import OVERSEEN_KINDS
from simpul.publication.models import PublicationDecision, PublicationRule
from simpul.search.registry import Entry, Readers, add_watch, register_kind

from .models import KnowledgeItem
from .public import public_items
from .selectors import OWNER, SEARCHABLE_FIELDS, item_visibility


def _readers(item: KnowledgeItem) -> Readers:
    if item_visibility(item) != OWNER:
        return Readers(members=True)
    owner = item.owner
    overseers = [owner.region_id] if owner.region_id and owner.kind in OVERSEEN_KINDS else []
    return Readers(organization_ids=[owner.pk], region_ids=overseers)


def build_entries(ids: Sequence[int]) -> Iterable[Entry]:
    items = (
        KnowledgeItem.objects.filter(pk__in=ids)
        .select_related("owner")
        .prefetch_related("affairs", "regions")
    )
    public = set(public_items().filter(pk__in=ids).values_list("pk", flat=True))
    for item in items:
        lines = [str(getattr(item, name) or "") for name in SEARCHABLE_FIELDS[1:]]
        yield Entry(
            object_id=item.pk,
            title=item.title,
            text="\n".join(line for line in [item.code or "", *lines] if line.strip()),
            url=reverse("knowledge:item-detail", args=[item.pk]),
            readers=_readers(item),
            year=item.year,
            affair_ids=[a.pk for a in item.affairs.all()],
            region_ids=[r.pk for r in item.regions.all()],
            public=item.pk in public,
            public_url=reverse("portal:knowledge", args=[item.code]) if item.code else "",
        )


def _naming(agreement_id: int) -> list[int]:
    return list(
        KnowledgeItem.agreements.through.objects.filter(agreement_id=agreement_id).values_list(
            "knowledgeitem_id", flat=True
        )
    )


def register() -> None:
    register_kind(
        "knowledge",
        _("Knowledge item"),
        build=build_entries,
        all_ids=lambda: (
            KnowledgeItem.objects.order_by("pk").values_list("pk", flat=True).iterator()
        ),
        watches={
            KnowledgeItem: lambda i: [i.pk],
            # Public only while every agreement it names publishes its knowledge.
            Agreement: lambda a: _naming(a.pk),
            PublicationDecision: lambda d: _naming(d.agreement_id),
        },
    )
    # A default rule changed in the admin: the items naming an agreement in its stage.
    add_watch(
        "knowledge",
        PublicationRule,
        lambda r: list(
            KnowledgeItem.agreements.through.objects.filter(
                agreement__state=r.stage_code
            ).values_list("knowledgeitem_id", flat=True)
        ),
        in_worker=True,
    )
