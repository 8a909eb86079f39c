"""Agreements in the search index (simpul.search): title, objectives and scope.

Readers are exactly those of `access.agreements_visible_to`: members of the registering
organisation and of each party (agencies read through their government, see
`simpul.search.access`), overseers of each party's region. Whether the public sees an
agreement is publication's rule (`simpul.publication` registers it).
"""

from collections.abc import Iterable, Sequence

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.search.registry import Entry, Readers, register_affair_choices, register_kind

from .models import Agreement, GovernmentAffair, Party


def with_readers(agreements: QuerySet[Agreement]) -> QuerySet[Agreement]:
    return agreements.prefetch_related(
        Prefetch(
            "parties",
            queryset=Party.objects.select_related("organization").only(
                "agreement_id", "organization_id", "organization__region_id"
            ),
        ),
    )


def readers_of(agreement: Agreement) -> Readers:
    """Needs `with_readers`: who reads this agreement and what hangs off it."""
    parties = list(agreement.parties.all())
    return Readers(
        organization_ids={agreement.owner_id, *(p.organization_id for p in parties)},
        region_ids={p.organization.region_id for p in parties if p.organization.region_id},
    )


def region_ids_of(agreement: Agreement) -> set[int]:
    return {p.organization.region_id for p in agreement.parties.all() if p.organization.region_id}


def build_entries(ids: Sequence[int]) -> Iterable[Entry]:
    agreements = with_readers(Agreement.objects.filter(pk__in=ids)).prefetch_related("affairs")
    for agreement in agreements:
        yield Entry(
            object_id=agreement.pk,
            title=agreement.title,
            text="\n".join(
                t for t in (agreement.reference_code, agreement.objectives, agreement.scope) if t
            ),
            url=reverse("agreements:agreement-detail", args=[agreement.pk]),
            readers=readers_of(agreement),
            year=agreement.start_date.year if agreement.start_date else None,
            affair_ids=[a.pk for a in agreement.affairs.all()],
            region_ids=region_ids_of(agreement),
        )


def register() -> None:
    register_kind(
        "agreement",
        _("Agreement"),
        build=build_entries,
        all_ids=lambda: Agreement.objects.order_by("pk").values_list("pk", flat=True).iterator(),
        watches={
            Agreement: lambda a: [a.pk],
            Party: lambda p: [p.agreement_id],
        },
    )
    register_affair_choices(
        lambda: [(a.pk, str(a)) for a in GovernmentAffair.objects.order_by("position")]
    )
