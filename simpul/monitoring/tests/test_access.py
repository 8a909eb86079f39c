"""Who enters, verifies and is warned about monitoring data, and the four-eyes rule:
nobody verifies data they submitted or whose values they entered."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from simpul.core.errors import InvalidInput
from simpul.monitoring.access import (
    monitoring_object_can_view_history,
    party_can_enter_data,
    submission_is_own_work,
    warnings_for,
)
from simpul.monitoring.models import DataValue, EarlyWarning, Submission
from simpul.monitoring.services.collection import (
    submission_return,
    submission_verify,
)
from simpul.monitoring.tests.permissions_collection import collection_world
from simpul.organizations.models import Membership, Organization
from simpul.testing.cast import make_member, make_user


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def world(cast):
    """Yogyakarta's submission for the open quarter, submitted by Tono (its data officer),
    who entered its value."""
    world = collection_world(cast, submission_status="submitted")
    Submission.objects.filter(pk=world.submission.pk).update(submitted_by=cast.tono)
    DataValue.objects.filter(submission=world.submission).update(updated_by=cast.tono)
    world.submission.refresh_from_db()
    world.cast = cast
    return world


def test_whoever_submitted_data_cannot_verify_it(world):
    cast = world.cast
    Submission.objects.filter(pk=world.submission.pk).update(submitted_by=cast.sari)
    world.submission.refresh_from_db()
    with pytest.raises(InvalidInput, match="another coordinator of the agreement"):
        submission_verify(submission=world.submission, user=cast.sari)
    assert Submission.objects.get(pk=world.submission.pk).status == "submitted"


def test_whoever_entered_a_value_cannot_verify_it(world):
    cast = world.cast
    DataValue.objects.filter(submission=world.submission).update(updated_by=cast.yanto)
    assert submission_is_own_work(cast.yanto, world.submission)
    with pytest.raises(InvalidInput, match="entered its values"):
        submission_verify(submission=world.submission, user=cast.yanto)


def test_a_platform_admin_does_not_verify_own_data_either(world):
    cast = world.cast
    DataValue.objects.filter(submission=world.submission).update(updated_by=cast.rina)
    with pytest.raises(InvalidInput):
        submission_verify(submission=world.submission, user=cast.rina)


def test_another_coordinator_verifies_it(world):
    submission_verify(submission=world.submission, user=world.cast.sari)
    submission = Submission.objects.get(pk=world.submission.pk)
    assert (submission.status, submission.verified_by) == ("verified", world.cast.sari)


def test_the_submitter_may_still_return_own_data(world):
    cast = world.cast
    Submission.objects.filter(pk=world.submission.pk).update(submitted_by=cast.sari)
    world.submission.refresh_from_db()
    submission_return(submission=world.submission, user=cast.sari, comment="Salah ketik")
    assert Submission.objects.get(pk=world.submission.pk).status == "returned"


def test_the_submission_page_tells_the_submitter_why_verifying_failed(client, world):
    cast = world.cast
    Submission.objects.filter(pk=world.submission.pk).update(submitted_by=cast.sari)
    client.force_login(cast.sari)
    url = reverse(
        "monitoring:submission-verify",
        kwargs={"agreement_pk": world.agreement.pk, "pk": world.submission.pk},
    )
    response = client.post(url, {}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "another coordinator of the agreement verifies it" in response.content.decode()
    assert Submission.objects.get(pk=world.submission.pk).status == "submitted"


def test_an_agency_enters_data_only_for_the_government_it_belongs_to(world):
    cast = world.cast
    semarang_agency = Organization.objects.create(
        name="Dinas Lingkungan Hidup Kota Semarang",
        kind=Organization.Kind.REGIONAL_AGENCY,
        region=cast.semarang,
        parent=cast.pemkot_semarang,
    )
    officer = make_user("petugas@dlh.semarangkota.go.id", "Petugas Data")
    make_member(officer, semarang_agency, Membership.Role.DATA_OFFICER)
    assert party_can_enter_data(cast.dewi, world.yogyakarta)
    assert not party_can_enter_data(officer, world.yogyakarta)


def test_a_party_coordinator_enters_data_only_for_their_own_party(world):
    cast = world.cast
    assert party_can_enter_data(cast.yanto, world.sleman)
    assert not party_can_enter_data(cast.yanto, world.yogyakarta)
    assert not party_can_enter_data(cast.vina, world.yogyakarta)


def test_early_warnings_reach_data_officers_and_up_never_viewers(world):
    cast = world.cast
    now = timezone.now()
    warning = EarlyWarning.objects.create(
        rule_code="late_data",
        agreement=world.agreement,
        organization=cast.pemkot_yogyakarta,
        subject_key="matrix",
        params={},
        first_seen_at=now - timedelta(days=1),
        last_seen_at=now,
    )
    assert list(warnings_for(cast.tono)) == [warning]
    assert list(warnings_for(cast.sari)) == [warning]
    assert list(warnings_for(cast.vina)) == []
    assert list(warnings_for(cast.yanto)) == []


def test_monitoring_history_is_for_the_agreements_readers_only(world):
    cast = world.cast
    assert monitoring_object_can_view_history(cast.vina, world.indicator)
    assert monitoring_object_can_view_history(cast.hadi, world.submission)
    assert not monitoring_object_can_view_history(cast.budi, world.indicator)
    assert not monitoring_object_can_view_history(cast.lina, world.submission)
