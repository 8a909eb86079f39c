"""Publishing, unpublishing and consenting: who may, with what reason, and what is kept."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from simpul.agreements.tests.factories import make_agreement
from simpul.audit.context import acting_as, system_actor
from simpul.audit.models import AuditEvent
from simpul.core.public_cache import public_page
from simpul.publication import services
from simpul.publication.kinds import InfoKind
from simpul.publication.models import PublicationConsent, PublicationDecision, PublicationEvent
from simpul.publication.selectors import is_public, public_agreements
from simpul.reports.tests.factories import make_report

from .factories import approve_plan, make_document, make_done_report, party_of

pytestmark = pytest.mark.django_db


def test_publishing_keeps_the_decision_the_history_and_the_audit_trail(cast):
    agreement = make_agreement(cast, state="kb_signed")

    services.publish(
        agreement, InfoKind.INDICATORS, reason="  Target sudah disepakati  ", user=cast.sari
    )

    decision = PublicationDecision.objects.get(agreement=agreement, kind=InfoKind.INDICATORS)
    assert (decision.is_public, decision.reason, decision.decided_by) == (
        True,
        "Target sudah disepakati",
        cast.sari,
    )
    event = PublicationEvent.objects.get(agreement=agreement)
    assert (event.action, event.is_public, event.actor, event.reason) == (
        "publish",
        True,
        cast.sari,
        "Target sudah disepakati",
    )
    audit = AuditEvent.objects.get(
        object_type="publication.publicationdecision", object_id=str(decision.pk)
    )
    assert audit.action == "create"
    assert audit.changes["reason"] == [None, "Target sudah disepakati"]
    assert audit.changes["is_public"] == [None, True]

    services.unpublish(agreement, InfoKind.INDICATORS, reason="Data direvisi", user=cast.sari)

    decision.refresh_from_db()
    assert not decision.is_public
    assert list(
        PublicationEvent.objects.filter(agreement=agreement).values_list("action", flat=True)
    ) == ["unpublish", "publish"]
    update = AuditEvent.objects.filter(
        object_type="publication.publicationdecision", action="update"
    ).get()
    assert update.changes["is_public"] == [True, False]
    assert update.changes["reason"] == ["Target sudah disepakati", "Data direvisi"]


def test_the_system_records_a_past_decision_with_its_date_but_a_person_cannot_backdate_one(cast):
    agreement = make_agreement(cast, state="kb_signed")
    then = datetime(2024, 1, 8, 3, 0, tzinfo=UTC)
    with acting_as(system_actor("seed_demo_public")):
        decision = services.publish(
            agreement, InfoKind.INDICATORS, reason="Target disepakati", user=None, at=then
        )
    assert decision.decided_at == then
    assert PublicationEvent.objects.get(agreement=agreement).occurred_at == then

    with pytest.raises(ValueError):
        services.unpublish(agreement, InfoKind.INDICATORS, reason="x", user=cast.sari, at=then)
    assert PublicationEvent.objects.filter(agreement=agreement).count() == 1


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_a_decision_without_a_reason_is_refused_and_changes_nothing(cast, reason):
    agreement = make_agreement(cast, state="active")

    with pytest.raises(ValidationError) as error:
        services.unpublish(agreement, InfoKind.SUMMARY, reason=reason, user=cast.sari)

    assert error.value.code == "reason_required"
    assert public_agreements().filter(pk=agreement.pk).exists()
    assert not PublicationEvent.objects.exists()


def test_only_the_parties_editors_decide(cast):
    agreement = make_agreement(cast, state="active")

    for person in (cast.dewi, cast.gita, cast.hadi, cast.budi, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.unpublish(agreement, InfoKind.SUMMARY, reason="Coba", user=person)

    assert not PublicationDecision.objects.exists()
    services.unpublish(agreement, InfoKind.SUMMARY, reason="Platform", user=cast.rina)
    assert not public_agreements().filter(pk=agreement.pk).exists()
    with acting_as(system_actor("seed_demo")):  # a command acts as the system
        services.reset_to_default(agreement, InfoKind.SUMMARY, reason="Demo", user=None)
    assert public_agreements().filter(pk=agreement.pk).exists()
    assert PublicationEvent.objects.first().actor_label == "system:seed_demo"


def test_only_this_agreements_documents_and_finished_reports_can_be_decided(cast):
    agreement = make_agreement(cast, state="active")
    other = make_agreement(cast, state="active", title="Lain")
    foreign_document = make_document(other, "offer_letter")
    queued_report = make_report(agreement)
    foreign_report = make_done_report(other)

    attempts = [
        (InfoKind.DOCUMENT, foreign_document.pk),
        (InfoKind.DOCUMENT, 0),
        (InfoKind.REPORT, queued_report.pk),
        (InfoKind.REPORT, foreign_report.pk),
        (InfoKind.BUDGET, foreign_document.pk),
        ("secrets", 0),
    ]
    for kind, target_id in attempts:
        with pytest.raises(ValidationError):
            services.publish(agreement, kind, target_id=target_id, reason="Coba", user=cast.sari)
    assert not PublicationDecision.objects.exists()


def test_returning_to_the_default_removes_the_decision_and_is_recorded(cast):
    agreement = make_agreement(cast, state="active")
    approve_plan(agreement)
    services.unpublish(agreement, InfoKind.BUDGET, reason="Belum diaudit", user=cast.sari)
    assert not is_public(agreement, InfoKind.BUDGET)

    services.reset_to_default(agreement, InfoKind.BUDGET, reason="Sudah diaudit", user=cast.sari)

    assert is_public(agreement, InfoKind.BUDGET)
    assert not PublicationDecision.objects.exists()
    event = PublicationEvent.objects.filter(agreement=agreement).first()
    assert (event.action, event.is_public, event.reason) == ("reset", True, "Sudah diaudit")
    assert AuditEvent.objects.filter(
        object_type="publication.publicationdecision", action="delete"
    ).exists()
    with pytest.raises(ValidationError):
        services.reset_to_default(agreement, InfoKind.BUDGET, reason="Lagi", user=cast.sari)


def test_a_party_consents_for_itself_only(cast):
    agreement = make_agreement(cast, state="active")
    pks = make_document(agreement, "pks")
    yogyakarta = party_of(agreement, cast.pemkot_yogyakarta)
    sleman = agreement.parties.exclude(pk=yogyakarta.pk).first()

    for person, party in ((cast.sari, sleman), (cast.dewi, yogyakarta), (cast.rina, yogyakarta)):
        with pytest.raises(PermissionDenied):
            services.consent(pks, party, person)
    with pytest.raises(ValidationError):
        services.consent(make_document(agreement, "offer_letter"), yogyakarta, cast.sari)

    services.consent(pks, yogyakarta, cast.sari)
    services.consent(pks, yogyakarta, cast.sari)  # twice: still one consent

    given = PublicationConsent.objects.get()
    assert (given.document, given.party, given.given_by) == (pks, yogyakarta, cast.sari)
    assert PublicationEvent.objects.get().action == "consent"
    assert AuditEvent.objects.filter(object_type="publication.publicationconsent").count() == 1

    services.withdraw_consent(pks, yogyakarta, cast.sari)
    assert not PublicationConsent.objects.exists()
    assert PublicationEvent.objects.first().action == "withdraw"


@public_page
def _tiny_public_view(request):
    return HttpResponse(" ".join(public_agreements().values_list("reference_code", flat=True)))


def test_every_change_makes_cached_public_pages_stale(cast):
    agreement = make_agreement(cast, state="active")
    pks = make_document(agreement, "pks")

    def visit():
        request = RequestFactory().get("/publik/test/")
        request.user = AnonymousUser()
        return _tiny_public_view(request)

    assert agreement.reference_code in visit().content.decode()
    assert visit()["X-Public-Cache"] == "hit"

    services.unpublish(agreement, InfoKind.SUMMARY, reason="Ditinjau", user=cast.sari)
    first = visit()
    assert first["X-Public-Cache"] == "miss"
    assert agreement.reference_code not in first.content.decode()

    for change in (
        lambda: services.reset_to_default(
            agreement, InfoKind.SUMMARY, reason="Selesai", user=cast.sari
        ),
        lambda: services.consent(pks, party_of(agreement, cast.pemkot_yogyakarta), cast.sari),
        lambda: services.withdraw_consent(
            pks, party_of(agreement, cast.pemkot_yogyakarta), cast.sari
        ),
    ):
        visit()
        change()
        assert visit()["X-Public-Cache"] == "miss"
