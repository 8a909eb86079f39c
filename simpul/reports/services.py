"""Writes of periodic reports: requesting one, and generating it in the worker.

A report is a fixed, dated artefact: once generated its snapshot and files never change
(there is no edit or delete); a newer report is a new row. Generation is idempotent: a done
or failed report is left alone, a queued one is generated, and a running one (left behind by
a worker that crashed, which the worker then requeues) is started again from scratch after
its leftover files are removed.
"""

import hashlib
import logging
import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.agreements.access import agreement_can_edit
from simpul.core import public_cache
from simpul.core.formats import long_date
from simpul.core.machines import Machine, Move

from .models import Report, ReportFile
from .render_docx import render_docx
from .render_pdf import render_pdf
from .render_xlsx import render_xlsx
from .snapshot import report_snapshot

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    ReportFile.Format.PDF: "application/pdf",
    ReportFile.Format.DOCX: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    ReportFile.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ReportNotAllowed(PermissionDenied):
    pass


def _check_period(agreement, period_start: date, period_end: date) -> None:
    errors: dict[str, str] = {}
    if period_end < period_start:
        errors["period_end"] = _("The end of the period must not be before its start.")
    if agreement.start_date and period_start < agreement.start_date:
        errors["period_start"] = _(
            "The period must not start before the agreement does (%(date)s)."
        ) % {"date": long_date(agreement.start_date)}
    if agreement.end_date and period_end > agreement.end_date:
        errors.setdefault(
            "period_end",
            _("The period must not end after the agreement does (%(date)s).")
            % {"date": long_date(agreement.end_date)},
        )
    if period_start > timezone.localdate():
        errors.setdefault("period_start", _("A report cannot cover a period that has not begun."))
    if errors:
        raise ValidationError(errors)


def report_title(agreement, period_start: date, period_end: date, language: str) -> str:
    with translation.override(language):
        return _("Periodic report %(reference)s, %(start)s – %(end)s") % {
            "reference": agreement.reference_code,
            "start": long_date(period_start),
            "end": long_date(period_end),
        }


def report_request(
    *, agreement, user, period_start: date, period_end: date, addressee: str, language: str
) -> Report:
    """Queue a new report; the worker generates it (tasks.generate_report) after commit."""
    if not agreement_can_edit(user, agreement):
        raise ReportNotAllowed(_("You may not request reports for this agreement."))
    if addressee not in Report.Addressee.values:
        raise ValidationError({"addressee": _("Choose who the report is addressed to.")})
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose a language for the report.")})
    _check_period(agreement, period_start, period_end)
    with transaction.atomic():
        report = Report.objects.create(
            agreement=agreement,
            title=report_title(agreement, period_start, period_end, language)[:300],
            period_start=period_start,
            period_end=period_end,
            addressee=addressee,
            language=language,
            requested_by=user,
            progress_label=_("Waiting for the worker"),
        )
        from .tasks import generate_report

        transaction.on_commit(lambda: generate_report.enqueue(report.pk))
    return report


R = Report.Status
# Generation is the worker's: a re-run of an interrupted job starts again from RUNNING.
GENERATION = Machine(
    "report generation",
    Move("start", gettext_lazy("Start"), (R.QUEUED, R.RUNNING), R.RUNNING),
    Move("finish", gettext_lazy("Finish"), (R.RUNNING,), R.DONE),
    Move("fail", gettext_lazy("Fail"), (R.QUEUED, R.RUNNING), R.FAILED),
)


def _progress(report_id: int, progress: int, label: str) -> None:
    Report.objects.filter(pk=report_id, status=Report.Status.RUNNING).update(
        progress=progress, progress_label=label
    )


def _discard_files(report_id: int) -> None:
    for stored in ReportFile.objects.filter(report_id=report_id):
        if stored.file:
            stored.file.delete(save=False)
    ReportFile.objects.filter(report_id=report_id).delete()


def _storage_name(fmt: str) -> str:
    # A random name: nothing of the (user-typed) title reaches the file system.
    return f"{secrets.token_hex(16)}.{fmt}"


def report_generate(*, report_id: int) -> Report | None:
    """Generate the report's snapshot and files. Returns the report (None if it is gone)."""
    start = GENERATION.moves["start"]
    claimed = Report.objects.filter(pk=report_id, status__in=start.sources).update(
        status=start.target, progress=0, error=""
    )
    report = (
        Report.objects.select_related("agreement", "agreement__owner").filter(pk=report_id).first()
    )
    if report is None or not claimed:
        return report
    _discard_files(report_id)
    stored: list[str] = []
    try:
        with translation.override(report.language):
            generated_at = timezone.now()
            _progress(report_id, 2, _("Gathering the data"))
            snapshot = report_snapshot(report)
            Report.objects.filter(pk=report_id).update(
                snapshot=snapshot, progress=10, progress_label=_("Drawing the PDF")
            )
            pdf = render_pdf(snapshot, generated_on=generated_at)
            _progress(report_id, 60, _("Writing the DOCX"))
            docx = render_docx(snapshot, generated_on=generated_at)
            _progress(report_id, 80, _("Writing the XLSX"))
            xlsx = render_xlsx(snapshot, generated_on=generated_at)
            _progress(report_id, 95, _("Storing the files"))
            outputs = [
                (ReportFile.Format.PDF, pdf.content, pdf.pages),
                (ReportFile.Format.DOCX, docx, None),
                (ReportFile.Format.XLSX, xlsx, None),
            ]
            with transaction.atomic():
                for fmt, content, pages in outputs:
                    report_file = ReportFile(
                        report=report,
                        format=fmt,
                        size=len(content),
                        sha256=hashlib.sha256(content).hexdigest(),
                        pages=pages,
                    )
                    report_file.file.save(_storage_name(fmt), ContentFile(content), save=False)
                    stored.append(report_file.file.name)
                    report_file.save()
                finish = GENERATION.moves["finish"]
                Report.objects.filter(pk=report_id, status__in=finish.sources).update(
                    status=finish.target,
                    progress=100,
                    progress_label=_("Ready"),
                    generated_at=generated_at,
                )
                # A finished report is public at once where its agreement's rules say so.
                public_cache.bump()
    except Exception:
        logger.exception("Generating report %s failed", report_id)
        for name in stored:
            default_storage.delete(name)
        ReportFile.objects.filter(report_id=report_id).delete()
        with translation.override(report.language):
            message = _(
                "The report could not be generated. Nothing was stored; the technical details "
                "were logged for the administrators. Request a new report, or ask them if it "
                "fails again."
            )
        Report.objects.filter(pk=report_id).update(
            status=GENERATION.moves["fail"].target, error=message, progress_label=""
        )
    report.refresh_from_db()
    return report


def report_progress(report: Report) -> dict:
    """What the report page's progress bar polls for."""
    return {
        "id": report.pk,
        "status": report.status,
        "status_label": str(report.get_status_display()),
        "progress": report.progress,
        "label": report.progress_label,
        "error": report.error if report.status == Report.Status.FAILED else "",
        "settled": report.status in (Report.Status.DONE, Report.Status.FAILED),
    }
