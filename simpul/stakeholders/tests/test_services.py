"""The register's rules: duplicates suggest the existing entry, amounts are checked, a
contribution is verified by another coordinator through the kernel's machine, with events."""

from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import translation

from simpul.agreements.tests.factories import make_agreement
from simpul.core.errors import Conflict, InvalidInput, NotAllowed
from simpul.core.events import ImmutableEventError
from simpul.organizations.models import Invitation, Membership, Organization
from simpul.stakeholders import services
from simpul.stakeholders.models import Contribution, ContributionEvent, Quadrant

from .factories import make_contribution, make_stakeholder, pdf_upload

pytestmark = pytest.mark.django_db


def test_a_name_written_differently_is_recognised_as_the_same_stakeholder(cast):
    existing = make_stakeholder(cast, name="PT Sinar Jaya Abadi")
    with pytest.raises(services.DuplicateStakeholder) as refused:
        make_stakeholder(cast, agreement=existing.agreement, name="  sinar jaya ABADI, Tbk. ")
    assert refused.value.existing == existing


def test_the_same_platform_organisation_is_not_added_twice(cast):
    existing = make_stakeholder(cast, name="", organization=cast.ngo)
    assert existing.name == cast.ngo.name and existing.kind == "ngo"
    with pytest.raises(services.DuplicateStakeholder) as refused:
        make_stakeholder(
            cast, agreement=existing.agreement, name="Another name", organization=cast.ngo
        )
    assert refused.value.existing == existing


def test_the_same_party_may_be_a_stakeholder_of_two_agreements(cast):
    first = make_stakeholder(cast)
    second = make_stakeholder(cast, agreement=make_agreement(cast, title="Air minum regional"))
    assert first.name_key == second.name_key


def test_a_stakeholder_needs_a_role_from_the_list(cast):
    with pytest.raises(InvalidInput):
        make_stakeholder(cast, roles=[])
    with pytest.raises(InvalidInput):
        make_stakeholder(cast, roles=["sponsor"])


def test_the_grid_quadrant_follows_influence_and_interest(cast):
    agreement = make_agreement(cast)
    cases = {
        "A": (5, 5, Quadrant.MANAGE_CLOSELY),
        "B": (5, 1, Quadrant.KEEP_SATISFIED),
        "C": (1, 5, Quadrant.KEEP_INFORMED),
        "D": (2, 2, Quadrant.MONITOR),
    }
    for name, (influence, interest, quadrant) in cases.items():
        stakeholder = make_stakeholder(
            cast, agreement=agreement, name=name, influence=influence, interest=interest
        )
        assert stakeholder.quadrant == quadrant


def test_someone_who_does_not_edit_the_agreement_cannot_add_stakeholders(cast):
    with pytest.raises(NotAllowed):
        make_stakeholder(cast, by=cast.agus)


@pytest.mark.parametrize("value", ["-1", "abc", "NaN"])
def test_a_negative_or_non_numeric_value_is_refused_with_a_message(cast, value):
    with pytest.raises(InvalidInput) as refused:
        make_contribution(cast, value=value)
    assert "value" in refused.value.error_dict


@override_settings(SIMPUL_CONTRIBUTION_MAX_RUPIAH=1_000_000_000)
def test_a_value_above_the_ceiling_is_refused_as_a_typing_error(cast):
    with translation.override("en"), pytest.raises(InvalidInput) as refused:
        make_contribution(cast, value=Decimal("1000000001"))
    assert "check the number of zeros" in str(refused.value.error_dict["value"])
    assert make_contribution(cast, value=Decimal("1000000000")).value == Decimal("1000000000")


def test_evidence_that_is_not_a_document_is_refused(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(InvalidInput) as refused:
        make_contribution(cast, evidence=fake)
    assert "evidence" in refused.value.error_dict


def test_evidence_keeps_its_display_name(cast):
    contribution = make_contribution(cast, evidence=pdf_upload("Surat CSR.pdf"))
    assert contribution.evidence_name == "Surat CSR.pdf"


def test_a_party_coordinator_verifies_a_contribution_and_the_step_is_an_event(cast):
    contribution = make_contribution(cast, by=cast.wati)
    services.contribution_decide(
        contribution=contribution, user=cast.yanto, version=contribution.version, action="verify"
    )
    contribution.refresh_from_db()
    assert (contribution.status, contribution.decided_by) == ("verified", cast.yanto)
    events = list(ContributionEvent.objects.filter(contribution=contribution))
    assert [(e.action, e.to_status) for e in events] == [
        ("record", "recorded"),
        ("verify", "verified"),
    ]
    with pytest.raises(ImmutableEventError):
        events[0].delete()


def test_nobody_verifies_a_contribution_they_recorded_themselves(cast):
    contribution = make_contribution(cast, by=cast.sari)
    with pytest.raises(NotAllowed):
        services.contribution_decide(
            contribution=contribution, user=cast.sari, version=contribution.version, action="verify"
        )


def test_the_registering_bureau_and_an_agency_do_not_verify(cast):
    contribution = make_contribution(cast, by=cast.wati)
    for person in (cast.fitri, cast.agus, cast.gita):
        with pytest.raises(NotAllowed):
            services.contribution_decide(
                contribution=contribution,
                user=person,
                version=contribution.version,
                action="verify",
            )


def test_rejecting_needs_a_reason(cast):
    contribution = make_contribution(cast)
    with pytest.raises(InvalidInput):
        services.contribution_decide(
            contribution=contribution, user=cast.sari, version=contribution.version, action="reject"
        )
    services.contribution_decide(
        contribution=contribution,
        user=cast.sari,
        version=contribution.version,
        action="reject",
        note="Nilai tidak sesuai surat",
    )
    assert Contribution.objects.get(pk=contribution.pk).reject_reason == "Nilai tidak sesuai surat"


def test_of_two_coordinators_verifying_at_once_the_second_gets_a_conflict(cast):
    contribution = make_contribution(cast)
    seen = contribution.version
    stale = Contribution.objects.get(pk=contribution.pk)  # the page yanto opened
    services.contribution_decide(
        contribution=contribution, user=cast.sari, version=seen, action="verify"
    )
    with pytest.raises(Conflict):
        services.contribution_decide(
            contribution=stale, user=cast.yanto, version=seen, action="reject", note="x"
        )


def test_inviting_an_outside_stakeholder_uses_the_organisations_invitation(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    stakeholder = make_stakeholder(cast)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.stakeholder_invite(stakeholder=stakeholder, user=cast.sari)
    assert [message.to for message in mailoutbox] == [["andi@sinarjaya.example"]]
    assert "PT Sinar Jaya Abadi" in mailoutbox[0].subject
    stakeholder.refresh_from_db()
    organization = Organization.objects.get(pk=stakeholder.organization_id)
    assert (organization.name, organization.kind) == ("PT Sinar Jaya Abadi", "business")
    assert Invitation.objects.get(pk=invitation.pk).role == Membership.Role.ADMIN
    assert invitation.email == "andi@sinarjaya.example"
    with pytest.raises(InvalidInput):
        services.stakeholder_invite(stakeholder=stakeholder, user=cast.sari)


def test_a_government_stakeholder_is_not_invited_as_a_new_organisation(cast):
    stakeholder = make_stakeholder(cast, name="Balai Besar Wilayah Sungai", kind="government")
    with pytest.raises(InvalidInput):
        services.stakeholder_invite(stakeholder=stakeholder, user=cast.sari)
