"""The one gate between internal data and everything public (portal, open data, API, DCAT).

Every public page and file asks here, and only here, what it may show. Each function answers
in SQL (subqueries, no per-row Python), so lists stay one query at national scale.

Effective rule for (agreement, kind[, object]):
  1. a PublicationDecision row, when one exists, decides;
  2. else the PublicationRule for the agreement's current stage (no row = internal);
  3. and nothing at all is public unless the agreement's SUMMARY is public.
Binding documents (KB, PKS, addendum) additionally need every party's PublicationConsent.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from simpul.agreements.models import Agreement, Document, Party
from simpul.plans.models import PlanVersion
from simpul.reports.models import Report
from simpul.stakeholders import selectors as stakeholder_selectors
from simpul.stakeholders.models import Contribution, Stakeholder

from .kinds import CONSENT_DOCUMENT_KINDS, CONSENT_EXEMPT_ROLES, PER_OBJECT_KINDS, InfoKind
from .models import PublicationConsent, PublicationDecision, PublicationEvent, PublicationRule


def _default_public_stages(kind: str) -> QuerySet:
    return PublicationRule.objects.filter(kind=kind, is_public=True).values("stage_code")


# The plan and its budget are public only once the parties have approved a plan version:
# a plan still in its first draft is the parties' working paper, whatever its stage.
NEEDS_APPROVED_PLAN = {InfoKind.PLAN, InfoKind.BUDGET}


def _approved_plan_exists() -> Exists:
    return Exists(PlanVersion.objects.filter(plan__agreement=OuterRef("pk")))


def _kind_condition(kind: str) -> Q:
    """Agreements for which a per-agreement kind is public (ignoring the summary gate)."""
    decided = PublicationDecision.objects.filter(agreement=OuterRef("pk"), kind=kind, target_id=0)
    condition = Q(Exists(decided.filter(is_public=True))) | (
        Q(state__in=_default_public_stages(kind)) & ~Q(Exists(decided))
    )
    if kind in NEEDS_APPROVED_PLAN:
        condition &= Q(_approved_plan_exists())
    return condition


def public_agreements() -> QuerySet[Agreement]:
    """Agreements the public may know exist (their summary is public)."""
    return Agreement.objects.filter(_kind_condition(InfoKind.SUMMARY))


def agreements_with_public(kind: str) -> QuerySet[Agreement]:
    """Public agreements whose information of this per-agreement kind is public."""
    if kind in PER_OBJECT_KINDS:
        raise ValueError(f"{kind} is decided per object; use public_documents/public_reports")
    if kind == InfoKind.SUMMARY:
        return public_agreements()
    return public_agreements().filter(_kind_condition(kind))


def public_kinds(agreement: Agreement) -> set[str]:
    """The per-agreement kinds public for this agreement (empty when its summary is not)."""
    rules = set(
        PublicationRule.objects.filter(stage_code=agreement.state, is_public=True).values_list(
            "kind", flat=True
        )
    )
    decisions = dict(
        PublicationDecision.objects.filter(agreement=agreement, target_id=0).values_list(
            "kind", "is_public"
        )
    )
    kinds = {
        kind
        for kind in InfoKind.values
        if kind not in PER_OBJECT_KINDS and decisions.get(kind, kind in rules)
    }
    if (
        kinds & NEEDS_APPROVED_PLAN
        and not PlanVersion.objects.filter(plan__agreement=agreement).exists()
    ):
        kinds -= NEEDS_APPROVED_PLAN
    return kinds if InfoKind.SUMMARY in kinds else set()


def is_public(agreement: Agreement, kind: str) -> bool:
    return kind in public_kinds(agreement)


def _object_condition(kind: str, default_public_stages) -> Q:
    decided = PublicationDecision.objects.filter(
        agreement=OuterRef("agreement_id"), kind=kind, target_id=OuterRef("pk")
    )
    return Q(Exists(decided.filter(is_public=True))) | (
        Q(agreement__state__in=default_public_stages) & ~Q(Exists(decided))
    )


def public_documents(agreement: Agreement | None = None) -> QuerySet[Document]:
    """Documents the public may read (all of them, or one agreement's)."""
    # A binding text needs the consent of every party that binds itself by it; only those
    # parties' consents count (a facilitator's, or a former party's, never does).
    consents = (
        PublicationConsent.objects.filter(
            document=OuterRef("pk"), party__agreement=OuterRef("agreement_id")
        )
        .exclude(party__role__in=CONSENT_EXEMPT_ROLES)
        .order_by()
        .values("document")
        .annotate(n=Count("pk"))
        .values("n")
    )
    parties = (
        Party.objects.filter(agreement=OuterRef("agreement_id"))
        .exclude(role__in=CONSENT_EXEMPT_ROLES)
        .order_by()
        .values("agreement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = (
        Document.objects.filter(agreement__in=public_agreements())
        .filter(_object_condition(InfoKind.DOCUMENT, _default_public_stages(InfoKind.DOCUMENT)))
        .annotate(_consents=consents, _parties=parties)
        .filter(~Q(kind__in=CONSENT_DOCUMENT_KINDS) | Q(_consents__gte=F("_parties")))
    )
    if agreement is not None:
        qs = qs.filter(agreement=agreement)
    return qs


def public_reports(agreement: Agreement | None = None) -> QuerySet[Report]:
    """Finished reports the public may read (all of them, or one agreement's)."""
    qs = Report.objects.filter(status=Report.Status.DONE, agreement__in=public_agreements()).filter(
        _object_condition(InfoKind.REPORT, _default_public_stages(InfoKind.REPORT))
    )
    if agreement is not None:
        qs = qs.filter(agreement=agreement)
    return qs


def public_stakeholders(agreement: Agreement | None = None) -> QuerySet[Stakeholder]:
    """Stakeholders of agreements whose "stakeholders" kind is public. Callers read only the
    public columns (`STAKEHOLDER_PUBLIC_FIELDS`): never the contact person."""
    qs = Stakeholder.objects.filter(
        agreement__in=agreements_with_public(InfoKind.STAKEHOLDERS)
    ).only(*STAKEHOLDER_PUBLIC_FIELDS)
    if agreement is not None:
        qs = qs.filter(agreement=agreement)
    return qs


STAKEHOLDER_PUBLIC_FIELDS = (
    "agreement_id",
    "organization_id",
    "name",
    "kind",
    "roles",
    "interest",
    "influence",
)


def public_contributions(agreement: Agreement | None = None) -> QuerySet[Contribution]:
    """Verified contributions of public stakeholders (never recorded or rejected ones)."""
    qs = Contribution.objects.filter(
        status=Contribution.Status.VERIFIED,
        stakeholder__agreement__in=agreements_with_public(InfoKind.STAKEHOLDERS),
    )
    if agreement is not None:
        qs = qs.filter(stakeholder__agreement=agreement)
    return qs


def contributions_by_organization(
    *, year: int | None = None, public_only: bool = False
) -> list[stakeholder_selectors.Rollup]:
    """Verified contributions per platform organisation, year and kind (organisation, year,
    kind, count, total value), counted in one query; with public_only, those of agreements
    whose stakeholders are public (for recognition on the portal)."""
    agreements = agreements_with_public(InfoKind.STAKEHOLDERS) if public_only else None
    return stakeholder_selectors.contributions_by_organization(year=year, agreements=agreements)


def public_agreement_get(reference_code: str) -> Agreement:
    """The public agreement with this code, or Http404 (internal ones do not exist here)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(public_agreements(), reference_code=reference_code)


# --- The internal overview of one agreement (the "Publication" tab) ------------------------


@dataclass
class Row:
    """One piece of information: its default, the decision overriding it and the result."""

    kind: str
    label: str
    target_id: int = 0
    target: object = None
    default_public: bool = False
    decision: PublicationDecision | None = None
    # Public by its own rule (decision or default), before the summary gate and consents.
    decided_public: bool = False
    effective: bool = False
    # Why it is not public although decided so ("summary", "consent"), else "".
    blocked_by: str = ""
    needs_consent: bool = False
    consents: list = field(default_factory=list)  # [(party, PublicationConsent | None)]

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.target_id}"


@dataclass
class Overview:
    agreement: Agreement
    summary_public: bool
    kinds: list[Row]
    documents: list[Row]
    reports: list[Row]

    def row(self, kind: str, target_id: int = 0) -> Row | None:
        for row in (*self.kinds, *self.documents, *self.reports):
            if row.kind == kind and row.target_id == target_id:
                return row
        return None


def consenting_parties(agreement: Agreement) -> list[Party]:
    """The parties whose consent a binding document of this agreement needs."""
    return list(
        agreement.parties.exclude(role__in=CONSENT_EXEMPT_ROLES)
        .select_related("organization")
        .order_by("position", "pk")
    )


def publication_overview(agreement: Agreement) -> Overview:
    """Every kind, document and finished report of the agreement with its default for the
    current stage, the decision (who, when, why) and the effective state. The effective
    state is computed in Python from the same rules the SQL gate above applies (tests keep
    the two in step). A fixed number of queries, whatever the number of objects."""
    default_kinds = set(
        PublicationRule.objects.filter(stage_code=agreement.state, is_public=True).values_list(
            "kind", flat=True
        )
    )
    decisions = {
        (d.kind, d.target_id): d
        for d in PublicationDecision.objects.filter(agreement=agreement).select_related(
            "decided_by"
        )
    }

    def row(kind, label, target_id=0, target=None) -> Row:
        default = kind in default_kinds
        decision = decisions.get((kind, target_id))
        decided = decision.is_public if decision else default
        return Row(
            kind=kind,
            label=str(label),
            target_id=target_id,
            target=target,
            default_public=default,
            decision=decision,
            decided_public=decided,
        )

    kinds = [row(kind, label) for kind, label in InfoKind.choices if kind not in PER_OBJECT_KINDS]
    summary_public = kinds[0].decided_public  # SUMMARY is the first choice
    plan_approved = PlanVersion.objects.filter(plan__agreement=agreement).exists()
    for item in kinds:
        item.effective = summary_public and item.decided_public
        if item.decided_public and not summary_public:
            item.blocked_by = "summary"
        elif item.decided_public and item.kind in NEEDS_APPROVED_PLAN and not plan_approved:
            item.effective = False
            item.blocked_by = "plan"

    parties = consenting_parties(agreement)
    consents: dict[tuple[int, int], PublicationConsent] = {
        (c.document_id, c.party_id): c
        for c in PublicationConsent.objects.filter(document__agreement=agreement).select_related(
            "given_by"
        )
    }
    documents = []
    for document in agreement.documents.select_related("party__organization").order_by(
        "kind", "pk"
    ):
        item = row(InfoKind.DOCUMENT, document.get_kind_display(), document.pk, document)
        item.needs_consent = document.kind in CONSENT_DOCUMENT_KINDS
        if item.needs_consent:
            item.consents = [(p, consents.get((document.pk, p.pk))) for p in parties]
        consented = not item.needs_consent or all(c for _, c in item.consents)
        item.effective = summary_public and item.decided_public and consented
        if item.decided_public and not summary_public:
            item.blocked_by = "summary"
        elif item.decided_public and not consented:
            item.blocked_by = "consent"
        documents.append(item)

    reports = []
    for report in (
        agreement.reports.filter(status=Report.Status.DONE)
        .defer("snapshot")
        .order_by("-period_end", "-pk")
    ):
        item = row(InfoKind.REPORT, report.title, report.pk, report)
        item.effective = summary_public and item.decided_public
        if item.decided_public and not summary_public:
            item.blocked_by = "summary"
        reports.append(item)
    return Overview(agreement, summary_public, kinds, documents, reports)


def publication_events(agreement: Agreement, limit: int = 100) -> list[PublicationEvent]:
    """The newest publication events of the agreement (the history on its tab)."""
    return list(
        PublicationEvent.objects.filter(agreement=agreement)
        .select_related("actor")
        .order_by("-occurred_at", "-pk")[:limit]
    )
