"""Periodic reports of an agreement: the list with the request form, a report's page with its
progress bar, the progress JSON it polls, and the downloads.

Who: everyone who may read the agreement sees its reports and downloads their files;
requesting one needs an editor role (admin, coordinator, editor) in a party or the
registering organisation. Anything else answers 404. Reports never change: there is no edit
or delete view.
"""

from datetime import date

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simpul.agreements.access import agreement_can_edit, agreement_get_for_user
from simpul.core.downloads import stored_attachment
from simpul.core.widgets import DateInput

from . import access, services
from .models import Report, ReportFile
from .snapshot import key_figures

RECENT_REPORTS = 50


class ReportRequestForm(forms.Form):
    period_start = forms.DateField(label=gettext_lazy("Covers from"), widget=DateInput())
    period_end = forms.DateField(label=gettext_lazy("Covers until"), widget=DateInput())
    addressee = forms.ChoiceField(
        label=gettext_lazy("Addressed to"), choices=Report.Addressee.choices
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period must not be before its start."))
        return data


def _initial(agreement) -> dict:
    today = timezone.localdate()
    end = min(today, agreement.end_date) if agreement.end_date else today
    start = date(end.year, 1, 1)
    if agreement.start_date and start < agreement.start_date:
        start = agreement.start_date
    language = (get_language() or "id")[:2]
    return {
        "period_start": start,
        "period_end": end,
        "addressee": Report.Addressee.HEADS_OF_REGION,
        "language": language if language in dict(settings.LANGUAGES) else "id",
    }


def _list_page(request, agreement, form, *, status: int = 200):
    reports = (
        Report.objects.filter(agreement=agreement)
        .defer("snapshot")
        .select_related("requested_by")
        .prefetch_related("files")
        .order_by("-created_at", "-pk")[:RECENT_REPORTS]
    )
    return render(
        request,
        "reports/report_list.html",
        {
            "agreement": agreement,
            "reports": reports,
            "form": form,
            "can_request": form is not None,
        },
        status=status,
    )


@login_required
@require_GET
def report_list(request, agreement_pk: int):
    agreement = agreement_get_for_user(request.user, agreement_pk)
    form = (
        ReportRequestForm(initial=_initial(agreement))
        if agreement_can_edit(request.user, agreement)
        else None
    )
    return _list_page(request, agreement, form)


@login_required
@require_POST
def report_create(request, agreement_pk: int):
    agreement = agreement_get_for_user(request.user, agreement_pk, write=True)
    form = ReportRequestForm(request.POST)
    if form.is_valid():
        try:
            report = services.report_request(
                agreement=agreement, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The report was requested; the worker is generating it."))
            return redirect(report.get_absolute_url())
    return _list_page(request, agreement, form, status=400)


@login_required
@require_GET
def report_detail(request, agreement_pk: int, pk: int):
    report = access.report_get_for_user(request.user, agreement_pk, pk)
    agreement = report.agreement
    done = report.status == Report.Status.DONE
    snapshot = report.snapshot if done and report.snapshot else None
    return render(
        request,
        "reports/report_detail.html",
        {
            "agreement": agreement,
            "report": report,
            "files": list(report.files.all()) if done else [],
            "snapshot": snapshot,
            "figures": key_figures(snapshot) if snapshot else None,
            "working": report.status in (Report.Status.QUEUED, Report.Status.RUNNING),
        },
    )


@login_required
@require_GET
def report_progress(request, agreement_pk: int, pk: int):
    report = access.report_get_for_user(request.user, agreement_pk, pk)
    response = JsonResponse(services.report_progress(report))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def report_download(request, agreement_pk: int, pk: int, fmt: str):
    if fmt not in ReportFile.Format.values:
        raise Http404
    report_file = access.report_file_get_for_user(request.user, agreement_pk, pk, fmt)
    report = report_file.report
    reference = slugify(report.agreement.reference_code) or str(report.agreement_id)
    name = f"laporan-{reference}-{report.period_start:%Y-%m-%d}-{report.period_end:%Y-%m-%d}.{fmt}"
    return stored_attachment(
        report_file.file, filename=name, content_type=services.CONTENT_TYPES[fmt]
    )


urlpatterns = [
    path("", report_list, name="report-list"),
    path("minta/", report_create, name="report-create"),
    path("<int:pk>/", report_detail, name="report-detail"),
    path("<int:pk>/progress.json", report_progress, name="report-progress"),
    path("<int:pk>/<str:fmt>/", report_download, name="report-download"),
]
