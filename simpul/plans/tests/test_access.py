"""Who approves a plan, and the four-eyes rule: whoever submitted a plan does not approve it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from simpul.plans import checks, services
from simpul.plans.access import plan_approvable_parties, plan_object_can_view_history
from simpul.plans.models import Plan
from simpul.plans.tests.factories import fill_plan, new_plan


@pytest.fixture(autouse=True)
def _only_the_plans_own_checks(monkeypatch):
    monkeypatch.setattr(checks, "_checks", [])


@pytest.fixture
def submitted(cast) -> Plan:
    """A plan Sari (admin of Pemkot Yogyakarta) drafted and submitted."""
    plan = new_plan(cast)
    fill_plan(plan, cast.sari)
    plan.refresh_from_db()
    services.plan_submit(plan=plan, user=cast.sari, expected_version=plan.version)
    plan.refresh_from_db()
    return plan


def _party(plan, organization):
    return plan.agreement.parties.get(organization=organization)


def test_whoever_submitted_a_plan_cannot_approve_it(cast, submitted):
    with translation.override("en"), pytest.raises(ValidationError, match="You submitted this"):
        services.plan_approve(
            plan=submitted,
            party=_party(submitted, cast.pemkot_yogyakarta),
            user=cast.sari,
            expected_version=submitted.version,
        )
    assert submitted.events.filter(kind="party_approved").count() == 0


def test_a_platform_admin_who_submitted_a_plan_cannot_approve_it_either(cast):
    plan = new_plan(cast)
    fill_plan(plan, cast.rina)
    plan.refresh_from_db()
    services.plan_submit(plan=plan, user=cast.rina, expected_version=plan.version)
    plan.refresh_from_db()
    with pytest.raises(ValidationError):
        services.plan_approve(
            plan=plan,
            party=_party(plan, cast.pemkot_yogyakarta),
            user=cast.rina,
            expected_version=plan.version,
        )


def test_the_submitter_sees_why_the_approval_is_refused(client, cast, submitted):
    client.force_login(cast.sari)
    with translation.override("en"):
        response = client.post(
            reverse("plans:plan-approve", kwargs={"agreement_pk": submitted.agreement_id}),
            {
                "approve-plan_version": submitted.version,
                "approve-party": _party(submitted, cast.pemkot_yogyakarta).pk,
            },
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 400
    assert "another admin or coordinator of Pemerintah Kota Yogyakarta approves it" in (
        response.content.decode()
    )
    assert Plan.objects.get(pk=submitted.pk).status == Plan.Status.SUBMITTED


def test_another_parties_coordinator_approves_for_their_own_party(cast, submitted):
    sleman = _party(submitted, cast.pemkab_sleman)
    assert plan_approvable_parties(cast.yanto, submitted) == [sleman]
    services.plan_approve(
        plan=submitted, party=sleman, user=cast.yanto, expected_version=submitted.version
    )
    assert submitted.events.filter(kind="party_approved", party=sleman).exists()


def test_the_submitter_may_still_return_the_plan(cast, submitted):
    services.plan_return(
        plan=submitted,
        party=_party(submitted, cast.pemkot_yogyakarta),
        user=cast.sari,
        note="Masih ada yang kurang",
        expected_version=submitted.version,
    )
    assert Plan.objects.get(pk=submitted.pk).status == Plan.Status.DRAFT


def test_editors_data_officers_and_viewers_approve_for_no_party(cast, submitted):
    assert plan_approvable_parties(cast.wati, submitted) == []
    assert plan_approvable_parties(cast.tono, submitted) == []
    assert plan_approvable_parties(cast.vina, submitted) == []


def test_a_plans_history_is_for_the_agreements_readers_only(cast, submitted):
    assert plan_object_can_view_history(cast.vina, submitted)
    assert plan_object_can_view_history(cast.gita, submitted)
    assert not plan_object_can_view_history(cast.budi, submitted)
    assert not plan_object_can_view_history(cast.lina, submitted)
