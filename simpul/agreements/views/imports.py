"""Importing an existing Excel register: the template, the upload, the job page with its
preview and progress, and the commit. Checking and committing run in the worker.

Who: anyone signed in may download the template; uploading needs the admin, coordinator or
editor role in the organisation that will own the imported agreements; a job is seen only by
those members of its organisation and by platform administrators (404 for everyone else).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simpul.core.downloads import attachment

from .. import access
from .. import imports as register
from ..models import ImportJob
from ..services import imports as service

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ERRORS_SHOWN = 200


class ImportUploadForm(forms.Form):
    organization = forms.TypedChoiceField(
        label=gettext_lazy("Organisation that registers the agreements"),
        coerce=int,
        help_text=gettext_lazy("The imported agreements are registered in its name."),
    )
    file = forms.FileField(
        label=gettext_lazy("Register file (.xlsx)"),
        help_text=gettext_lazy("Use the template; at most 10 MB and 10,000 rows."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX_TYPE}),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = {org.pk: org for org in organizations}
        self.fields["organization"].choices = [
            (org.pk, org.name) for org in self.organizations.values()
        ]
        if len(self.organizations) == 1:
            self.fields["organization"].initial = next(iter(self.organizations))

    def clean_organization(self):
        return self.organizations[self.cleaned_data["organization"]]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > register.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.")
                % {"limit": register.MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


@login_required
@require_GET
def import_template(request):
    return attachment(
        register.build_template(),
        filename="templat-register-kerja-sama.xlsx",
        content_type=XLSX_TYPE,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    organizations = access.import_owner_choices(request.user)
    if not organizations:
        return render(request, "agreements/import_forbidden.html", status=403)
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, organizations=organizations
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                job = service.import_job_create(
                    user=request.user,
                    organization=form.cleaned_data["organization"],
                    uploaded_file=form.cleaned_data["file"],
                )
            except service.ImportFileRejected as rejected:
                form.add_error("file", register.error_text(rejected.error))
            except service.ImportNotAllowed:
                form.add_error("organization", _("You cannot import for this organisation."))
            else:
                messages.success(
                    request, _("The file was uploaded. It is being checked; this page updates.")
                )
                return redirect("agreements:import-detail", job_pk=job.pk)
        status = 400
    return render(
        request,
        "agreements/import_upload.html",
        {
            "form": form,
            "jobs": access.import_jobs_visible_to(request.user)[:10],
            "max_rows": register.MAX_ROWS,
        },
        status=status,
    )


@login_required
@require_GET
def import_detail(request, job_pk: int):
    job = access.import_job_get_for_user(request.user, job_pk)
    errors = [
        {"row": error.get("row"), "text": register.error_text(error)}
        for error in (job.errors or [])[:ERRORS_SHOWN]
    ]
    preview = []
    for row in job.preview or []:
        preview.append(
            {**row, "warning_texts": [register.error_text(w) for w in row.get("warnings", [])]}
        )
    return render(
        request,
        "agreements/import_detail.html",
        {
            "job": job,
            "progress": service.import_job_progress(job),
            "errors": errors,
            "errors_hidden": max(0, len(job.errors or []) - ERRORS_SHOWN),
            "preview": preview,
            "preview_limit": register.PREVIEW_ROWS,
            "working": job.status
            in (ImportJob.Status.UPLOADED, ImportJob.Status.CHECKING, ImportJob.Status.IMPORTING),
        },
    )


@login_required
@require_GET
def import_status(request, job_pk: int):
    job = access.import_job_get_for_user(request.user, job_pk)
    data = service.import_job_progress(job).as_dict()
    data["status_label"] = job.get_status_display()
    response = JsonResponse(data)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def import_commit(request, job_pk: int):
    job = access.import_job_get_for_user(request.user, job_pk)
    if job.status not in service.COMMITTABLE:
        messages.warning(
            request,
            _("This import cannot be started now: %(status)s.")
            % {"status": job.get_status_display()},
        )
    else:
        service.import_job_request_commit(job=job, user=request.user)
        messages.success(request, _("The import has started; this page shows its progress."))
    return redirect("agreements:import-detail", job_pk=job.pk)


urlpatterns = [
    path("impor/templat.xlsx", import_template, name="import-template"),
    path("impor/", import_upload, name="import-upload"),
    path("impor/<int:job_pk>/", import_detail, name="import-detail"),
    path("impor/<int:job_pk>/status/", import_status, name="import-status"),
    path("impor/<int:job_pk>/simpan/", import_commit, name="import-commit"),
]
