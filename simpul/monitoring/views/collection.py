"""Monitoring views: data collection (see __init__). Reporting periods and their status,
each party's submission (entry form, Excel round-trip, evidence), submit → verify/return with
its provenance, and evidence downloads.

Access: reading follows the agreement; period changes need an editor role
(monitoring_agreement_for_user(write=True)); entering data needs data-entry rights for the
submission's party (submission_get_for_user(enter=True)); verifying needs the agreement's
coordinators (verify=True). Anyone else gets 404. Every refusal of a service comes back as a
message beside the form, with what the person typed kept.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simpul.core.downloads import attachment, stored_attachment
from simpul.core.errors import DomainError, status_of
from simpul.core.formviews import add_errors
from simpul.core.uploads import upload_size_checked

from ..access import (
    agreement_can_edit,
    agreement_can_verify,
    monitoring_agreement_for_user,
    party_can_enter_data,
    period_get_for_user,
    submission_get_for_user,
)
from ..excel import period_form_upload, period_form_xlsx
from ..forms_collection import (
    EvidenceForm,
    FormUploadForm,
    PeriodStatusForm,
    ReturnForm,
    SubmissionValuesForm,
    VerifyForm,
    VersionForm,
)
from ..models import Evidence, ReportingPeriod, Submission
from ..services.collection import (
    DONE,
    EDITABLE,
    ValuesInvalid,
    entry_lines,
    evidence_add,
    indicator_name,
    indicator_rows,
    option_name,
    period_name,
    period_status_change,
    periods_ensure,
    plain_number,
    reporting_party_ids,
    submission_for,
    submission_return,
    submission_submit,
    submission_verify,
    values_save,
)

TAB = "monitoring:period-list"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _agreement_url(agreement) -> str:
    return reverse("agreements:agreement-detail", kwargs={"pk": agreement.pk})


def _messages_of(error: ValidationError) -> list[str]:
    return list(error.messages)


def _base_context(agreement, **extra) -> dict:
    return {"agreement": agreement, "agreement_url": _agreement_url(agreement), "tab": TAB, **extra}


# --- Periods -----------------------------------------------------------------------------------


@login_required
@require_GET
def period_list(request, agreement_pk: int):
    agreement = monitoring_agreement_for_user(request.user, agreement_pk)
    periods = list(
        ReportingPeriod.objects.filter(agreement=agreement).order_by("start", "frequency", "pk")
    )
    parties = list(agreement.parties.select_related("organization"))
    submissions = {
        (s.period_id, s.party_id): s
        for s in Submission.objects.filter(period__agreement=agreement).only(
            "pk", "period_id", "party_id", "status", "is_late"
        )
    }
    indicators = indicator_rows([agreement.pk])
    rows = []
    for period in periods:
        reporting = reporting_party_ids(period, indicators[(agreement.pk, period.frequency)])
        cells = []
        for party in parties:
            submission = submissions.get((period.pk, party.pk))
            reports = reporting is None or party.pk in reporting
            cells.append(
                {
                    "party": party,
                    "submission": submission,
                    "reports": reports,
                    "late": reports and submission is not None and bool(submission.is_late),
                }
            )
        # Past due: some party's data is late (stored per submission, in the party's zone).
        late = any(cell["late"] for cell in cells)
        rows.append({"period": period, "late": late, "cells": cells, "name": period_name(period)})
    return render(
        request,
        "monitoring/collection/period_list.html",
        _base_context(
            agreement,
            rows=rows,
            parties=parties,
            can_edit=agreement_can_edit(request.user, agreement),
        ),
    )


@login_required
@require_POST
def period_ensure(request, agreement_pk: int):
    agreement = monitoring_agreement_for_user(request.user, agreement_pk, write=True)
    created = periods_ensure(agreement)
    messages.success(
        request,
        _("%(count)s reporting periods were added.") % {"count": len(created)}
        if created
        else _("Every reporting period already exists."),
    )
    return redirect("monitoring:period-list", agreement_pk=agreement.pk)


def _period_parties(period, user):
    agreement = period.agreement
    parties = list(agreement.parties.select_related("organization"))
    reporting = reporting_party_ids(
        period, indicator_rows([agreement.pk])[(agreement.pk, period.frequency)]
    )
    submissions = {
        s.party_id: s for s in Submission.objects.filter(period=period).select_related("party")
    }
    entries = []
    for party in parties:
        submission = submissions.get(party.pk)
        reports = reporting is None or party.pk in reporting
        entries.append(
            {
                "party": party,
                "submission": submission,
                "reports": reports,
                "can_enter": reports and party_can_enter_data(user, party),
                "late": reports and submission is not None and bool(submission.is_late),
            }
        )
    return entries


@login_required
@require_GET
def period_detail(request, agreement_pk: int, pk: int):
    period = period_get_for_user(request.user, agreement_pk, pk)
    agreement = period.agreement
    entries = _period_parties(period, request.user)
    return render(
        request,
        "monitoring/collection/period_detail.html",
        _base_context(
            agreement,
            period=period,
            name=period_name(period),
            late=any(entry["late"] for entry in entries),
            entries=entries,
            can_edit=agreement_can_edit(request.user, agreement),
        ),
    )


@login_required
@require_POST
def period_status(request, agreement_pk: int, pk: int):
    period = period_get_for_user(request.user, agreement_pk, pk, write=True)
    form = PeriodStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose open, close, lock or reopen."))
    else:
        try:
            period_status_change(
                period=period, user=request.user, action=form.cleaned_data["action"]
            )
        except DomainError as error:
            for message in _messages_of(error):
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(period)s is now %(status)s.")
                % {"period": period_name(period), "status": period.get_status_display().lower()},
            )
    return redirect("monitoring:period-detail", agreement_pk=period.agreement_id, pk=period.pk)


# --- Submissions -------------------------------------------------------------------------------


@login_required
@require_POST
def submission_start(request, agreement_pk: int, pk: int, party_pk: int):
    period = period_get_for_user(request.user, agreement_pk, pk)
    party = get_object_or_404(period.agreement.parties.select_related("organization"), pk=party_pk)
    if not party_can_enter_data(request.user, party):
        raise Http404
    existing = Submission.objects.filter(period=period, party=party).first()
    if existing is None and period.status != ReportingPeriod.Status.OPEN:
        messages.error(
            request,
            _("%(period)s is not open for data entry.") % {"period": period_name(period)},
        )
        return redirect("monitoring:period-detail", agreement_pk=period.agreement_id, pk=period.pk)
    submission = existing or submission_for(period, party)
    return redirect(
        "monitoring:submission-edit", agreement_pk=period.agreement_id, pk=submission.pk
    )


def _editable(submission) -> bool:
    return submission.status in EDITABLE and submission.period.status == ReportingPeriod.Status.OPEN


def _lock_notice(submission) -> str:
    period = submission.period
    if period.status == ReportingPeriod.Status.LOCKED:
        return _("%(period)s is locked: its data can no longer be changed.") % {
            "period": period_name(period)
        }
    if period.status != ReportingPeriod.Status.OPEN:
        return _("%(period)s is not open for data entry (it is %(status)s).") % {
            "period": period_name(period),
            "status": period.get_status_display().lower(),
        }
    if submission.status in DONE:
        return _(
            "This submission is %(status)s; a coordinator must return it before it can change."
        ) % {"status": submission.get_status_display().lower()}
    return ""


def _edit_page(
    request,
    submission,
    *,
    lines=None,
    form=None,
    upload_form=None,
    upload_errors=(),
    evidence_form=None,
    status=200,
):
    period = submission.period
    agreement = period.agreement
    lines = lines if lines is not None else entry_lines(period, submission.party, submission)
    editable = _editable(submission)
    if form is None:
        form = SubmissionValuesForm(initial={"expected_version": submission.version}, lines=lines)
    if upload_form is None:
        upload_form = FormUploadForm(
            initial={"expected_version": submission.version}, auto_id="upload_%s"
        )
    if evidence_form is None:
        evidence_form = EvidenceForm(
            indicators=[line.indicator for line in lines], auto_id="evidence_%s"
        )
    evidence = Evidence.objects.filter(submission=submission).select_related(
        "indicator", "uploaded_by"
    )
    return render(
        request,
        "monitoring/collection/submission_edit.html",
        _base_context(
            agreement,
            submission=submission,
            period=period,
            name=period_name(period),
            form=form,
            line_fields=list(form.bound_line_fields()),
            upload_form=upload_form,
            upload_errors=list(upload_errors),
            evidence_form=evidence_form,
            evidence=evidence,
            editable=editable,
            notice=_lock_notice(submission),
            submit_form=VersionForm(
                initial={"expected_version": submission.version}, auto_id="submit_%s"
            ),
        ),
        status=status,
    )


def _load_for_entry(request, agreement_pk, pk):
    submission = submission_get_for_user(request.user, agreement_pk, pk, enter=True)
    submission.period = ReportingPeriod.objects.select_related("agreement").get(
        pk=submission.period_id
    )
    return submission


@login_required
@require_http_methods(["GET", "POST"])
def submission_edit(request, agreement_pk: int, pk: int):
    submission = _load_for_entry(request, agreement_pk, pk)
    if request.method == "GET":
        return _edit_page(request, submission)
    lines = entry_lines(submission.period, submission.party, submission)
    form = SubmissionValuesForm(request.POST, lines=lines)
    if not _editable(submission):
        form.is_valid()
        form.add_error(None, _lock_notice(submission))
        return _edit_page(request, submission, lines=lines, form=form, status=400)
    status = 400
    if form.is_valid():
        try:
            result = values_save(
                submission=submission,
                user=request.user,
                rows=form.rows(),
                expected_version=form.cleaned_data["expected_version"],
            )
        except ValuesInvalid as error:
            form.add_problems(error.problems)
        except DomainError as error:
            form.add_error(None, _messages_of(error))
            status = status_of(error)
        else:
            messages.success(
                request, _("Saved: %(count)s values changed.") % {"count": result.changed}
            )
            for row in result.outliers:
                messages.warning(
                    request,
                    _(
                        "%(indicator)s (%(option)s): %(value)s is unusual compared with "
                        "earlier verified values. It was saved; check it before submitting."
                    )
                    % {
                        "indicator": indicator_name(row.indicator),
                        "option": option_name(row.option),
                        "value": plain_number(row.value),
                    },
                )
            return redirect(
                "monitoring:submission-edit", agreement_pk=agreement_pk, pk=submission.pk
            )
    return _edit_page(request, submission, lines=lines, form=form, status=status)


@login_required
@require_POST
def submission_submit_view(request, agreement_pk: int, pk: int):
    submission = _load_for_entry(request, agreement_pk, pk)
    form = VersionForm(request.POST)
    expected = form.cleaned_data.get("expected_version") if form.is_valid() else None
    try:
        submission_submit(
            submission=submission,
            user=request.user,
            expected_version=expected if expected is not None else -1,
        )
    except DomainError as error:
        for message in _messages_of(error):
            messages.error(request, message)
        return redirect("monitoring:submission-edit", agreement_pk=agreement_pk, pk=submission.pk)
    messages.success(
        request,
        _("The data for %(period)s was submitted for verification.")
        % {"period": period_name(submission.period)},
    )
    return redirect("monitoring:submission-detail", agreement_pk=agreement_pk, pk=submission.pk)


def _detail_page(request, submission, *, verify_form=None, return_form=None, status=200):
    period = submission.period
    agreement = period.agreement
    lines = entry_lines(period, submission.party, submission)
    can_verify = agreement_can_verify(request.user, agreement)
    can_enter = party_can_enter_data(request.user, submission.party)
    version = {"expected_version": submission.version}
    return render(
        request,
        "monitoring/collection/submission_detail.html",
        _base_context(
            agreement,
            submission=submission,
            period=period,
            name=period_name(period),
            lines=lines,
            events=submission.events.select_related("actor").order_by("occurred_at", "pk"),
            evidence=Evidence.objects.filter(submission=submission).select_related(
                "indicator", "uploaded_by"
            ),
            can_enter=can_enter,
            editable=can_enter and _editable(submission),
            can_verify=can_verify and period.status != ReportingPeriod.Status.LOCKED,
            verify_form=verify_form or VerifyForm(initial=version, auto_id="verify_%s"),
            return_form=return_form or ReturnForm(initial=version, auto_id="return_%s"),
            notice=_lock_notice(submission),
        ),
        status=status,
    )


def _load(request, agreement_pk, pk, **flags):
    submission = submission_get_for_user(request.user, agreement_pk, pk, **flags)
    submission.period = ReportingPeriod.objects.select_related("agreement").get(
        pk=submission.period_id
    )
    return submission


@login_required
@require_GET
def submission_detail(request, agreement_pk: int, pk: int):
    return _detail_page(request, _load(request, agreement_pk, pk))


@login_required
@require_POST
def submission_verify_view(request, agreement_pk: int, pk: int):
    submission = _load(request, agreement_pk, pk, verify=True)
    form = VerifyForm(request.POST, auto_id="verify_%s")
    if not form.is_valid():
        return _detail_page(request, submission, verify_form=form, status=400)
    try:
        submission_verify(
            submission=submission,
            user=request.user,
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["expected_version"],
        )
    except DomainError as error:
        for message in _messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, _("The data was verified."))
    return redirect("monitoring:submission-detail", agreement_pk=agreement_pk, pk=submission.pk)


@login_required
@require_POST
def submission_return_view(request, agreement_pk: int, pk: int):
    submission = _load(request, agreement_pk, pk, verify=True)
    form = ReturnForm(request.POST, auto_id="return_%s")
    if form.is_valid():
        try:
            submission_return(
                submission=submission,
                user=request.user,
                comment=form.cleaned_data["comment"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except DomainError as error:
            for message in _messages_of(error):
                messages.error(request, message)
        except ValidationError as error:
            form.add_error(None, _messages_of(error))
            return _detail_page(request, submission, return_form=form, status=400)
        else:
            messages.success(request, _("The data was returned to the party for correction."))
        return redirect("monitoring:submission-detail", agreement_pk=agreement_pk, pk=submission.pk)
    return _detail_page(request, submission, return_form=form, status=400)


# --- Excel round-trip --------------------------------------------------------------------------


@login_required
@require_GET
def submission_xlsx(request, agreement_pk: int, pk: int):
    submission = _load_for_entry(request, agreement_pk, pk)
    period = submission.period
    content = period_form_xlsx(period, submission.party, submission)
    # The label reads "TW II 2025" for people; a file name keeps plain, spaceless parts.
    short = f"{period.year}-{period.frequency}-{period.number}"
    filename = f"data-{period.agreement.reference_code}-{short}-{submission.party_id}.xlsx"
    return attachment(content, filename=filename, content_type=XLSX_TYPE)


def _too_large(message):
    """The entry page (413) with `message` beside the upload, for upload_size_checked."""

    def answer(request, agreement_pk: int, pk: int):
        submission = _load_for_entry(request, agreement_pk, pk)
        return _edit_page(request, submission, upload_errors=[str(message)], status=413)

    return answer


@login_required
@require_POST
@upload_size_checked(_too_large(gettext_lazy("The file is too large to be a data form.")))
def submission_upload(request, agreement_pk: int, pk: int):
    submission = _load_for_entry(request, agreement_pk, pk)
    form = FormUploadForm(request.POST, request.FILES, auto_id="upload_%s")
    errors = []
    status = 400
    if not _editable(submission):
        errors.append(_lock_notice(submission))
    elif form.is_valid():
        try:
            result = period_form_upload(
                submission=submission,
                user=request.user,
                file=form.cleaned_data["file"],
                expected_version=form.cleaned_data["expected_version"],
            )
        except ValuesInvalid as error:
            errors = [message for _key, message in error.problems]
        except DomainError as error:
            errors = _messages_of(error)
            status = status_of(error)
        else:
            messages.success(
                request,
                _("The form was uploaded: %(count)s values changed.") % {"count": result.changed},
            )
            for row in result.outliers:
                messages.warning(
                    request,
                    _(
                        "%(indicator)s (%(option)s): %(value)s is unusual compared with "
                        "earlier verified values. It was saved; check it before submitting."
                    )
                    % {
                        "indicator": indicator_name(row.indicator),
                        "option": option_name(row.option),
                        "value": plain_number(row.value),
                    },
                )
            return redirect(
                "monitoring:submission-edit",
                agreement_pk=submission.period.agreement_id,
                pk=submission.pk,
            )
    return _edit_page(request, submission, upload_form=form, upload_errors=errors, status=status)


# --- Evidence ----------------------------------------------------------------------------------


@login_required
@require_POST
@upload_size_checked(_too_large(gettext_lazy("The file is larger than uploads may be.")))
def evidence_upload(request, agreement_pk: int, pk: int):
    submission = _load_for_entry(request, agreement_pk, pk)
    lines = entry_lines(submission.period, submission.party, submission)
    form = EvidenceForm(
        request.POST,
        request.FILES,
        indicators=[line.indicator for line in lines],
        auto_id="evidence_%s",
    )
    if form.is_valid():
        try:
            evidence = evidence_add(
                submission=submission,
                user=request.user,
                uploaded_file=form.cleaned_data["file"],
                indicator=form.cleaned_data["indicator"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("“%(name)s” was added as evidence.") % {"name": evidence.original_name}
            )
            return redirect(
                "monitoring:submission-edit",
                agreement_pk=submission.period.agreement_id,
                pk=submission.pk,
            )
    return _edit_page(request, submission, lines=lines, evidence_form=form, status=400)


@login_required
@require_GET
def evidence_download(request, agreement_pk: int, pk: int, evidence_pk: int):
    submission = submission_get_for_user(request.user, agreement_pk, pk)
    evidence = get_object_or_404(Evidence, pk=evidence_pk, submission=submission)
    return stored_attachment(
        evidence.file, filename=evidence.original_name, content_type=evidence.content_type
    )


urlpatterns = [
    path("data/", period_list, name="period-list"),
    path("data/siapkan/", period_ensure, name="period-ensure"),
    path("data/periode/<int:pk>/", period_detail, name="period-detail"),
    path("data/periode/<int:pk>/status/", period_status, name="period-status"),
    path(
        "data/periode/<int:pk>/pihak/<int:party_pk>/mulai/",
        submission_start,
        name="submission-start",
    ),
    path("data/isian/<int:pk>/", submission_detail, name="submission-detail"),
    path("data/isian/<int:pk>/ubah/", submission_edit, name="submission-edit"),
    path("data/isian/<int:pk>/kirim/", submission_submit_view, name="submission-submit"),
    path("data/isian/<int:pk>/verifikasi/", submission_verify_view, name="submission-verify"),
    path("data/isian/<int:pk>/kembalikan/", submission_return_view, name="submission-return"),
    path("data/isian/<int:pk>/formulir.xlsx", submission_xlsx, name="submission-xlsx"),
    path("data/isian/<int:pk>/unggah/", submission_upload, name="submission-upload"),
    path("data/isian/<int:pk>/bukti/", evidence_upload, name="evidence-upload"),
    path(
        "data/isian/<int:pk>/bukti/<int:evidence_pk>/unduh/",
        evidence_download,
        name="evidence-download",
    ),
]
