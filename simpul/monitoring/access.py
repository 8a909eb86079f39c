"""Who may see and change monitoring data: the one place these decisions are made.

- Reading (indicators, data, dashboards, evaluations) follows the agreement: parties, their
  agencies (OPD) and oversight read; everyone else gets 404.
- Designing the results chain and indicators, opening/closing periods and writing
  evaluations needs an editor role in a party or the registering organisation
  (agreement_can_edit).
- Entering data for a party: data officers, editors, coordinators and admins of that party's
  organisation or of an agency under it — and only for that party.
- Verifying or returning data: the agreement's coordinators (coordinators and admins of a
  party or the registering organisation). Oversight only reads.
- Separation of duties: nobody verifies data they submitted or whose values they entered
  (submission_is_own_work); another coordinator does. Returning stays open to them: sending
  one's own data back for correction does no harm.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from simpul.accounts.access import AnyUser
from simpul.agreements.access import (
    agreement_can_edit,
    agreement_can_view,
    agreement_get_for_user,
    agreements_visible_to,
)
from simpul.agreements.models import Agreement, Party
from simpul.organizations.access import (
    memberships_of,
    overseen_region_ids,
    user_oversees_everything,
)
from simpul.organizations.models import Membership, Organization
from simpul.regions.models import Region

from .models import DataValue, EarlyWarning, Evaluation, Indicator, ReportingPeriod, Submission

DATA_ENTRY_ROLES = {
    Membership.Role.ADMIN,
    Membership.Role.COORDINATOR,
    Membership.Role.EDITOR,
    Membership.Role.DATA_OFFICER,
}
VERIFIER_ROLES = {Membership.Role.ADMIN, Membership.Role.COORDINATOR}


def monitoring_agreement_for_user(
    user: AnyUser, agreement_pk: int, *, write: bool = False
) -> Agreement:
    """The agreement whose monitoring pages the user opens; write=True for design changes."""
    return agreement_get_for_user(user, agreement_pk, write=write)


def indicator_get_for_user(
    user: AnyUser, agreement_pk: int, pk: int, *, write: bool = False
) -> Indicator:
    agreement = monitoring_agreement_for_user(user, agreement_pk, write=write)
    return get_object_or_404(Indicator.objects.filter(agreement=agreement), pk=pk)


def period_get_for_user(
    user: AnyUser, agreement_pk: int, pk: int, *, write: bool = False
) -> ReportingPeriod:
    agreement = monitoring_agreement_for_user(user, agreement_pk, write=write)
    return get_object_or_404(ReportingPeriod.objects.filter(agreement=agreement), pk=pk)


def party_can_enter_data(user: AnyUser, party: Party) -> bool:
    """Data officers (and up) of the party's organisation or of an agency under it."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    for m in memberships_of(user):
        if m.role not in DATA_ENTRY_ROLES:
            continue
        if m.organization_id == party.organization_id:
            return True
        if m.organization.parent_id and m.organization.parent_id == party.organization_id:
            return True
    return False


def data_entry_parties(user: AnyUser, agreement: Agreement) -> list[Party]:
    parties = agreement.parties.select_related("organization")
    return [p for p in parties if party_can_enter_data(user, p)]


def agreement_can_verify(user: AnyUser, agreement: Agreement) -> bool:
    """The agreement's coordinators: admins/coordinators of a party or the owner."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    acting = set(agreement.parties.values_list("organization_id", flat=True))
    acting.add(agreement.owner_id)
    return any(
        m.organization_id in acting and m.role in VERIFIER_ROLES for m in memberships_of(user)
    )


def submission_is_own_work(user: AnyUser, submission: Submission) -> bool:
    """Whether the user submitted this data or last changed one of its values: such a
    person may not verify it (four eyes), whatever their role, platform admins included."""
    if not user.is_authenticated:
        return False
    return (
        submission.submitted_by_id == user.pk
        or DataValue.objects.filter(submission=submission, updated_by=user).exists()
    )


def submission_get_for_user(
    user: AnyUser, agreement_pk: int, pk: int, *, enter: bool = False, verify: bool = False
) -> Submission:
    """A submission of a visible agreement; enter=True requires data-entry rights for its
    party, verify=True verifier rights on the agreement (404 otherwise)."""
    agreement = monitoring_agreement_for_user(user, agreement_pk)
    submission = get_object_or_404(
        Submission.objects.select_related("period", "party__organization").filter(
            period__agreement=agreement
        ),
        pk=pk,
    )
    if enter and not party_can_enter_data(user, submission.party):
        raise Http404
    if verify and not agreement_can_verify(user, agreement):
        raise Http404
    return submission


def evaluation_get_for_user(
    user: AnyUser, agreement_pk: int, pk: int, *, write: bool = False
) -> Evaluation:
    agreement = monitoring_agreement_for_user(user, agreement_pk, write=write)
    return get_object_or_404(Evaluation.objects.filter(agreement=agreement), pk=pk)


def indicators_visible_to(user: AnyUser) -> QuerySet[Indicator]:
    return Indicator.objects.filter(agreement__in=agreements_visible_to(user))


def warnings_for(user: AnyUser) -> QuerySet[EarlyWarning]:
    """Open warnings the user can act on: those addressed to an organisation where they have
    an editor role or better, or (for a data officer) that concern their party's data."""
    open_warnings = EarlyWarning.objects.filter(resolved_at__isnull=True)
    if not user.is_authenticated:
        return open_warnings.none()
    if user.is_superuser:
        return open_warnings
    org_ids = set()
    for m in memberships_of(user):
        if m.role in DATA_ENTRY_ROLES:
            org_ids.add(m.organization_id)
            if m.organization.parent_id:
                org_ids.add(m.organization.parent_id)
    return open_warnings.filter(Q(organization_id__in=org_ids))


def region_overview_allowed(user: AnyUser, region: Region) -> bool:
    """A region's monitoring overview is for overseers of the region and members of its
    government side (government, agencies, council); partners (NGOs,
    firms) see only their own agreements on /pemantauan/."""
    if not user.is_authenticated:
        return False
    if user_oversees_everything(user):
        return True
    if region.pk in (overseen_region_ids(user) or set()):
        return True
    return any(
        m.organization.kind in Organization.REGIONAL_KINDS and m.organization.region_id == region.pk
        for m in memberships_of(user)
    )


def monitoring_object_can_view_history(user: AnyUser, obj: object) -> bool:
    """History pages of monitoring objects follow their agreement."""
    for path in (
        "agreement",
        "indicator.agreement",
        "period.agreement",
        "submission.period.agreement",
        "evaluation.agreement",
        "recommendation.evaluation.agreement",
    ):
        current = obj
        for attribute in path.split("."):
            current = getattr(current, attribute, None)
            if current is None:
                break
        if isinstance(current, Agreement):
            return agreement_can_view(user, current)
    return False


__all__ = [
    "agreement_can_edit",
    "agreement_can_verify",
    "data_entry_parties",
    "evaluation_get_for_user",
    "indicator_get_for_user",
    "indicators_visible_to",
    "monitoring_agreement_for_user",
    "party_can_enter_data",
    "period_get_for_user",
    "region_overview_allowed",
    "submission_get_for_user",
    "submission_is_own_work",
    "warnings_for",
]
