"""The daftar hadir: a printable attendance list for a meeting, in the berita acara's look.

Before the meeting it lists one row per expected attendee (each invited person or guest, and
a delegate line for each invited organisation) with an empty column for the signature on the
day; once attendance is recorded it adds who came, who was represented by whom and who was
absent and why, whether each party was represented, and the quorum. Rendered through
`reports.render_pdf.pdf_from_html` like the berita acara (its fonts, A4 and data:-only
fetcher), in the language of the page it was asked from."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from simpul.reports.render_pdf import pdf_from_html

from .minutes_pdf import STYLESHEET as BERITA_ACARA_STYLESHEET
from .models import ForumMember, Invitation, Meeting
from .services.attendance import quorum_of

STYLESHEET = Path(__file__).resolve().parent / "templates" / "meetings" / "attendance" / "pdf.css"


@dataclass(frozen=True)
class ExpectedRow:
    """One line of the list to sign: who is expected, for whom, in which position."""

    name: str
    organization: str
    position: str


def _expected_row(invitation: Invitation, delegates: dict[int, Any]) -> ExpectedRow:
    if invitation.kind == Invitation.Kind.ORGANIZATION and invitation.organization is not None:
        # The organisation's line: whoever it named, else its delegate in the forum, else a
        # blank line its representative fills in by hand.
        delegate = delegates.get(invitation.organization.pk)
        name = invitation.delegate_name or (delegate.full_name if delegate is not None else "")
        position = "" if invitation.delegate_name else getattr(delegate, "position", "")
        return ExpectedRow(name, invitation.organization.name, position)
    if invitation.kind == Invitation.Kind.PERSON and invitation.user is not None:
        user = invitation.user
        return ExpectedRow(
            user.full_name or user.email,
            invitation.affiliation,
            invitation.expertise or user.position,
        )
    return ExpectedRow(invitation.name, invitation.affiliation, invitation.expertise)


def attendance_list_context(meeting: Meeting) -> dict[str, Any]:
    """Everything the daftar hadir shows, in a fixed number of queries."""
    invitations = list(
        meeting.invitations.select_related("organization", "user").order_by("kind", "pk")
    )
    delegates: dict[int, Any] = {}
    if meeting.forum_id is not None:
        delegates = {
            seat.organization_id: seat.delegate
            for seat in ForumMember.objects.filter(
                forum_id=meeting.forum_id, delegate__isnull=False
            ).select_related("delegate")
        }
    attendance = list(meeting.attendance.select_related("organization", "invitation"))
    quorum = quorum_of(meeting, attendance)
    return {
        "meeting": meeting,
        "expected": [_expected_row(invitation, delegates) for invitation in invitations],
        "attendance": attendance,
        "quorum": quorum,
        "parties": [(org, org in quorum.represented) for org in quorum.members],
        "generated_on": timezone.now(),
        "language": get_language() or "id",
    }


def attendance_list_html(context: dict[str, Any]) -> str:
    return render_to_string("meetings/attendance/pdf.html", context)


def render_attendance_list(context: dict[str, Any]) -> bytes:
    return pdf_from_html(
        attendance_list_html(context), stylesheets=(BERITA_ACARA_STYLESHEET, STYLESHEET)
    ).content
