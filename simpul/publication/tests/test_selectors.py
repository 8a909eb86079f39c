"""The public gate: what of an agreement the portal, open data and API may show, by stage,
by decision, behind the summary, with the parties' consent, and in a fixed number of
queries."""

import pytest
from django.http import Http404

from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.publication import services
from simpul.publication.kinds import PER_OBJECT_KINDS, InfoKind
from simpul.publication.models import PublicationConsent, PublicationRule
from simpul.publication.selectors import (
    agreements_with_public,
    is_public,
    public_agreement_get,
    public_agreements,
    public_documents,
    public_kinds,
    public_reports,
    publication_overview,
)
from simpul.reports.models import Report
from simpul.reports.tests.factories import make_report

from .factories import approve_plan, make_document, make_done_report, party_admins, party_of

pytestmark = pytest.mark.django_db

AGREEMENT_KINDS = [kind for kind in InfoKind.values if kind not in PER_OBJECT_KINDS]
# Knowledge items naming the agreement show from the KB signature too (simpul.knowledge.public).
SIGNED_KINDS = {"summary", "parties", "affairs", "objectives", "knowledge"}


def _everywhere(agreement) -> dict:
    """Where the agreement shows on the public side, kind by kind."""
    return {
        kind: agreements_with_public(kind).filter(pk=agreement.pk).exists()
        for kind in AGREEMENT_KINDS
    }


def test_a_draft_agreement_is_public_nowhere(cast):
    agreement = make_agreement(cast, state="draft")
    make_done_report(agreement)

    assert not public_agreements().filter(pk=agreement.pk).exists()
    assert public_kinds(agreement) == set()
    assert not any(_everywhere(agreement).values())
    assert not public_reports(agreement).exists()
    with pytest.raises(Http404):
        public_agreement_get(agreement.reference_code)


def test_a_signed_kb_makes_the_summary_public_but_not_the_work(cast):
    agreement = make_agreement(cast, state="kb_signed")

    assert public_kinds(agreement) == SIGNED_KINDS
    assert {kind for kind, shown in _everywhere(agreement).items() if shown} == SIGNED_KINDS
    assert public_agreement_get(agreement.reference_code) == agreement
    assert is_public(agreement, InfoKind.PARTIES)
    assert not is_public(agreement, InfoKind.INDICATORS)


def test_an_active_agreement_shows_its_plan_indicators_budget_and_finished_reports(cast):
    agreement = make_agreement(cast, state="active")
    approve_plan(agreement)
    done = make_done_report(agreement)
    make_report(agreement)  # queued
    make_report(agreement, status=Report.Status.FAILED)

    assert public_kinds(agreement) == set(AGREEMENT_KINDS)
    assert all(_everywhere(agreement).values())
    assert list(public_reports(agreement)) == [done]


def test_a_decision_overrides_the_default_both_ways(cast):
    working = make_agreement(cast, state="active", title="Sedang berjalan")
    signed = make_agreement(cast, state="kb_signed", title="Baru ditandatangani")

    services.unpublish(working, InfoKind.BUDGET, reason="Belum diaudit", user=cast.sari)
    services.publish(signed, InfoKind.INDICATORS, reason="Indikator disepakati", user=cast.sari)

    assert not is_public(working, InfoKind.BUDGET)
    assert not agreements_with_public(InfoKind.BUDGET).filter(pk=working.pk).exists()
    assert is_public(signed, InfoKind.INDICATORS)
    assert agreements_with_public(InfoKind.INDICATORS).filter(pk=signed.pk).exists()


def test_the_default_rules_are_data_an_administrator_may_change(cast):
    agreement = make_agreement(cast, state="kb_signed")
    PublicationRule.objects.filter(kind=InfoKind.SUMMARY, stage_code="kb_signed").update(
        is_public=False
    )

    assert not public_agreements().filter(pk=agreement.pk).exists()
    assert public_kinds(agreement) == set()


def test_an_internal_summary_hides_every_other_kind_document_and_report(cast):
    agreement = make_agreement(cast, state="active")
    letter = make_document(agreement, "offer_letter")
    services.publish(
        agreement, InfoKind.DOCUMENT, target_id=letter.pk, reason="Surat terbuka", user=cast.sari
    )
    report = make_done_report(agreement)
    assert list(public_documents(agreement)) == [letter]
    assert list(public_reports(agreement)) == [report]

    services.unpublish(agreement, InfoKind.SUMMARY, reason="Ditinjau ulang", user=cast.sari)

    assert public_kinds(agreement) == set()
    assert not any(_everywhere(agreement).values())
    assert not public_documents().filter(pk=letter.pk).exists()
    assert not public_reports().filter(pk=report.pk).exists()
    with pytest.raises(Http404):
        public_agreement_get(agreement.reference_code)
    overview = publication_overview(agreement)
    rows = [*overview.kinds, *overview.documents, *overview.reports]
    assert not overview.summary_public
    assert not any(row.effective for row in rows)
    assert {row.blocked_by for row in rows if row.decided_public} == {"summary"}


def test_documents_stay_internal_until_published_one_by_one(cast):
    agreement = make_agreement(cast, state="active")
    letter = make_document(agreement, "offer_letter")
    make_document(agreement, "terms_of_reference")
    assert not public_documents(agreement).exists()

    services.publish(
        agreement, InfoKind.DOCUMENT, target_id=letter.pk, reason="Surat terbuka", user=cast.sari
    )

    assert list(public_documents(agreement)) == [letter]


def test_a_binding_text_is_public_only_once_every_party_consents(cast):
    agreement = make_agreement(cast, state="active")
    pks = make_document(agreement, "pks")
    services.publish(
        agreement, InfoKind.DOCUMENT, target_id=pks.pk, reason="Naskah final", user=cast.sari
    )
    admins = party_admins(cast)
    consenting = [
        (party_of(agreement, cast.pemkot_yogyakarta), cast.sari),
        (party_of(agreement, government_of(cast.sleman)), admins["sleman"]),
        (party_of(agreement, government_of(cast.bantul)), admins["bantul"]),
    ]

    for party, user in consenting:
        assert not public_documents(agreement).exists()
        services.consent(pks, party, user)
    assert list(public_documents(agreement)) == [pks]

    services.withdraw_consent(pks, *consenting[1])
    assert not public_documents(agreement).exists()


def test_a_facilitators_consent_is_not_needed(cast):
    agreement = make_agreement(cast, state="active")
    agreement.parties.create(organization=cast.pemda_diy, role="facilitator", position=9)
    addendum = make_document(agreement, "addendum")
    services.publish(
        agreement, InfoKind.DOCUMENT, target_id=addendum.pk, reason="Final", user=cast.sari
    )
    for party in agreement.parties.exclude(role="facilitator"):
        PublicationConsent.objects.create(document=addendum, party=party)

    assert list(public_documents(agreement)) == [addendum]
    row = publication_overview(agreement).row(InfoKind.DOCUMENT, addendum.pk)
    assert row.effective
    assert len(row.consents) == 3


def test_the_overview_agrees_with_the_public_gate(cast):
    agreement = make_agreement(cast, state="kb_signed")
    documents = [make_document(agreement, kind) for kind in ("kb", "offer_letter", "other")]
    for document in documents[:2]:
        services.publish(
            agreement, InfoKind.DOCUMENT, target_id=document.pk, reason="Terbuka", user=cast.sari
        )
    PublicationConsent.objects.create(
        document=documents[0], party=party_of(agreement, cast.pemkot_yogyakarta)
    )
    reports = [make_done_report(agreement), make_done_report(agreement)]
    services.publish(
        agreement, InfoKind.REPORT, target_id=reports[0].pk, reason="Terbuka", user=cast.sari
    )
    services.unpublish(agreement, InfoKind.OBJECTIVES, reason="Belum final", user=cast.sari)

    overview = publication_overview(agreement)

    assert {row.kind for row in overview.kinds if row.effective} == public_kinds(agreement)
    assert {row.target_id for row in overview.documents if row.effective} == set(
        public_documents(agreement).values_list("pk", flat=True)
    )
    assert {row.target_id for row in overview.reports if row.effective} == set(
        public_reports(agreement).values_list("pk", flat=True)
    )
    assert overview.row(InfoKind.DOCUMENT, documents[0].pk).blocked_by == "consent"
    assert [row.effective for row in overview.reports] == [False, True]


def _world(cast, size: int) -> None:
    for index in range(size):
        agreement = make_agreement(cast, state="active", title=f"Kerja sama {index}")
        document = make_document(agreement, "pks")
        services.publish(
            agreement, InfoKind.DOCUMENT, target_id=document.pk, reason="Final", user=cast.sari
        )
        for party in agreement.parties.all():
            PublicationConsent.objects.create(document=document, party=party)
        make_done_report(agreement)


def test_public_lists_take_one_query_whatever_their_size(cast, django_assert_num_queries):
    for size in (1, 4):
        _world(cast, size)
        with django_assert_num_queries(3):
            agreements = list(public_agreements())
            documents = list(public_documents())
            reports = list(public_reports())
        assert len(agreements) == len(documents) == len(reports)
    assert len(agreements) == 5


def test_the_overview_takes_the_same_queries_whatever_the_number_of_objects(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (1, 4):
        agreement = make_agreement(cast, state="active", title=f"Ukuran {size}")
        for _ in range(size):
            make_document(agreement, "pks")
            make_done_report(agreement)
        with CaptureQueriesContext(connection) as queries:
            publication_overview(agreement)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_plan_and_its_budget_stay_internal_until_a_plan_version_is_approved(cast):
    agreement = make_agreement(cast, state="active")

    assert InfoKind.INDICATORS in public_kinds(agreement)
    assert {InfoKind.PLAN, InfoKind.BUDGET}.isdisjoint(public_kinds(agreement))
    assert not agreements_with_public(InfoKind.BUDGET).filter(pk=agreement.pk).exists()

    approve_plan(agreement)

    assert {InfoKind.PLAN, InfoKind.BUDGET} <= public_kinds(agreement)
    assert agreements_with_public(InfoKind.BUDGET).filter(pk=agreement.pk).exists()
