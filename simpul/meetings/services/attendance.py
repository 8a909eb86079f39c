"""The attendance list and the quorum it makes."""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.organizations.models import Organization

from ..models import Attendance, Invitation, Meeting, QuorumRule
from .common import MAX_INVITATIONS, MeetingInvalid


@dataclass
class AttendanceEntry:
    name: str
    status: str
    organization: Organization | None = None
    invitation: Invitation | None = None
    user: User | None = None
    position: str = ""
    represented_by: str = ""
    absence_reason: str = ""


def member_organizations(meeting: Meeting) -> list[Organization]:
    """Whose representation the quorum counts: the agreement's parties or the forum's
    members."""
    if meeting.agreement_id is not None:
        return list(
            Organization.objects.filter(agreement_parties__agreement_id=meeting.agreement_id)
            .distinct()
            .order_by("name")
        )
    return list(
        Organization.objects.filter(forum_seats__forum_id=meeting.forum_id or 0).order_by("name")
    )


def attendance_organizations(meeting: Meeting) -> list[Organization]:
    """Whom someone may attend for: the members, the invited organisations and the host."""
    ids = {o.pk for o in member_organizations(meeting)} | {meeting.host_id}
    ids |= set(
        meeting.invitations.filter(organization__isnull=False).values_list(
            "organization_id", flat=True
        )
    )
    return list(Organization.objects.filter(pk__in=ids).order_by("name"))


def attendance_save(
    *, meeting: Meeting, user: Any, entries: list[AttendanceEntry]
) -> list[Attendance]:
    """Replace the meeting's attendance list (all or nothing), from its start on."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise MeetingInvalid(_("This meeting has been cancelled."), code="cancelled")
    if meeting.starts_at > timezone.now():
        raise MeetingInvalid(
            _("Attendance is recorded once the meeting has started."), code="not_started"
        )
    if len(entries) > 2 * MAX_INVITATIONS:
        raise MeetingInvalid(_("The attendance list is too long."), code="too_many")
    allowed = {o.pk for o in attendance_organizations(meeting)}
    errors: list[str] = []
    seen: set[tuple[str, int | None]] = set()
    for number, entry in enumerate(entries, start=1):
        entry.name = " ".join(entry.name.split())
        entry.represented_by = " ".join(entry.represented_by.split())
        entry.absence_reason = " ".join(entry.absence_reason.split())
        values = {"row": number, "name": entry.name}
        if not entry.name:
            errors.append(_("Row %(row)d: give the name.") % values)
        if entry.status not in Attendance.Status.values:
            errors.append(_("Row %(row)d: choose present, represented or absent.") % values)
        elif entry.status == Attendance.Status.REPRESENTED and not entry.represented_by:
            errors.append(_("Row %(row)d: %(name)s is represented by whom?") % values)
        elif entry.status == Attendance.Status.ABSENT and not entry.absence_reason:
            errors.append(_("Row %(row)d: give the reason %(name)s is absent.") % values)
        organization_id = entry.organization.pk if entry.organization else None
        if organization_id is not None and organization_id not in allowed:
            errors.append(_("Row %(row)d: that organisation is not part of this meeting.") % values)
        key = (entry.name.lower(), organization_id)
        if entry.name and key in seen:
            errors.append(_("Row %(row)d: %(name)s is on the list twice.") % values)
        seen.add(key)
    if errors:
        raise MeetingInvalid(errors, code="attendance")
    by = user if getattr(user, "pk", None) else None
    with transaction.atomic():
        for row in meeting.attendance.all():
            row.delete()
        return [
            Attendance.objects.create(
                meeting=meeting,
                invitation=entry.invitation,
                organization=entry.organization,
                user=entry.user,
                name=entry.name[:200],
                position=entry.position[:200],
                status=entry.status,
                represented_by=entry.represented_by[:200]
                if entry.status == Attendance.Status.REPRESENTED
                else "",
                absence_reason=entry.absence_reason[:300]
                if entry.status == Attendance.Status.ABSENT
                else "",
                recorded_by=by,
            )
            for entry in entries
        ]


@dataclass
class Quorum:
    rule: str
    members: list[Organization]
    represented: list[Organization] = field(default_factory=list)

    @property
    def required(self) -> int:
        if self.rule == QuorumRule.EVERY_MEMBER:
            return len(self.members)
        if self.rule == QuorumRule.MAJORITY:
            return len(self.members) // 2 + 1
        return 0

    @property
    def met(self) -> bool | None:
        """None when no rule applies or nobody was recorded yet."""
        if self.rule == QuorumRule.NONE or not self.members:
            return None
        return len(self.represented) >= self.required

    @property
    def rule_label(self) -> str:
        return str(QuorumRule(self.rule).label)


def quorum_of(meeting: Meeting, attendance: list[Attendance] | None = None) -> Quorum:
    """Which member organisations were represented (someone present or represented for
    them) against the meeting's rule."""
    members = member_organizations(meeting)
    rows = attendance if attendance is not None else list(meeting.attendance.all())
    present = {row.organization_id for row in rows if row.counts_for_quorum}
    return Quorum(
        rule=meeting.quorum_rule,
        members=members,
        represented=[org for org in members if org.pk in present],
    )
