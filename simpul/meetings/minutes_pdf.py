"""The berita acara: one PDF per meeting with the agenda, attendance, decisions, actions, the
sign-off record and the final text's SHA-256, rendered with the reports' WeasyPrint helper
(`reports.render_pdf.pdf_from_html`: its fonts, A4 page and data:-only fetcher)."""

from pathlib import Path
from typing import Any

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from simpul.reports.render_pdf import pdf_from_html

from .models import ActionItem, AgendaItem, Decision, Meeting, MinutesVersion
from .services.attendance import quorum_of

STYLESHEET = Path(__file__).resolve().parent / "templates" / "meetings" / "minutes" / "pdf.css"


def berita_acara_context(meeting: Meeting, version: MinutesVersion) -> dict[str, Any]:
    items = list(
        meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED).prefetch_related(
            Prefetch(
                "decisions", queryset=Decision.objects.select_related("activity", "indicator")
            ),
            Prefetch(
                "actions", queryset=ActionItem.objects.select_related("owner_organization", "owner")
            ),
        )
    )
    for item in items:
        setattr(item, "minutes_text", version.text_for(item))  # noqa: B010 - shown beside it
    attendance = list(meeting.attendance.select_related("organization"))
    return {
        "meeting": meeting,
        "version": version,
        "items": items,
        "attendance": attendance,
        "quorum": quorum_of(meeting, attendance),
        "signoffs": list(
            version.signoffs.select_related("organization", "signed_by").order_by(
                "round", "signed_at", "pk"
            )
        ),
        "generated_on": timezone.now(),
    }


def berita_acara_html(context: dict[str, Any]) -> str:
    return render_to_string("meetings/minutes/pdf.html", context)


def render_berita_acara(context: dict[str, Any]) -> bytes:
    return pdf_from_html(berita_acara_html(context), stylesheets=(STYLESHEET,)).content
