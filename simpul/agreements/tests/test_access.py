"""Roles inside an agreement's parties: editors edit but make no manager-only transition;
importing agreements needs an editor role in the organisation; history follows reading."""

import pytest
from django.core.files.base import ContentFile

from simpul.agreements import workflow
from simpul.agreements.access import (
    agreement_object_can_view_history,
    import_can_create,
    import_jobs_visible_to,
)
from simpul.agreements.models import ImportJob
from simpul.agreements.tests.factories import make_agreement


def test_an_editor_cannot_make_a_transition_reserved_for_admins_and_coordinators(cast):
    agreement = make_agreement(cast, user=cast.sari)
    with pytest.raises(workflow.TransitionBlocked):
        workflow.agreement_transition(
            agreement=agreement,
            transition_code="withdraw",
            user=cast.wati,
            expected_version=agreement.version,
        )
    agreement.refresh_from_db()
    assert agreement.state == "draft"
    workflow.agreement_transition(
        agreement=agreement,
        transition_code="withdraw",
        user=cast.yanto,
        expected_version=agreement.version,
    )
    agreement.refresh_from_db()
    assert agreement.state == "withdrawn"


def test_only_editor_roles_import_agreements_for_their_organisation(cast):
    assert import_can_create(cast.wati, cast.pemkot_yogyakarta)
    assert not import_can_create(cast.tono, cast.pemkot_yogyakarta)
    assert not import_can_create(cast.vina, cast.pemkot_yogyakarta)
    assert not import_can_create(cast.yanto, cast.pemkot_yogyakarta)


def test_import_jobs_are_listed_to_editor_roles_of_their_organisation_only(cast):
    job = ImportJob(
        organization=cast.pemkot_yogyakarta,
        uploaded_by=cast.sari,
        original_name="register.xlsx",
        status=ImportJob.Status.READY,
    )
    job.file.save("register.xlsx", ContentFile(b"PK\x03\x04"), save=False)
    job.save()
    assert list(import_jobs_visible_to(cast.wati)) == [job]
    assert list(import_jobs_visible_to(cast.tono)) == []
    assert list(import_jobs_visible_to(cast.yanto)) == []


def test_an_agreements_history_is_for_its_readers_only(cast):
    agreement = make_agreement(cast, user=cast.sari)
    assert agreement_object_can_view_history(cast.vina, agreement)
    assert agreement_object_can_view_history(cast.gita, agreement.parties.first())
    assert not agreement_object_can_view_history(cast.budi, agreement)
    assert not agreement_object_can_view_history(cast.lina, agreement)
