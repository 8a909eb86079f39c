"""The one gate between internal data and everything public (portal, open data, API, DCAT).

Every public page and file asks here, and only here, what it may show. Each function answers
in SQL (subqueries, no per-row Python), so lists stay one query at national scale.

Effective rule for (agreement, kind[, object]):
  1. a PublicationDecision row, when one exists, decides;
  2. else the PublicationRule for the agreement's current stage (no row = internal);
  3. and nothing at all is public unless the agreement's SUMMARY is public.
Binding documents (KB, PKS, addendum) additionally need every party's PublicationConsent.
"""

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from simpul.agreements.models import Agreement, Document
from simpul.reports.models import Report

from .kinds import CONSENT_DOCUMENT_KINDS, PER_OBJECT_KINDS, InfoKind
from .models import PublicationConsent, PublicationDecision, PublicationRule


def _default_public_stages(kind: str) -> QuerySet:
    return PublicationRule.objects.filter(kind=kind, is_public=True).values("stage_code")


def _kind_condition(kind: str) -> Q:
    """Agreements for which a per-agreement kind is public (ignoring the summary gate)."""
    decided = PublicationDecision.objects.filter(agreement=OuterRef("pk"), kind=kind, target_id=0)
    return Q(Exists(decided.filter(is_public=True))) | (
        Q(state__in=_default_public_stages(kind)) & ~Q(Exists(decided))
    )


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
    consents = (
        PublicationConsent.objects.filter(document=OuterRef("pk"))
        .order_by()
        .values("document")
        .annotate(n=Count("pk"))
        .values("n")
    )
    parties = (
        Agreement.objects.filter(pk=OuterRef("agreement_id"))
        .annotate(n=Count("parties"))
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


def public_agreement_get(reference_code: str) -> Agreement:
    """The public agreement with this code, or Http404 (internal ones do not exist here)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(public_agreements(), reference_code=reference_code)
