"""Reads of exchange visits and learning reports, each in a fixed number of queries."""

from django.db.models import QuerySet

from simpul.accounts.access import AnyUser
from simpul.agreements.models import Agreement
from simpul.organizations.models import Organization

from .models import ExchangeVisit, Forum, LearningReport, Meeting
from .visits_access import learning_reports_visible_to, visiting_region_ids


def exchange_visit_of(meeting: Meeting) -> ExchangeVisit | None:
    """The meeting's exchange-visit details with their regions, or None before the organiser
    first fills them in."""
    visit = (
        ExchangeVisit.objects.filter(meeting=meeting)
        .prefetch_related("host_regions", "visiting_regions")
        .first()
    )
    if visit is not None:
        visit.meeting = meeting
    return visit


def adopters_of(visit: ExchangeVisit) -> list[Organization]:
    """Who on the visiting side could take a practice up: the organisations of the visiting
    regions (governments and their agencies)."""
    return list(
        Organization.objects.filter(
            region_id__in=visiting_region_ids(visit), is_active=True
        ).order_by("name")
    )


def learning_reports_of(visit: ExchangeVisit | None) -> list[LearningReport]:
    if visit is None:
        return []
    return list(visit.learning_reports.select_related("organization", "adopter"))


def submitted_learning_reports(
    user: AnyUser, *, forum: Forum | None = None, agreement: Agreement | None = None
) -> QuerySet[LearningReport]:
    """The submitted learning reports of the visits the user reads, newest first; narrowed to
    one forum's or one agreement's visits."""
    reports = learning_reports_visible_to(user).filter(status=LearningReport.Status.SUBMITTED)
    if forum is not None:
        reports = reports.filter(visit__meeting__forum=forum)
    if agreement is not None:
        reports = reports.filter(visit__meeting__agreement=agreement)
    return reports.select_related("visit__meeting", "organization", "adopter").order_by(
        "-submitted_at", "-pk"
    )
