"""Creating and changing agreements, parties, signatures and obligations."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from simpul.agreements.models import Obligation
from simpul.agreements.selectors_workflow import party_obligation_summary
from simpul.agreements.services.agreements import (
    AgreementInvalid,
    agreement_create,
    agreement_update,
    obligation_create,
    obligation_set_status,
    obligation_update,
    party_add,
    party_remove,
    signature_record,
)
from simpul.agreements.tests.factories import (
    government_of,
    make_agreement,
    make_document_version,
    make_signature,
)
from simpul.agreements.workflow import state_from_events
from simpul.core.errors import Conflict


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_new_agreement_gets_a_unique_reference_code_its_parties_and_a_draft_event(cast):
    first = make_agreement(cast)
    second = make_agreement(cast)
    assert first.reference_code != second.reference_code
    assert second.reference_code.startswith("KSD-")
    assert first.parties.count() == 3
    assert first.parties.first().organization == cast.pemkot_yogyakarta
    assert state_from_events(first) == first.state == "draft"
    assert first.events.get().actor_label == "system"


def test_a_mandatory_ksdd_between_non_bordering_regions_cannot_be_created(cast):
    with pytest.raises(AgreementInvalid) as error:
        agreement_create(
            user=cast.sari,
            owner=cast.pemkot_yogyakarta,
            family="ksdd",
            category="wajib",
            title="Jalan lintas",
            parties=[(cast.pemkot_yogyakarta, "initiator"), (cast.pemkot_semarang, "party")],
        )
    assert error.value.messages == [
        "Kota Yogyakarta and Kota Semarang do not share a border: a mandatory KSDD needs "
        "bordering regions"
    ]


def test_an_agreement_ending_before_it_starts_cannot_be_created(cast):
    with pytest.raises(AgreementInvalid):
        make_agreement(cast, start_date=date(2026, 5, 1), end_date=date(2026, 1, 1))


def test_a_category_is_only_kept_for_ksdd(cast):
    agreement = make_agreement(
        cast, family="ksdpk", parties=[cast.pemkot_yogyakarta, cast.ngo], category="wajib"
    )
    assert agreement.category == ""


def test_updating_with_a_stale_version_is_refused_naming_who_saved_and_the_stage(cast):
    agreement = make_agreement(cast)
    agreement_update(agreement=agreement, user=cast.sari, expected_version=1, title="Baru")
    assert (agreement.version, agreement.changed_by) == (2, cast.sari)
    with translation.override("en"), pytest.raises(Conflict) as refused:
        agreement_update(agreement=agreement, user=cast.budi, expected_version=1, title="Lain")
    assert refused.value.who == cast.sari.full_name and refused.value.status == 409
    assert f"{cast.sari.full_name} changed this agreement at" in refused.value.messages[0]
    assert refused.value.state in refused.value.messages[0]
    agreement.refresh_from_db()
    assert agreement.title == "Baru"


def test_parties_can_only_change_while_the_agreement_is_draft_or_offered(cast):
    agreement = make_agreement(cast, parties=[cast.pemkot_yogyakarta, government_of(cast.sleman)])
    bantul = party_add(agreement=agreement, organization=government_of(cast.bantul))
    assert agreement.parties.count() == 3
    party_remove(party=bantul)
    assert agreement.parties.count() == 2
    active = make_agreement(cast, state="active")
    with pytest.raises(AgreementInvalid):
        party_add(agreement=active, organization=cast.pemkot_semarang)


def test_a_pks_signature_before_the_partys_kb_signature_is_refused(cast):
    agreement = make_agreement(cast, state="pks_drafting")
    bantul = agreement.parties.get(organization__region=cast.bantul)
    make_signature(bantul, "kb", signed_on=date(2026, 3, 10))
    with pytest.raises(AgreementInvalid) as error:
        signature_record(
            party=bantul,
            instrument="pks",
            document_number="PKS/01/2026",
            signatory_name="Abdul Halim",
            signatory_office="Bupati",
            is_head_of_region=True,
            signed_on=date(2026, 3, 9),
        )
    assert error.value.messages == [
        "PKS cannot be signed on 9 March 2026: Kabupaten Bantul signed the KB on 10 March 2026, "
        "and the PKS cannot be signed before the KB"
    ]


def test_an_official_signing_without_power_of_attorney_is_refused_and_with_one_accepted(cast):
    agreement = make_agreement(cast, state="pks_drafting")
    sleman = agreement.parties.get(organization__region=cast.sleman)
    make_signature(sleman, "kb")
    values = {
        "party": sleman,
        "instrument": "pks",
        "document_number": "PKS/7/2026",
        "signatory_name": "Ir. Budi Hartono",
        "signatory_office": "Kepala DLH",
        "is_head_of_region": False,
        "signed_on": date(2026, 3, 5),
    }
    with pytest.raises(AgreementInvalid) as error:
        signature_record(**values)
    assert error.value.field == "power_of_attorney"
    attorney = make_document_version(agreement, "power_of_attorney", party=sleman).document
    signature = signature_record(**values, power_of_attorney=attorney)
    assert signature.power_of_attorney == attorney


def test_the_obligation_summary_shows_who_is_behind(cast, django_assert_max_num_queries):
    agreement = make_agreement(cast)
    yogya, sleman, bantul = agreement.parties.all()
    obligation_create(
        party=yogya, kind="money", description="Operasional", amount=Decimal("1000000")
    )
    late = obligation_create(
        party=sleman, kind="money", description="Lahan", amount=Decimal("500"), fiscal_year=2026
    )
    obligation_set_status(obligation=late, status="late")
    done = obligation_create(party=bantul, kind="staff", description="Dua petugas")
    obligation_update(obligation=done, description="Tiga petugas")
    obligation_set_status(obligation=done, status="fulfilled", fulfilled_on=date(2026, 2, 1))
    with pytest.raises(AgreementInvalid):
        obligation_create(party=yogya, kind="money", description="Tanpa jumlah")
    with django_assert_max_num_queries(2):
        summary = party_obligation_summary(agreement)
    assert [(r["pending"], r["fulfilled"], r["late"], r["behind"]) for r in summary] == [
        (1, 0, 0, False),
        (0, 0, 1, True),
        (0, 1, 0, False),
    ]
    assert summary[0]["money_total"] == Decimal("1000000")
    assert Obligation.objects.get(pk=done.pk).fulfilled_on == date(2026, 2, 1)
