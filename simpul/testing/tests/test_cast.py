"""The named cast is built once per worker, yet every test finds it as built."""

import pytest
from django.core.management import call_command

from simpul.accounts.models import User
from simpul.agreements.access import agreement_can_edit, agreement_can_view
from simpul.agreements.models import Workflow
from simpul.agreements.tests.factories import make_agreement, registered_by
from simpul.audit.models import AuditEvent
from simpul.monitoring.access import agreement_can_verify, data_entry_parties
from simpul.organizations.access import memberships_of
from simpul.organizations.models import Organization
from simpul.plans.access import plan_approvable_parties, plan_for
from simpul.publication.access import parties_user_consents_for
from simpul.regions.models import Region
from simpul.testing.cast import PASSWORD, session_cast


def test_the_cast_is_in_the_database_for_a_test_that_does_not_ask_for_it(db):
    assert User.objects.filter(email="sari@jogjakota.go.id").exists()
    assert Organization.objects.filter(name="Kementerian Dalam Negeri").exists()


def test_each_test_gets_its_own_cast_objects(cast):
    cast.sari.full_name = "Nama Lain"
    memberships_of(cast.sari)  # caches the memberships on this user object

    another = session_cast.fresh()

    assert another.sari.full_name == "Sari Wulandari"
    assert not hasattr(another.sari, "_simpul_memberships")
    assert another.pemkot_yogyakarta.region is not cast.pemkot_yogyakarta.region


def test_the_cast_passwords_use_the_fast_test_hasher(cast):
    assert cast.sari.password.startswith("md5$")
    assert cast.sari.check_password(PASSWORD)


def test_without_cast_starts_from_empty_people_organisation_region_and_audit_tables(
    without_cast,
):
    assert not User.objects.exists()
    assert not Organization.objects.exists()
    assert not Region.objects.exists()
    assert not AuditEvent.objects.exists()
    assert Workflow.objects.filter(region__isnull=True).exists()  # reference data stays


def test_empty_audit_log_keeps_the_cast(empty_audit_log, cast):
    assert not AuditEvent.objects.exists()
    assert User.objects.filter(pk=cast.sari.pk).exists()


@pytest.mark.committing
@pytest.mark.django_db(transaction=True)
def test_the_cast_and_the_reference_data_come_back_after_the_tables_are_emptied():
    assert not session_cast.restore_if_gone()

    call_command("flush", interactive=False, verbosity=0)
    assert session_cast.restore_if_gone()

    fresh = session_cast.fresh()
    assert User.objects.get(pk=fresh.sari.pk).email == "sari@jogjakota.go.id"
    assert Workflow.objects.filter(region__isnull=True).exists()


def test_agreements_made_inside_registered_by_are_registered_by_that_organisation(cast):
    with registered_by(cast.biro_tapem_diy):
        inside = make_agreement(cast)
    outside = make_agreement(cast)

    assert inside.owner == cast.biro_tapem_diy
    assert not inside.parties.filter(organization=cast.biro_tapem_diy).exists()
    assert outside.owner == cast.pemkot_yogyakarta


def test_the_registering_bureau_runs_the_agreement_but_speaks_for_no_party(cast):
    agreement = make_agreement(cast, owner=cast.biro_tapem_diy)

    assert agreement_can_edit(cast.fitri, agreement)
    assert agreement_can_verify(cast.fitri, agreement)
    assert data_entry_parties(cast.fitri, agreement) == []
    assert plan_approvable_parties(cast.fitri, plan_for(agreement)) == []
    assert parties_user_consents_for(cast.fitri, agreement) == []
    assert agreement_can_view(cast.joko, agreement)
    assert not agreement_can_edit(cast.joko, agreement)
    assert not agreement_can_verify(cast.joko, agreement)


def test_an_editor_at_an_agency_under_a_party_enters_its_data_and_edits_nothing(cast):
    agreement = make_agreement(cast)

    assert agreement_can_view(cast.agus, agreement)
    assert not agreement_can_edit(cast.agus, agreement)
    assert not agreement_can_verify(cast.agus, agreement)
    entered_for = [party.organization for party in data_entry_parties(cast.agus, agreement)]
    assert entered_for == [cast.pemkot_yogyakarta]
    assert plan_approvable_parties(cast.agus, plan_for(agreement)) == []
