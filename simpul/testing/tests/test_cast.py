"""The named cast is built once per worker, yet every test finds it as built."""

import pytest
from django.core.management import call_command

from simpul.accounts.models import User
from simpul.agreements.models import Workflow
from simpul.audit.models import AuditEvent
from simpul.organizations.access import memberships_of
from simpul.organizations.models import Organization
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


@pytest.mark.django_db(transaction=True)
def test_the_cast_and_the_reference_data_come_back_after_the_tables_are_emptied():
    assert not session_cast.restore_if_gone()

    call_command("flush", interactive=False, verbosity=0)
    assert session_cast.restore_if_gone()

    fresh = session_cast.fresh()
    assert User.objects.get(pk=fresh.sari.pk).email == "sari@jogjakota.go.id"
    assert Workflow.objects.filter(region__isnull=True).exists()
