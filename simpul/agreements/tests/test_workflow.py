"""Moving agreements through their stages: documents, signatures, DPRD, roles, concurrency."""

from datetime import date

import pytest
from django.utils import translation

from simpul.agreements.models import AgreementEvent, Party, Stage, Transition, Workflow
from simpul.agreements.services.agreements import agreement_create, party_set_council
from simpul.agreements.tests.factories import (
    default_parties,
    make_agreement,
    make_document_version,
    make_signature,
)
from simpul.agreements.workflow import (
    TransitionBlocked,
    WarningsNotAccepted,
    agreement_transition,
    available_transitions,
    state_from_events,
    workflow_for,
    workflows_install_defaults,
)
from simpul.core.errors import Conflict
from simpul.organizations.models import Membership
from simpul.testing.cast import make_member, make_user


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def move(agreement, code, user, **kwargs):
    return agreement_transition(
        agreement=agreement,
        transition_code=code,
        user=user,
        expected_version=agreement.version,
        **kwargs,
    )


def party(agreement, region):
    return agreement.parties.get(organization__region=region)


def test_every_family_has_a_national_workflow_and_reinstalling_changes_nothing(db):
    counts = (Workflow.objects.count(), Stage.objects.count(), Transition.objects.count())
    workflows_install_defaults()
    assert (Workflow.objects.count(), Stage.objects.count(), Transition.objects.count()) == counts
    assert set(Workflow.objects.filter(region__isnull=True).values_list("family", flat=True)) == {
        "ksdd",
        "ksdpk",
        "ksdpl",
        "ksdll",
        "sinergi",
    }
    ksdll = Workflow.objects.get(family="ksdll", region__isnull=True)
    assert ksdll.transitions.filter(code="sign_kb", source__code="central_clearance").exists()
    sinergi = Workflow.objects.get(family="sinergi", region__isnull=True)
    assert sinergi.transitions.filter(source__code="kb_signed", target__code="active").exists()


def test_a_regions_own_workflow_overrides_the_national_one_for_its_government(cast):
    own = Workflow.objects.create(name="Perwal Yogyakarta", family="ksdd", region=cast.yogyakarta)
    assert workflow_for("ksdd", cast.pemkot_yogyakarta) == own
    assert workflow_for("ksdd", cast.pemkot_semarang).region is None


def test_a_three_party_ksdd_goes_from_draft_to_active_with_its_documents_and_signatures(cast):
    sari = cast.sari
    agreement = agreement_create(
        user=sari,
        owner=cast.pemkot_yogyakarta,
        family="ksdd",
        category="wajib",
        title="Pengelolaan TPA Piyungan",
        parties=[(org, "party") for org in default_parties(cast)],
        start_date=date(2026, 4, 1),
        end_date=date(2031, 3, 31),
    )
    assert agreement.state == "draft"
    make_document_version(agreement, "offer_letter")
    move(agreement, "offer", sari)
    make_document_version(agreement, "reply_letter")
    move(agreement, "accept_offer", sari)
    move(agreement, "start_kb_drafting", sari)
    make_document_version(agreement, "kb")
    parties = list(agreement.parties.all())
    for p in parties:
        make_signature(p, "kb", signed_on=date(2026, 3, 1))
    move(agreement, "sign_kb", sari)
    sleman = party(agreement, cast.sleman)
    party_set_council(
        party=sleman, burdens_public=True, funded_in_current_apbd=True, fiscal_year_checked=2026
    )
    move(agreement, "request_council_approval", sari)
    make_document_version(agreement, "council_approval", party=sleman)
    move(agreement, "record_council_approval", sari)
    move(agreement, "start_pks_drafting", sari)
    make_document_version(agreement, "pks")
    bantul = party(agreement, cast.bantul)
    attorney = make_document_version(agreement, "power_of_attorney", party=bantul).document
    for p in parties:
        make_signature(
            p,
            "pks",
            signed_on=date(2026, 3, 20),
            is_head_of_region=p != bantul,
            power_of_attorney=attorney if p == bantul else None,
        )
    move(agreement, "sign_pks", sari)
    move(agreement, "activate", sari)

    agreement.refresh_from_db()
    assert agreement.state == "active"
    assert state_from_events(agreement) == "active"
    assert list(agreement.events.values_list("to_state", flat=True)) == [
        "draft",
        "offered",
        "offer_accepted",
        "kb_drafting",
        "kb_signed",
        "council_approval_pending",
        "council_approved",
        "pks_drafting",
        "pks_signed",
        "active",
    ]
    assert agreement.version == 10


def test_signing_the_pks_is_blocked_with_a_message_naming_the_party_that_has_not_signed_the_kb(
    cast,
):
    agreement = make_agreement(cast, state="pks_drafting")
    make_document_version(agreement, "pks")
    for p in agreement.parties.all():
        if p.organization.region != cast.bantul:
            make_signature(p, "kb")
            make_signature(p, "pks", signed_on=date(2026, 3, 2))
    with pytest.raises(TransitionBlocked) as error:
        move(agreement, "sign_pks", cast.sari)
    assert "PKS cannot be signed: the KB is not signed by Kabupaten Bantul" in error.value.messages
    assert "PKS cannot be signed: the PKS is not signed by Kabupaten Bantul" in error.value.messages
    agreement.refresh_from_db()
    assert agreement.state == "pks_drafting"


def test_a_step_without_its_required_document_is_blocked(cast):
    agreement = make_agreement(cast)
    with pytest.raises(TransitionBlocked) as error:
        move(agreement, "offer", cast.sari)
    assert error.value.messages == [
        "The offer cannot be sent: the document “Offer letter” has not been uploaded"
    ]
    check = {c.code: c for c in available_transitions(cast.sari, agreement)}["offer"]
    assert not check.can_apply
    assert [(i.code, i.ok) for i in check.documents] == [("offer_letter", False)]


def test_a_pks_signature_by_an_official_without_power_of_attorney_blocks_signing(cast):
    agreement = make_agreement(cast, state="pks_drafting")
    make_document_version(agreement, "pks")
    for p in agreement.parties.all():
        make_signature(p, "kb")
        make_signature(
            p,
            "pks",
            signed_on=date(2026, 3, 2),
            is_head_of_region=p.organization.region != cast.sleman,
            signatory_name="Ir. Budi Hartono",
        )
    with pytest.raises(TransitionBlocked) as error:
        move(agreement, "sign_pks", cast.sari)
    assert error.value.messages == [
        "PKS cannot be signed: Ir. Budi Hartono signed the PKS for Kabupaten Sleman without "
        "being the head of region, and no power of attorney is attached"
    ]


def test_the_dprd_rule_blocks_pks_drafting_until_each_requiring_party_has_its_approval(cast):
    agreement = make_agreement(cast, state="kb_signed")
    sleman, bantul = party(agreement, cast.sleman), party(agreement, cast.bantul)
    Party.objects.filter(pk=sleman.pk).update(burdens_public=True)
    Party.objects.filter(pk=bantul.pk).update(funded_in_current_apbd=False)
    with pytest.raises(TransitionBlocked) as error:
        move(agreement, "start_pks_drafting", cast.sari)
    assert error.value.messages == [
        "PKS drafting cannot start: the DPRD approval of Kabupaten Sleman is missing",
        "PKS drafting cannot start: the DPRD approval of Kabupaten Bantul is missing",
    ]
    move(agreement, "request_council_approval", cast.sari)
    make_document_version(agreement, "council_approval", party=sleman)
    with pytest.raises(TransitionBlocked) as error:
        move(agreement, "record_council_approval", cast.sari)
    assert error.value.messages == [
        "DPRD approval cannot be recorded: the DPRD approval of Kabupaten Bantul is missing"
    ]
    make_document_version(agreement, "council_approval", party=bantul)
    move(agreement, "record_council_approval", cast.sari)
    move(agreement, "start_pks_drafting", cast.sari)
    assert agreement.state == "pks_drafting"


def test_without_a_party_needing_dprd_approval_the_kb_goes_straight_to_pks_drafting(cast):
    agreement = make_agreement(cast, state="kb_signed")
    checks = {c.code: c for c in available_transitions(cast.sari, agreement)}
    assert checks["start_pks_drafting"].can_apply
    assert not checks["request_council_approval"].can_apply
    move(agreement, "start_pks_drafting", cast.sari)
    assert agreement.state == "pks_drafting"


def test_two_people_moving_the_same_agreement_at_once_apply_only_one_move_and_learn_who(cast):
    agreement = make_agreement(cast)
    make_document_version(agreement, "offer_letter")
    version = agreement.version
    stale = type(agreement).objects.get(pk=agreement.pk)
    agreement_transition(
        agreement=agreement, transition_code="offer", user=cast.sari, expected_version=version
    )
    with pytest.raises(Conflict) as error:
        agreement_transition(
            agreement=stale, transition_code="withdraw", user=cast.sari, expected_version=version
        )
    assert "Reload" in error.value.messages[0]
    assert error.value.who == cast.sari.full_name and error.value.status == 409
    assert AgreementEvent.objects.filter(agreement=agreement).exclude(seq=1).count() == 1
    stale.refresh_from_db()
    assert stale.state == "offered"


def test_a_viewer_of_a_party_cannot_move_the_agreement(cast):
    viewer = make_user("vivi@jogjakota.go.id", "Vivi")
    make_member(viewer, cast.pemkot_yogyakarta, Membership.Role.VIEWER)
    agreement = make_agreement(cast)
    make_document_version(agreement, "offer_letter")
    assert not any(c.role_allowed for c in available_transitions(viewer, agreement))
    with pytest.raises(TransitionBlocked):
        move(agreement, "offer", viewer)
    assert agreement.events.count() == 1


def test_the_overseeing_province_cannot_move_an_agreement_it_oversees(cast):
    agreement = make_agreement(cast)
    make_document_version(agreement, "offer_letter")
    with pytest.raises(TransitionBlocked):
        move(agreement, "offer", cast.gita)
    agreement.refresh_from_db()
    assert agreement.state == "draft"


def test_a_platform_administrator_acts_as_an_admin(cast):
    agreement = make_agreement(cast)
    make_document_version(agreement, "offer_letter")
    move(agreement, "offer", cast.rina)
    assert agreement.events.last().actor == cast.rina


def test_nobody_can_expire_an_agreement_by_hand(cast):
    agreement = make_agreement(cast, state="active", end_date=date(2030, 1, 1))
    assert "expire" not in [c.code for c in available_transitions(cast.rina, agreement)]
    with pytest.raises(TransitionBlocked):
        move(agreement, "expire", cast.rina)


def test_a_warning_must_be_accepted_and_is_recorded_on_the_event(cast):
    agreement = make_agreement(cast, state="pks_signed")  # no end date: a warning
    with pytest.raises(WarningsNotAccepted) as error:
        move(agreement, "activate", cast.sari)
    assert error.value.messages == [
        "The agreement has no end date: no expiry reminders will be sent."
    ]
    event = move(agreement, "activate", cast.sari, accept_warnings=True)
    assert event.warnings == ["The agreement has no end date: no expiry reminders will be sent."]
    assert state_from_events(agreement) == agreement.state == "active"


def test_a_pks_that_outlives_its_kb_only_warns(cast):
    kb = make_agreement(cast, state="active", end_date=date(2028, 12, 31), title="KB induk")
    pks = make_agreement(cast, state="pks_drafting", parent=kb, end_date=date(2030, 12, 31))
    make_document_version(pks, "pks")
    for p in pks.parties.all():
        make_signature(p, "kb")
        make_signature(p, "pks", signed_on=date(2026, 3, 2))
    with pytest.raises(WarningsNotAccepted) as error:
        move(pks, "sign_pks", cast.sari)
    assert kb.reference_code in error.value.messages[0]
    move(pks, "sign_pks", cast.sari, accept_warnings=True)
    assert pks.state == "pks_signed"


def test_a_nota_kesepakatan_can_come_into_force_without_a_pks(cast):
    agreement = make_agreement(
        cast,
        family="sinergi",
        parties=[cast.pemkot_yogyakarta, cast.kemendagri],
        state="kb_signed",
        start_date=date(2026, 1, 1),
        end_date=date(2027, 1, 1),
    )
    move(agreement, "activate_without_pks", cast.sari)
    assert agreement.state == "active"


@pytest.mark.postgresql
@pytest.mark.committing
@pytest.mark.django_db(transaction=True)
def test_two_transitions_racing_in_two_connections_apply_once(cast):
    import threading

    from django.db import connection

    agreement = make_agreement(cast)
    make_document_version(agreement, "offer_letter")
    version = agreement.version
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(code):
        try:
            fresh = type(agreement).objects.get(pk=agreement.pk)
            barrier.wait()
            agreement_transition(
                agreement=fresh, transition_code=code, user=cast.sari, expected_version=version
            )
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(c,)) for c in ("offer", "withdraw")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "ok"]
    assert AgreementEvent.objects.filter(agreement=agreement).count() == 2
    agreement.refresh_from_db()
    assert agreement.version == version + 1
    assert state_from_events(agreement) == agreement.state


def test_extending_with_an_addendum_moves_the_end_date(cast):
    agreement = make_agreement(
        cast, state="active", start_date=date(2026, 1, 1), end_date=date(2027, 12, 31)
    )
    with pytest.raises(TransitionBlocked):
        move(agreement, "extend", cast.sari)
    version = make_document_version(agreement, "addendum", new_end_date=date(2029, 12, 31))
    move(agreement, "extend", cast.sari, document_versions=[version])
    agreement.refresh_from_db()
    assert (agreement.state, agreement.end_date) == ("extended", date(2029, 12, 31))
    assert list(agreement.events.last().documents.all()) == [version]
