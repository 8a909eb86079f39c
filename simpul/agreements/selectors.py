"""Reads of the agreement pages: the register (filters, search, sort) and the agreement page.

Every read starts from access.agreements_visible_to, so nothing here decides who sees what.
Queries are shaped so that their number does not grow with the rows shown.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from simpul.organizations.access import memberships_of
from simpul.organizations.models import Organization
from simpul.regions.models import Region
from simpul.search.selectors import matching_ids

from . import access
from .models import (
    Agreement,
    AgreementEvent,
    Document,
    DocumentVersion,
    GovernmentAffair,
    Obligation,
    Party,
    Signature,
    Stage,
)

EXPIRING_DAYS = 180

SORTS = {
    "newest": ("-created_at", "-pk"),
    "title": ("title", "pk"),
    "start": ("start_date", "pk"),
    "end": ("end_date", "pk"),
    "state": ("state", "title", "pk"),
}


def register_agreements(
    user,
    *,
    family: str = "",
    category: str = "",
    state: str = "",
    affair: GovernmentAffair | None = None,
    region: Region | None = None,
    organization: Organization | None = None,
    year: int | None = None,
    expiring: bool = False,
    q: str = "",
    sort: str = "newest",
) -> QuerySet[Agreement]:
    """The agreements the user may see, filtered. Search goes through the full-text index
    (simpul.search: title, objectives and scope, Indonesian word forms); the register keeps
    its own access rule, filters and sort."""
    agreements = access.agreements_visible_to(user)
    if family:
        agreements = agreements.filter(family=family)
    if category:
        agreements = agreements.filter(category=category)
    if state:
        agreements = agreements.filter(state=state)
    if affair is not None:
        agreements = agreements.filter(affairs=affair)
    if region is not None:
        parties = Party.objects.filter(
            Q(organization__region=region) | Q(organization__region__parent=region)
        )
        agreements = agreements.filter(pk__in=parties.values("agreement_id"))
    if organization is not None:
        agreements = agreements.filter(
            pk__in=Party.objects.filter(organization=organization).values("agreement_id")
        )
    if year:
        agreements = agreements.filter(start_date__year=year)
    if expiring:
        today = timezone.localdate()
        agreements = agreements.filter(
            end_date__gte=today, end_date__lte=today + datetime.timedelta(days=EXPIRING_DAYS)
        )
    if q:
        matching = matching_ids("agreement", q)
        agreements = (
            agreements.filter(pk__in=matching) if matching is not None else agreements.none()
        )
    return agreements.order_by(*SORTS.get(sort, SORTS["newest"]))


def with_register_rows(agreements: QuerySet[Agreement]) -> QuerySet[Agreement]:
    """What each register row shows, fetched in a fixed number of queries."""
    return agreements.select_related("owner").prefetch_related(
        Prefetch(
            "parties",
            queryset=Party.objects.select_related("organization", "organization__region").defer(
                "organization__region__boundary", "organization__region__bbox"
            ),
        ),
        "affairs",
    )


def stage_names(workflow_ids) -> dict[tuple[int, str], Stage]:
    return {(s.workflow_id, s.code): s for s in Stage.objects.filter(workflow_id__in=workflow_ids)}


def annotate_stages(agreements) -> list[Agreement]:
    """Attach `stage` (the Stage of the agreement's state, or None) to each agreement."""
    agreements = list(agreements)
    stages = stage_names({a.workflow_id for a in agreements})
    for agreement in agreements:
        agreement.stage = stages.get((agreement.workflow_id, agreement.state))
    return agreements


def state_choices() -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for stage in Stage.objects.filter(workflow__region__isnull=True).order_by("position"):
        seen.setdefault(stage.code, str(stage))
    return list(seen.items())


def _pk_or_none(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


def region_choices(*, selected=None) -> QuerySet[Region]:
    """The 38 provinces (a province includes its regencies and cities), plus the region
    chosen from a region page. Offering all 552 would make every register page heavy."""
    condition = Q(level=Region.Level.PROVINCE)
    selected_pk = _pk_or_none(selected)
    if selected_pk is not None:
        condition |= Q(pk=selected_pk)
    return Region.objects.current().without_geometry().filter(condition).order_by("code")


def party_organization_choices(user, *, selected=None) -> QuerySet[Organization]:
    """The user's own organisations (and their parent governments), plus the party chosen
    from an organisation page, if it is a party to an agreement the user may see.
    Listing every party nationwide would put thousands of options on every page."""
    own: set[int] = set()
    for membership in memberships_of(user):
        own.add(membership.organization_id)
        if membership.organization.parent_id:
            own.add(membership.organization.parent_id)
    condition = Q(pk__in=own)
    selected_pk = _pk_or_none(selected)
    if selected_pk is not None:
        visible = access.agreements_visible_to(user)
        condition |= Q(pk=selected_pk) & Q(
            pk__in=Party.objects.filter(agreement__in=visible).values("organization_id")
        )
    return Organization.objects.filter(condition).order_by("name")


# --- The creation wizard --------------------------------------------------------------------


def owner_organization_choices(user) -> QuerySet[Organization]:
    """Organisations the user may register an agreement for: admin, coordinator or editor."""
    if user.is_superuser:
        return Organization.objects.active().order_by("name")
    ids = [m.organization_id for m in memberships_of(user) if m.role in access.EDITOR_ROLES]
    return Organization.objects.filter(pk__in=ids).order_by("name")


def party_candidates(*, search: str = "", kinds=None) -> QuerySet[Organization]:
    organizations = Organization.objects.active().select_related("region")
    if kinds:
        organizations = organizations.filter(kind__in=kinds)
    if search:
        organizations = organizations.filter(
            Q(name__icontains=search)
            | Q(acronym__icontains=search)
            | Q(region__name__icontains=search)
            | Q(region__code__startswith=search)
        )
    return organizations.order_by("name")


def affairs_grouped() -> list[tuple[str, list[GovernmentAffair]]]:
    groups: dict[str, list[GovernmentAffair]] = defaultdict(list)
    for affair in GovernmentAffair.objects.all():
        groups[affair.get_group_display()].append(affair)
    return list(groups.items())


# --- The agreement page ---------------------------------------------------------------------


@dataclass
class PartySummary:
    party: Party
    pending: int = 0
    late: int = 0
    fulfilled: int = 0
    money_by_year: dict = field(default_factory=dict)
    council_documents: list = field(default_factory=list)

    @property
    def is_behind(self) -> bool:
        return self.late > 0


def agreement_page(agreement: Agreement) -> dict:
    """Everything the agreement page shows, in a fixed number of queries."""
    parties = list(
        agreement.parties.select_related("organization", "organization__region")
        .defer("organization__region__boundary", "organization__region__bbox")
        .prefetch_related(
            Prefetch(
                "signatures",
                queryset=Signature.objects.select_related("power_of_attorney"),
            ),
            Prefetch("obligations", queryset=Obligation.objects.order_by("fiscal_year", "pk")),
        )
    )
    documents = list(
        agreement.documents.select_related("party__organization").prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.select_related("uploaded_by"))
        )
    )
    events = list(
        agreement.events.select_related("actor").prefetch_related(
            Prefetch("documents", queryset=DocumentVersion.objects.select_related("document"))
        )
    )
    stages = {s.code: s for s in Stage.objects.filter(workflow_id=agreement.workflow_id)}
    for event in events:
        event.from_stage = stages.get(event.from_state)
        event.to_stage = stages.get(event.to_state)
    summaries = []
    council_docs = defaultdict(list)
    for document in documents:
        if document.kind == Document.Kind.COUNCIL_APPROVAL and document.party_id:
            council_docs[document.party_id].append(document)
    for party in parties:
        summary = PartySummary(party=party, council_documents=council_docs.get(party.pk, []))
        money: dict = defaultdict(Decimal)
        now = timezone.now()
        for obligation in party.obligations.all():
            is_late = obligation.is_late_at(now)
            obligation.is_late = is_late
            if obligation.status == Obligation.Status.FULFILLED:
                summary.fulfilled += 1
            elif is_late:
                summary.late += 1
            else:
                summary.pending += 1
            if obligation.kind == Obligation.Kind.MONEY and obligation.amount is not None:
                money[obligation.fiscal_year] += obligation.amount
        summary.money_by_year = dict(sorted(money.items(), key=lambda kv: kv[0] or 0))
        summaries.append(summary)
    return {
        "parties": parties,
        "party_summaries": summaries,
        "documents": documents,
        "events": events,
        "stage": stages.get(agreement.state),
        "affairs": list(agreement.affairs.all()),
        "behind": [s for s in summaries if s.is_behind],
    }


def agreement_events(agreement: Agreement) -> QuerySet[AgreementEvent]:
    return agreement.events.select_related("actor")
