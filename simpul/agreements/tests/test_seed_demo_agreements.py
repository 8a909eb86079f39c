"""The demo agreements command: real events, signatures and documents, and safe to re-run."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from simpul.agreements.models import Agreement, AgreementEvent, Obligation, Signature
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
