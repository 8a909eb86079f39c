"""The daftar hadir PDF of a meeting (see attendance_pdf.py)."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from simpul.core.downloads import attachment

from .. import access
from ..attendance_pdf import attendance_list_context, render_attendance_list


@login_required
@require_GET
def attendance_pdf(request, pk: int):
    """Those who record the attendance print the list: it carries names and positions."""
    meeting = access.meeting_get_for_user(request.user, pk, manage=True)
    content = render_attendance_list(attendance_list_context(meeting))
    return attachment(
        content, filename=f"daftar-hadir-{meeting.pk}.pdf", content_type="application/pdf"
    )
