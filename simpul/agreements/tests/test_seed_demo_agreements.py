"""The demo agreements command: real events, signatures and documents, and safe to re-run."""

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from simpul.agreements.models import (
    Agreement,
    AgreementEvent,
    Dispute,
    DocumentVersion,
    Obligation,
    Signature,
)
from simpul.agreements.workflow import state_from_events

pytestmark = pytest.mark.django_db


def test_running_the_demo_twice_creates_each_agreement_once(settings):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo_agreements", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = Agreement.objects.count()
    events = AgreementEvent.objects.count()
    call_command("seed_demo_agreements", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Agreement.objects.count() == first == 8
    assert AgreementEvent.objects.count() == events

    states = dict(Agreement.objects.values_list("title", "state"))
    kartamantul = Agreement.objects.get(title__startswith="Pengelolaan Sampah Regional")
    assert kartamantul.state == "active"
    assert state_from_events(kartamantul) == "active"
    numbers = set(
        Signature.objects.filter(party__agreement=kartamantul, instrument="pks").values_list(
            "document_number", flat=True
        )
    )
    assert len(numbers) == 3
    assert Obligation.objects.filter(party__agreement=kartamantul, status="late").exists()
    assert kartamantul.documents.filter(kind="pks", versions__isnull=False).exists()
    border = Agreement.objects.get(title__startswith="Pelayanan Kesehatan Perbatasan")
    assert border.parties.count() == 4
    assert {p.organization.region.parent.code for p in border.parties.all()} == {"33", "34"}
    assert sorted(states.values()) == sorted(
        [
            "active",
            "pks_drafting",
            "active",
            "kb_drafting",
            "expired",
            "in_dispute",
            "draft",
            "offered",
        ]
    )


def test_the_demo_agreements_refuse_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("seed_demo_agreements")


def test_the_demo_stages_documents_and_dispute_carry_historical_dates_not_the_seeding_day():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo_agreements", stdout=open("/dev/null", "w"))  # noqa: SIM115
    kartamantul = Agreement.objects.get(title__startswith="Pengelolaan Sampah Regional")
    days = {
        event.transition_code: timezone.localdate(event.occurred_at, ZoneInfo("Asia/Jakarta"))
        for event in kartamantul.events.all()
    }
    assert days["activate"] == date(2024, 1, 1)  # in force from its start date
    assert days["create"].year == 2023
    assert days["sign_kb"] < days["sign_pks"] < days["activate"]
    ended = Agreement.objects.get(state="expired")
    expired_on = ended.events.get(transition_code="expire").occurred_at
    assert timezone.localdate(expired_on, ZoneInfo("Asia/Jakarta")) == date(2024, 1, 1)
    now = timezone.now()
    for agreement in Agreement.objects.all():
        moments = list(agreement.events.order_by("seq").values_list("occurred_at", flat=True))
        assert moments == sorted(moments)
        assert all(moment <= now for moment in moments)

    # The documents list and the public page show when each paper arrived: before the step it
    # is attached to, and for an agreement that started by 2024 never on the seeding day.
    for event in AgreementEvent.objects.prefetch_related("documents"):
        assert all(version.uploaded_at <= event.occurred_at for version in event.documents.all())
    seeding_day = timezone.localdate(now, ZoneInfo("Asia/Jakarta"))
    started_by_2024 = Agreement.objects.filter(start_date__year__lte=2024)
    assert started_by_2024.count() == 3
    uploads = DocumentVersion.objects.filter(document__agreement__in=started_by_2024)
    assert uploads.count() >= 8
    moments = [*uploads.values_list("uploaded_at", flat=True)]
    moments += AgreementEvent.objects.filter(agreement__in=started_by_2024).values_list(
        "occurred_at", flat=True
    )
    moments += Dispute.objects.filter(agreement__in=started_by_2024).values_list(
        "created_at", flat=True
    )
    assert seeding_day not in {timezone.localdate(m, ZoneInfo("Asia/Jakarta")) for m in moments}
    disputed = Agreement.objects.get(state="in_dispute")
    opened = disputed.disputes.get().created_at
    assert opened == disputed.events.get(to_state="in_dispute").occurred_at
    assert timezone.localdate(opened, ZoneInfo("Asia/Jakarta")) == date(2026, 2, 9)
