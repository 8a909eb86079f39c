"""Disputes: opening one can put the agreement in dispute, escalation climbs the levels, and
resolving the last suspending dispute puts the agreement back in force."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from simpul.agreements.models import (
    Agreement,
    AgreementEvent,
    Dispute,
    DisputeDecision,
    DisputeLevel,
    Document,
)
from simpul.agreements.services.disputes import dispute_decide, dispute_escalate, dispute_open
from simpul.agreements.tests.factories import make_agreement
from simpul.core.tests.test_uploads import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(cast):
    return make_agreement(cast, user=cast.sari, state="active")


def _levels() -> list[DisputeLevel]:
    return list(DisputeLevel.objects.order_by("position"))


def _open(agreement, user, *, suspends=True, subject="Pembagian biaya TPA") -> Dispute:
    return dispute_open(
        agreement=agreement,
        user=user,
        subject=subject,
        parties=agreement.parties.all()[:2],
        level=_levels()[0],
        suspends_agreement=suspends,
    )


def _state(agreement) -> str:
    return Agreement.objects.get(pk=agreement.pk).state


def _detail_url(dispute) -> str:
    return reverse(
        "agreements:dispute-detail",
        kwargs={"pk": dispute.agreement_id, "dispute_pk": dispute.pk},
    )


def _decide_url(dispute) -> str:
    return reverse(
        "agreements:dispute-decide",
        kwargs={"pk": dispute.agreement_id, "dispute_pk": dispute.pk},
    )


def _escalate_url(dispute) -> str:
    return reverse(
        "agreements:dispute-escalate",
        kwargs={"pk": dispute.agreement_id, "dispute_pk": dispute.pk},
    )


# --- Opening --------------------------------------------------------------------------------


def test_a_dispute_that_suspends_moves_the_active_agreement_into_dispute(client, cast, agreement):
    parties = list(agreement.parties.all())
    client.force_login(cast.sari)
    response = client.post(
        reverse("agreements:dispute-create", kwargs={"pk": agreement.pk}),
        {
            "subject": "Pembagian biaya TPA Piyungan",
            "description": "Sleman belum membayar iuran 2026.",
            "parties": [parties[0].pk, parties[1].pk],
            "level": _levels()[0].pk,
            "suspends_agreement": "on",
        },
    )
    dispute = Dispute.objects.get(agreement=agreement)
    assert response.status_code == 302
    assert response["Location"] == _detail_url(dispute)
    assert set(dispute.parties.all()) == {parties[0], parties[1]}
    assert dispute.opened_by == cast.sari
    assert dispute.status == Dispute.Status.OPEN
    assert _state(agreement) == "in_dispute"
    event = AgreementEvent.objects.filter(agreement=agreement).order_by("-seq").first()
    assert (event.transition_code, event.from_state, event.to_state) == (
        "open_dispute",
        "active",
        "in_dispute",
    )
    assert event.actor == cast.sari


def test_the_dispute_form_opens_for_editors_and_not_for_overseers(client, cast, agreement):
    url = reverse("agreements:dispute-create", kwargs={"pk": agreement.pk})
    client.force_login(cast.sari)
    response = client.get(url)
    assert response.status_code == 200
    assert b'id="dispute-form"' in response.content
    client.force_login(cast.gita)
    assert client.get(url).status_code == 404


def test_a_dispute_that_does_not_suspend_leaves_the_agreement_in_force(cast, agreement):
    _open(agreement, cast.sari, suspends=False)
    assert _state(agreement) == "active"


def test_a_dispute_on_an_agreement_not_yet_in_force_leaves_its_stage_alone(cast):
    draft = make_agreement(cast, user=cast.sari)
    _open(draft, cast.sari, suspends=True)
    assert _state(draft) == "draft"


def test_a_dispute_needs_at_least_one_party(client, cast, agreement):
    client.force_login(cast.sari)
    response = client.post(
        reverse("agreements:dispute-create", kwargs={"pk": agreement.pk}),
        {"subject": "Tanpa pihak", "level": _levels()[0].pk},
    )
    assert response.status_code == 400
    assert not Dispute.objects.exists()
    assert _state(agreement) == "active"


def test_a_party_of_another_agreement_cannot_be_involved(cast, agreement):
    other = make_agreement(cast, user=cast.sari, title="Transportasi")
    with pytest.raises(ValidationError):
        dispute_open(
            agreement=agreement,
            user=cast.sari,
            subject="Salah pihak",
            parties=other.parties.all()[:1],
            level=_levels()[0],
        )


def test_a_terminated_agreement_takes_no_new_disputes(cast):
    ended = make_agreement(cast, user=cast.sari, state="terminated")
    with pytest.raises(ValidationError):
        _open(ended, cast.sari)


# --- Escalating ------------------------------------------------------------------------------


def test_escalation_climbs_the_levels_one_at_a_time_and_stops_at_the_top(client, cast, agreement):
    dispute = _open(agreement, cast.sari)
    levels = _levels()
    assert [level.code for level in levels][1:] == ["governor", "minister"]
    client.force_login(cast.sari)
    for expected in levels[1:]:
        response = client.post(_escalate_url(dispute), {"note": "Musyawarah buntu."})
        assert response.status_code == 302
        dispute.refresh_from_db()
        assert dispute.level == expected
    response = client.post(_escalate_url(dispute), {"note": "Lagi"})
    assert response.status_code == 400
    dispute.refresh_from_db()
    assert dispute.level == levels[-1]
    escalations = list(DisputeDecision.objects.filter(dispute=dispute).order_by("pk"))
    assert [d.level for d in escalations] == levels[:-1]
    assert not any(d.resolves for d in escalations)
    assert all("Musyawarah buntu." in d.summary for d in escalations)
    assert _state(agreement) == "in_dispute"


def test_a_resolved_dispute_cannot_be_escalated(cast, agreement):
    dispute = _open(agreement, cast.sari)
    dispute_decide(
        dispute=dispute,
        user=cast.sari,
        summary="Sepakat.",
        decided_on=timezone.localdate(),
        resolves=True,
    )
    with pytest.raises(ValidationError):
        dispute_escalate(dispute=dispute, user=cast.sari)


# --- Deciding --------------------------------------------------------------------------------


def test_resolving_the_dispute_puts_the_agreement_back_in_force(client, cast, agreement):
    dispute = _open(agreement, cast.sari)
    assert _state(agreement) == "in_dispute"
    client.force_login(cast.sari)
    response = client.post(
        _decide_url(dispute),
        {
            "summary": "Disepakati pembagian biaya 40:30:30.",
            "decided_on": "2026-01-15",
            "resolves": "on",
            "file": SimpleUploadedFile("putusan.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.status == Dispute.Status.RESOLVED
    assert dispute.resolved_on == date(2026, 1, 15)
    assert _state(agreement) == "active"
    decision = dispute.decisions.get()
    assert decision.resolves
    assert decision.document.kind == Document.Kind.DISPUTE_DECISION
    event = AgreementEvent.objects.filter(agreement=agreement).order_by("-seq").first()
    assert event.transition_code == "resolve_dispute"
    assert list(event.documents.all()) == [decision.document.latest_version]


def test_a_decision_that_does_not_resolve_keeps_the_dispute_open(cast, agreement):
    dispute = _open(agreement, cast.sari)
    dispute_decide(
        dispute=dispute,
        user=cast.sari,
        summary="Ditunda ke rapat berikut.",
        decided_on=timezone.localdate(),
        resolves=False,
    )
    dispute.refresh_from_db()
    assert dispute.status == Dispute.Status.OPEN
    assert _state(agreement) == "in_dispute"


def test_the_agreement_stays_in_dispute_while_another_suspending_dispute_is_open(cast, agreement):
    first = _open(agreement, cast.sari, subject="Biaya")
    second = _open(agreement, cast.sari, subject="Lokasi")
    today = timezone.localdate()
    dispute_decide(dispute=first, user=cast.sari, summary="Ok", decided_on=today, resolves=True)
    assert _state(agreement) == "in_dispute"
    dispute_decide(dispute=second, user=cast.sari, summary="Ok", decided_on=today, resolves=True)
    assert _state(agreement) == "active"


def test_a_decision_dated_in_the_future_is_refused(client, cast, agreement):
    dispute = _open(agreement, cast.sari)
    client.force_login(cast.sari)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        _decide_url(dispute),
        {"summary": "Sepakat.", "decided_on": tomorrow.isoformat(), "resolves": "on"},
    )
    assert response.status_code == 400
    dispute.refresh_from_db()
    assert dispute.status == Dispute.Status.OPEN
    assert _state(agreement) == "in_dispute"


def test_a_bad_decision_document_is_refused_and_nothing_is_decided(client, cast, agreement):
    dispute = _open(agreement, cast.sari)
    client.force_login(cast.sari)
    response = client.post(
        _decide_url(dispute),
        {
            "summary": "Sepakat.",
            "decided_on": "2026-01-15",
            "resolves": "on",
            "file": SimpleUploadedFile("putusan.pdf", b"MZ\x90\x00" + b"\x00" * 100),
        },
    )
    assert response.status_code == 400
    assert not DisputeDecision.objects.exists()
    assert not Document.objects.filter(agreement=agreement).exists()
    assert _state(agreement) == "in_dispute"


# --- Reading ---------------------------------------------------------------------------------


def test_overseers_read_the_dispute_but_get_no_forms(client, cast, agreement):
    dispute = _open(agreement, cast.sari)
    client.force_login(cast.gita)
    response = client.get(_detail_url(dispute))
    assert response.status_code == 200
    assert b'id="decide-form"' not in response.content
    assert b'id="escalate-form"' not in response.content
    client.force_login(cast.sari)
    response = client.get(_detail_url(dispute))
    assert b'id="decide-form"' in response.content
    assert b'id="escalate-form"' in response.content


def test_a_dispute_cannot_be_opened_through_another_agreements_address(client, cast, agreement):
    dispute = _open(agreement, cast.sari)
    other = make_agreement(cast, user=cast.sari, title="Transportasi")
    client.force_login(cast.sari)
    url = reverse("agreements:dispute-detail", kwargs={"pk": other.pk, "dispute_pk": dispute.pk})
    assert client.get(url).status_code == 404


def test_the_dispute_list_query_count_does_not_grow_with_disputes(
    client, cast, agreement, django_assert_max_num_queries
):
    _open(agreement, cast.sari, subject="Satu")
    client.force_login(cast.sari)
    url = reverse("agreements:dispute-list", kwargs={"pk": agreement.pk})
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    for number in range(6):
        _open(agreement, cast.sari, subject=f"Sengketa {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
