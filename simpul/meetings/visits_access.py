"""Who may see and change exchange visits and their learning reports.

- An exchange visit and its learning reports (drafts too) are read by whoever reads the
  meeting (`access.meeting_get_for_user`); the visit's regions, topic and practices are
  edited by those who run the meeting.
- Only the visiting side files: a person with an editing role (admin, coordinator, editor)
  in an organisation of a visiting region writes that organisation's report, and nobody
  else edits it (platform admins neither: the report is the visitors' own account).
"""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from simpul.accounts.access import AnyUser
from simpul.agreements.access import EDITOR_ROLES
from simpul.organizations.access import memberships_of
from simpul.organizations.models import Organization

from .access import meeting_get_for_user, meetings_visible_to
from .models import ExchangeVisit, LearningReport, Meeting, MeetingKind


def exchange_visit_meeting_get_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> Meeting:
    """An exchange-visit meeting the user reads (with manage=True: runs), or 404."""
    meeting = meeting_get_for_user(user, pk, manage=manage)
    if meeting.kind != MeetingKind.EXCHANGE_VISIT:
        raise Http404
    return meeting


def visiting_region_ids(visit: ExchangeVisit) -> set[int]:
    return {region.pk for region in visit.visiting_regions.all()}


def filing_organizations(user: AnyUser, visit: ExchangeVisit | None) -> list[Organization]:
    """The visiting organisations whose learning report this user writes."""
    if visit is None or not user.is_authenticated:
        return []
    regions = visiting_region_ids(visit)
    return sorted(
        (
            membership.organization
            for membership in memberships_of(user)
            if membership.role in EDITOR_ROLES and membership.organization.region_id in regions
        ),
        key=lambda organization: organization.name,
    )


def learning_report_can_write(user: AnyUser, report: LearningReport) -> bool:
    return report.organization_id in {o.pk for o in filing_organizations(user, report.visit)}


def learning_report_get_for_user(
    user: AnyUser, meeting_pk: int, pk: int, *, write: bool = False
) -> LearningReport:
    """A learning report of an exchange visit the user reads (with write=True: writes), or
    404."""
    meeting = exchange_visit_meeting_get_for_user(user, meeting_pk)
    report = get_object_or_404(
        LearningReport.objects.select_related("visit", "organization", "adopter"),
        visit__meeting=meeting,
        pk=pk,
    )
    report.visit.meeting = meeting
    if write and not learning_report_can_write(user, report):
        raise Http404
    return report


def learning_reports_visible_to(user: AnyUser) -> QuerySet[LearningReport]:
    return LearningReport.objects.filter(visit__meeting__in=meetings_visible_to(user).values("pk"))


def object_can_view_history(user: AnyUser, obj: object) -> bool:
    visit = obj.visit if isinstance(obj, LearningReport) else obj
    return (
        isinstance(visit, ExchangeVisit)
        and meetings_visible_to(user).filter(pk=visit.meeting_id).exists()
    )
