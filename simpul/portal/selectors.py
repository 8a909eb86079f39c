"""Reads of the public portal pages. Everything starts from simpul.publication.selectors (the
one public gate), so nothing here decides what is public; it only shapes what may be shown.

Each page runs a fixed number of queries whatever the number of rows: aggregates in the
database, prefetches for lists, one query per kind of related data.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import QueryDict

from simpul.agreements.models import (
    ACTIVE_STATES,
    Agreement,
    AgreementEvent,
    Family,
    GovernmentAffair,
    Party,
    Stage,
)
from simpul.monitoring.models import Indicator
from simpul.organizations.models import Organization
from simpul.plans.selectors import (
    approved_budget_by_party_year,
    approved_budget_totals,
    budget_table,
)
from simpul.publication import selectors as gate
from simpul.publication.kinds import InfoKind
from simpul.publication.models import PublicationRule
from simpul.regions.models import Region
from simpul.reports.models import Report
from simpul.search.selectors import matching_ids

SORTS = {
    "newest": ("-start_date", "-created_at", "-pk"),
    "title": ("title", "pk"),
    "start": ("start_date", "pk"),
    "end": ("end_date", "pk"),
}
Q_MAX_LENGTH = 100
YEAR_RANGE = (1945, 2100)

_REGION_FIELDS = ("code", "name", "level", "parent_id", "latitude", "longitude")


def public_stage_codes() -> QuerySet:
    """Stage codes at which an agreement's summary is public by default (a subquery)."""
    return PublicationRule.objects.filter(kind=InfoKind.SUMMARY, is_public=True).values(
        "stage_code"
    )


def stage_choices() -> list[tuple[str, str]]:
    """The stages a public agreement can be in, named in the national workflow."""
    codes = set(public_stage_codes().values_list("stage_code", flat=True))
    seen: dict[str, str] = {}
    for stage in Stage.objects.filter(workflow__region__isnull=True, code__in=codes).order_by(
        "position"
    ):
        seen.setdefault(stage.code, str(stage))
    return list(seen.items())


def affair_choices() -> list[GovernmentAffair]:
    return list(GovernmentAffair.objects.all())


# --- Filters -------------------------------------------------------------------------------


@dataclass
class Filters:
    """Filters of the public register and the map, read from GET parameters. A value that is
    not valid is dropped and named in `ignored`, never an error page."""

    family: str = ""
    affair: GovernmentAffair | None = None
    region: Region | None = None
    stage: str = ""
    year: int | None = None
    q: str = ""
    sort: str = "newest"
    ignored: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: QueryDict, *, full: bool = True) -> "Filters":
        """`full=False` reads only the map's filters (family and affair)."""
        filters = cls()
        family = query.get("family", "").strip()
        if family:
            if family in Family.values:
                filters.family = family
            else:
                filters.ignored.append("family")
        affair = query.get("affair", "").strip()
        if affair:
            filters.affair = GovernmentAffair.objects.filter(code=affair).first()
            if filters.affair is None:
                filters.ignored.append("affair")
        if not full:
            return filters
        region = query.get("region", "").strip()
        if region:
            filters.region = (
                Region.objects.current().only(*_REGION_FIELDS).filter(code=region[:13]).first()
            )
            if filters.region is None:
                filters.ignored.append("region")
        stage = query.get("stage", "").strip()
        if stage:
            if public_stage_codes().filter(stage_code=stage).exists():
                filters.stage = stage
            else:
                filters.ignored.append("stage")
        year = query.get("year", "").strip()
        if year:
            if year.isdigit() and YEAR_RANGE[0] <= int(year) <= YEAR_RANGE[1]:
                filters.year = int(year)
            else:
                filters.ignored.append("year")
        filters.q = " ".join(query.get("q", "").split())[:Q_MAX_LENGTH]
        sort = query.get("sort", "").strip()
        if sort in SORTS:
            filters.sort = sort
        elif sort:
            filters.ignored.append("sort")
        return filters

    def as_query(self, *, without: tuple = ()) -> str:
        """The active filters as a query string (for links that keep them)."""
        params = QueryDict(mutable=True)
        values = {
            "family": self.family,
            "affair": self.affair.code if self.affair else "",
            "region": self.region.code if self.region else "",
            "stage": self.stage,
            "year": str(self.year or ""),
            "q": self.q,
            "sort": "" if self.sort == "newest" else self.sort,
        }
        for key, value in values.items():
            if value and key not in without:
                params[key] = value
        return params.urlencode()

    @property
    def active(self) -> bool:
        return bool(self.as_query(without=("sort",)))


def _parties_in(region: Region) -> QuerySet[Party]:
    """Parties based in a region (or, for a province, in it or any of its regencies)."""
    if region.level == Region.Level.PROVINCE:
        return Party.objects.filter(
            Q(organization__region=region) | Q(organization__region__parent=region)
        )
    return Party.objects.filter(organization__region=region)


def filtered_agreements(filters: Filters) -> QuerySet[Agreement]:
    """Public agreements matching the filters. A filter on parties or affairs only looks at
    agreements whose parties or affairs are themselves public."""
    agreements = gate.public_agreements()
    if filters.family:
        agreements = agreements.filter(family=filters.family)
    if filters.affair is not None:
        agreements = agreements.filter(
            pk__in=gate.agreements_with_public(InfoKind.AFFAIRS)
            .filter(affairs=filters.affair)
            .values("pk")
        )
    if filters.region is not None:
        agreements = agreements.filter(
            pk__in=_parties_in(filters.region)
            .filter(agreement__in=gate.agreements_with_public(InfoKind.PARTIES))
            .values("agreement_id")
        )
    if filters.stage:
        agreements = agreements.filter(state=filters.stage)
    if filters.year:
        agreements = agreements.filter(start_date__year=filters.year)
    if filters.q:
        # The full-text index (simpul.search): words of the title, or of the objectives and
        # scope where those are public; a whole reference code typed as it is.
        matching = matching_ids("agreement", filters.q, public=True)
        condition = Q(reference_code__iexact=filters.q)
        if matching is not None:
            condition |= Q(pk__in=matching)
        agreements = agreements.filter(condition)
    return agreements.order_by(*SORTS.get(filters.sort, SORTS["newest"]))


# --- Lists of agreements -------------------------------------------------------------------


def _party_prefetch() -> Prefetch:
    return Prefetch(
        "parties",
        queryset=Party.objects.select_related("organization", "organization__region").only(
            "agreement_id",
            "position",
            "role",
            "organization__name",
            "organization__kind",
            "organization__region__code",
            "organization__region__name",
            "organization__region__level",
        ),
    )


def agreement_rows(agreements) -> list[Agreement]:
    """What each row of a public list shows, in a fixed number of queries: the stage name,
    and the parties and affairs only where those are public (`public_parties`,
    `public_affairs`, empty lists otherwise)."""
    agreements = list(
        agreements.only(
            "reference_code",
            "title",
            "family",
            "category",
            "state",
            "workflow_id",
            "start_date",
            "end_date",
        ).prefetch_related(_party_prefetch(), "affairs")
    )
    ids = [a.pk for a in agreements]
    with_parties = set(
        gate.agreements_with_public(InfoKind.PARTIES)
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )
    with_affairs = set(
        gate.agreements_with_public(InfoKind.AFFAIRS)
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )
    stages = {
        (s.workflow_id, s.code): s
        for s in Stage.objects.filter(workflow_id__in={a.workflow_id for a in agreements})
    }
    for agreement in agreements:
        agreement.stage = stages.get((agreement.workflow_id, agreement.state))
        agreement.public_parties = (
            list(agreement.parties.all()) if agreement.pk in with_parties else []
        )
        agreement.public_affairs = (
            list(agreement.affairs.all()) if agreement.pk in with_affairs else []
        )
    return agreements


# --- The home page -------------------------------------------------------------------------


def national_figures() -> dict:
    """The home page's figures over everything public, in five queries."""
    public = gate.public_agreements()
    totals = public.aggregate(
        total=Count("pk"), in_force=Count("pk", filter=Q(state__in=ACTIVE_STATES))
    )
    parties = Party.objects.filter(
        agreement__in=gate.agreements_with_public(InfoKind.PARTIES)
    ).aggregate(
        regions=Count("organization__region", distinct=True),
        partners=Count("organization", distinct=True),
    )
    affairs = GovernmentAffair.objects.filter(
        agreements__in=gate.agreements_with_public(InfoKind.AFFAIRS)
    ).aggregate(n=Count("pk", distinct=True))["n"]
    budget = approved_budget_totals(gate.agreements_with_public(InfoKind.BUDGET).values("pk"))
    return {
        "agreements": totals["total"],
        "in_force": totals["in_force"],
        "regions": parties["regions"],
        "partners": parties["partners"],
        "affairs": affairs,
        "budget": budget,
    }


def region_counts(filters: Filters) -> list[Region]:
    """Every region with at least one public cooperation matching the filters, with `count`
    (agreements with a party based there), most first. One query."""
    agreements = filtered_agreements(filters).filter(
        pk__in=gate.agreements_with_public(InfoKind.PARTIES).values("pk")
    )
    return list(
        Region.objects.current()
        .filter(organizations__agreement_parties__agreement__in=agreements.values("pk"))
        .annotate(count=Count("organizations__agreement_parties__agreement", distinct=True))
        .only(*_REGION_FIELDS)
        .order_by("-count", "code")
    )


# --- The agreement page --------------------------------------------------------------------


def agreement_timeline(agreement: Agreement) -> list[AgreementEvent]:
    """The agreement's moves into stages at which it is public: stage name and date only
    (who moved it, and why, stays internal)."""
    events = list(
        AgreementEvent.objects.filter(agreement=agreement, to_state__in=public_stage_codes())
        .only("agreement_id", "seq", "to_state", "occurred_at")
        .order_by("seq")
    )
    stages = {s.code: s for s in Stage.objects.filter(workflow_id=agreement.workflow_id)}
    for event in events:
        event.stage = stages.get(event.to_state)
    return events


def agreement_public_page(agreement: Agreement) -> dict:
    """Everything the public agreement page shows, each part only when it is public."""
    kinds = gate.public_kinds(agreement)
    stage = Stage.objects.filter(workflow_id=agreement.workflow_id, code=agreement.state).first()
    page = {
        "kinds": kinds,
        "stage": stage,
        "timeline": agreement_timeline(agreement),
        "parties": [],
        "affairs": [],
        "indicators": [],
        "budget": None,
        "documents": [],
        "reports": [],
    }
    if InfoKind.PARTIES in kinds:
        page["parties"] = list(
            agreement.parties.select_related("organization", "organization__region").defer(
                "organization__region__boundary", "organization__region__bbox"
            )
        )
    if InfoKind.AFFAIRS in kinds:
        page["affairs"] = list(agreement.affairs.all())
    if InfoKind.INDICATORS in kinds:
        page["indicators"] = list(
            Indicator.objects.filter(agreement=agreement).only(
                "agreement_id",
                "code",
                "name",
                "unit",
                "kind",
                "direction",
                "baseline_value",
                "latest_value",
                "latest_target",
                "latest_period_end",
                "progress",
                "status",
                "position",
            )
        )
        for indicator in page["indicators"]:
            progress = indicator.progress
            indicator.bar = None if progress is None else max(0, min(100, int(progress)))
    if InfoKind.BUDGET in kinds:
        # The approved version's figures: a revision being drafted is never public.
        rows = approved_budget_by_party_year(agreement)
        page["budget"] = budget_table(rows) if rows else None
    page["stakeholders"] = []
    if InfoKind.STAKEHOLDERS in kinds:
        page["stakeholders"] = public_stakeholder_rows(agreement)
    page["documents"] = list(gate.public_documents(agreement).prefetch_related("versions"))
    page["reports"] = list(
        gate.public_reports(agreement).defer("snapshot").prefetch_related("files")
    )
    return page


def public_stakeholder_rows(agreement: Agreement) -> list:
    """The agreement's public stakeholders, each with its verified contributions (two
    queries): names, kinds, roles and the grid's scores, never the contact person."""
    stakeholders = list(gate.public_stakeholders(agreement).order_by("-influence", "name"))
    by_stakeholder: dict[int, list] = {s.pk: [] for s in stakeholders}
    for contribution in (
        gate.public_contributions(agreement)
        .only("stakeholder_id", "kind", "description", "value", "year", "source")
        .order_by("-year", "pk")
    ):
        by_stakeholder[contribution.stakeholder_id].append(contribution)
    for stakeholder in stakeholders:
        stakeholder.public_contributions = by_stakeholder[stakeholder.pk]
    return stakeholders


# --- The region page -----------------------------------------------------------------------

REGION_SHOWN = 50


def region_public_page(region: Region) -> dict:
    """A region's public cooperations (parties based in it, or in its regencies for a
    province), its partners and the lines from it to each partner region."""
    agreements = gate.agreements_with_public(InfoKind.PARTIES).filter(
        pk__in=_parties_in(region).values("agreement_id")
    )
    total = agreements.count()
    shown = agreement_rows(agreements.order_by(*SORTS["newest"])[:REGION_SHOWN]) if total else []
    partners = list(
        Organization.objects.filter(agreement_parties__agreement__in=agreements.values("pk"))
        .exclude(region=region)
        .exclude(region__parent=region)
        .select_related("region")
        .only(
            "name", "kind", "region__code", "region__name", "region__latitude", "region__longitude"
        )
        .distinct()
        .order_by("name")
    )
    partner_regions: dict[int, Region] = {}
    for organization in partners:
        if organization.region is not None:
            partner_regions.setdefault(organization.region_id, organization.region)
    return {
        "agreements": shown,
        "total": total,
        "more": max(0, total - len(shown)),
        "partners": partners,
        "partner_regions": sorted(partner_regions.values(), key=lambda r: r.name),
    }


# --- Published reports ---------------------------------------------------------------------


def report_years() -> list[int]:
    return sorted({d.year for d in gate.public_reports().dates("period_end", "year")}, reverse=True)


def published_reports(
    *, q: str = "", year: int | None = None, family: str = ""
) -> QuerySet[Report]:
    """Finished, public reports, newest period first, with their agreement and files."""
    reports = gate.public_reports()
    if q:
        reports = reports.filter(
            Q(title__icontains=q)
            | Q(agreement__title__icontains=q)
            | Q(agreement__reference_code__icontains=q)
        )
    if year:
        reports = reports.filter(period_end__year=year)
    if family:
        reports = reports.filter(agreement__family=family)
    return (
        reports.select_related("agreement")
        .defer("snapshot", "error", "progress_label")
        .prefetch_related("files")
        .order_by("-period_end", "-pk")
    )
