"""Exchange visits: the organiser records who hosts and who visits, the topic and the
practices observed; after the visit each visiting organisation files a learning report, a
draft until it is submitted (the `LEARNING_REPORT` machine, claims on the report's version)."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.core.claims import claim_instance
from simpul.core.machines import Machine, Move
from simpul.organizations.models import Organization
from simpul.regions.models import Region

from .. import visits_access
from ..models import ExchangeVisit, LearningReport, Meeting, MeetingKind
from .common import MeetingInvalid, audit_claimed

LEARNING_REPORT = Machine(
    "learning_report",
    Move("submit", gettext_lazy("Submit the learning report"), sources=("draft",),
         target="submitted"),
)  # fmt: skip


def _check_regions(hosts: list[Region], visitors: list[Region]) -> None:
    errors: dict[str, list[str]] = {}
    if not hosts:
        errors["host_regions"] = [_("Name at least one host region.")]
    if not visitors:
        errors["visiting_regions"] = [_("Name at least one visiting region.")]
    both = sorted({r.name for r in hosts} & {r.name for r in visitors})
    if both:
        errors["visiting_regions"] = [
            _("A region cannot host and visit at once: %(regions)s.") % {"regions": ", ".join(both)}
        ]
    if errors:
        raise MeetingInvalid(errors, code="visit_regions")


def exchange_visit_save(
    *, meeting: Meeting, user: Any, version: int | None, topic: str, practices_observed: str,
    host_regions: list[Region], visiting_regions: list[Region],
) -> ExchangeVisit:  # fmt: skip
    """Record or change the visit's regions, topic and practices; a change is claimed at the
    version the organiser opened (two people editing at once are merged by the form)."""
    if meeting.kind != MeetingKind.EXCHANGE_VISIT:
        raise MeetingInvalid(_("Only an exchange visit has host and visiting regions."), "kind")
    if meeting.status == Meeting.Status.CANCELLED:
        raise MeetingInvalid(_("This meeting has been cancelled."), code="cancelled")
    hosts, visitors = list(host_regions), list(visiting_regions)
    _check_regions(hosts, visitors)
    values = {"topic": " ".join(topic.split()), "practices_observed": practices_observed.strip()}
    by = user if getattr(user, "pk", None) else None
    with transaction.atomic():
        visit = ExchangeVisit.objects.filter(meeting=meeting).first()
        if visit is None:
            visit = ExchangeVisit.objects.create(meeting=meeting, changed_by=by, **values)
        else:
            before = {name: getattr(visit, name) for name in values}
            claim_instance(visit, version=version, by=user, set=values)
            audit_claimed(visit, "exchange_visit_changed", before)
        visit.host_regions.set(hosts)
        visit.visiting_regions.set(visitors)
    return visit


def _check_filing(visit: ExchangeVisit, user: Any, organization: Organization) -> None:
    meeting = visit.meeting
    if meeting.status == Meeting.Status.CANCELLED:
        raise MeetingInvalid(_("This meeting has been cancelled."), code="cancelled")
    if meeting.ends_at > timezone.now():
        raise MeetingInvalid(
            _("A learning report is written once the visit is over."), code="not_over"
        )
    if organization not in visits_access.filing_organizations(user, visit):
        raise MeetingInvalid(
            _("Only the visiting side writes a learning report: %(organization)s did not visit.")
            % {"organization": organization.name},
            code="not_visitor",
        )


def _report_values(
    seen: str, adoptable: str, adopter: Organization | None, next_steps: str
) -> dict[str, Any]:
    return {
        "seen": seen.strip(),
        "adoptable": adoptable.strip(),
        "adopter_id": adopter.pk if adopter is not None else None,
        "next_steps": next_steps.strip(),
    }


def learning_report_create(
    *, visit: ExchangeVisit, user: Any, organization: Organization, seen: str = "",
    adoptable: str = "", adopter: Organization | None = None, next_steps: str = "",
) -> LearningReport:  # fmt: skip
    """A visiting organisation's learning report, as a draft."""
    _check_filing(visit, user, organization)
    if visit.learning_reports.filter(organization=organization).exists():
        raise MeetingInvalid(
            _("%(organization)s has written its learning report for this visit already.")
            % {"organization": organization.name},
            code="duplicate",
        )
    by = user if getattr(user, "pk", None) else None
    try:
        with transaction.atomic():
            return LearningReport.objects.create(
                visit=visit,
                organization=organization,
                created_by=by,
                changed_by=by,
                **_report_values(seen, adoptable, adopter, next_steps),
            )
    except IntegrityError as error:  # the same organisation, a moment earlier
        raise MeetingInvalid(
            _("%(organization)s has written its learning report for this visit already.")
            % {"organization": organization.name},
            code="duplicate",
        ) from error


def learning_report_update(
    *, report: LearningReport, user: Any, version: int | None, seen: str, adoptable: str,
    adopter: Organization | None, next_steps: str,
) -> LearningReport:  # fmt: skip
    """Change a draft, claimed at the version the writer opened."""
    _check_filing(report.visit, user, report.organization)
    values = _report_values(seen, adoptable, adopter, next_steps)
    before = {name: getattr(report, name) for name in values}
    claim_instance(
        report, version=version, states=(LearningReport.Status.DRAFT,), by=user, set=values
    )
    audit_claimed(report, "learning_report_changed", before)
    return report


def learning_report_submit(
    *, report: LearningReport, user: Any, version: int | None
) -> LearningReport:
    """Submit a draft: from then on it is the visiting organisation's account of the visit."""
    _check_filing(report.visit, user, report.organization)
    # The state is checked by the claim: a second submit from an older page is a Conflict
    # naming who submitted first, not a bare "not possible now".
    move = LEARNING_REPORT.move("submit")
    if not report.seen or not report.adoptable:
        raise MeetingInvalid(
            _("Say what was seen and what could be adopted before submitting."), code="empty"
        )
    before = {"status": report.status}
    claim_instance(
        report,
        version=version,
        states=move.sources,
        by=user,
        set={
            "status": move.target,
            "submitted_at": timezone.now(),
            "submitted_by": user if getattr(user, "pk", None) else None,
        },
    )
    audit_claimed(report, "learning_report_submitted", before)
    return report
