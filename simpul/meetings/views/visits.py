"""Exchange visits: the organiser's form (regions, topic, practices), the visiting side's
learning reports (write, edit, submit) and the list of learning reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simpul.core.formviews import attempt, status_for
from simpul.core.merge import save_merging

from .. import selectors_visits, visits_access
from ..forms_visits import ExchangeVisitForm, LearningReportForm, SubmitForm
from ..models import ExchangeVisit, LearningReport, Meeting
from ..services import visits as services
from .meetings import PAGE_SIZE, _filters

REPORTS_ANCHOR = "#learning-reports"


@login_required
def visit_edit(request, pk: int):
    meeting = visits_access.exchange_visit_meeting_get_for_user(request.user, pk, manage=True)
    if meeting.status == Meeting.Status.CANCELLED:
        messages.error(request, _("This meeting has been cancelled."))
        return redirect(meeting.get_absolute_url())
    visit = selectors_visits.exchange_visit_of(meeting)
    form = ExchangeVisitForm(request.POST or None, instance=visit)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():

            def save(f):
                return services.exchange_visit_save(
                    meeting=meeting, user=request.user, version=f.base_version,
                    **f.cleaned_fields(),
                )  # fmt: skip

            if visit is None:
                outcome = attempt(form, lambda: save(form))
                if outcome.ok:
                    messages.success(request, _("The exchange visit was saved."))
                    return redirect(meeting.get_absolute_url() + "#exchange-visit")
                status = status_for(form, outcome)
            else:
                result = save_merging(
                    form,
                    save,
                    reload=lambda: ExchangeVisit.objects.filter(pk=visit.pk).first(),
                )
                if result.ok:
                    messages.success(request, _("The exchange visit was saved."))
                    if result.notice():
                        messages.info(request, result.notice())
                    return redirect(meeting.get_absolute_url() + "#exchange-visit")
                form, status = result.form, result.status
    return render(
        request,
        "meetings/visits/visit_form.html",
        {"meeting": meeting, "form": form},
        status=status,
    )


@login_required
def report_create(request, pk: int):
    meeting = visits_access.exchange_visit_meeting_get_for_user(request.user, pk)
    visit = selectors_visits.exchange_visit_of(meeting)
    organizations = visits_access.filing_organizations(request.user, visit)
    if visit is None or not organizations:
        raise Http404
    form = LearningReportForm(
        request.POST or None,
        adopters=selectors_visits.adopters_of(visit),
        organizations=organizations,
    )
    outcome = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = attempt(
            form,
            lambda: services.learning_report_create(
                visit=visit, user=request.user, organization=data["organization"],
                seen=data["seen"], adoptable=data["adoptable"], adopter=data["adopter"],
                next_steps=data["next_steps"],
            ),
        )  # fmt: skip
        if outcome.ok:
            messages.success(request, _("The learning report was saved as a draft."))
            return redirect(meeting.get_absolute_url() + REPORTS_ANCHOR)
    return render(
        request,
        "meetings/visits/report_form.html",
        {"meeting": meeting, "form": form, "report": None},
        status=status_for(form, outcome),
    )


@login_required
def report_edit(request, pk: int, report_pk: int):
    report = visits_access.learning_report_get_for_user(request.user, pk, report_pk, write=True)
    meeting = report.visit.meeting
    if report.status != LearningReport.Status.DRAFT:
        messages.error(request, _("A submitted learning report is not changed any more."))
        return redirect(meeting.get_absolute_url() + REPORTS_ANCHOR)
    form = LearningReportForm(
        request.POST or None,
        instance=report,
        adopters=selectors_visits.adopters_of(report.visit),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            result = save_merging(
                form,
                lambda f: services.learning_report_update(
                    report=f.instance,
                    user=request.user,
                    version=f.base_version,
                    **f.cleaned_fields(),
                ),  # fmt: skip
                reload=lambda: _reload(report),
            )
            if result.ok:
                messages.success(request, _("The learning report was saved."))
                if result.notice():
                    messages.info(request, result.notice())
                return redirect(meeting.get_absolute_url() + REPORTS_ANCHOR)
            form, status = result.form, result.status
    return render(
        request,
        "meetings/visits/report_form.html",
        {"meeting": meeting, "form": form, "report": report},
        status=status,
    )


def _reload(report: LearningReport) -> LearningReport | None:
    current = LearningReport.objects.select_related("organization").filter(pk=report.pk).first()
    if current is not None:
        current.visit = report.visit
    return current


@login_required
@require_POST
def report_submit(request, pk: int, report_pk: int):
    report = visits_access.learning_report_get_for_user(request.user, pk, report_pk, write=True)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This form is out of date: reload the page and try again."))
    else:
        outcome = attempt(
            None,
            lambda: services.learning_report_submit(
                report=report, user=request.user, version=form.cleaned_data["version"]
            ),
        )
        if outcome.ok:
            messages.success(request, _("The learning report was submitted."))
        else:
            messages.error(request, " ".join(outcome.error.messages if outcome.error else []))
    return redirect(report.visit.meeting.get_absolute_url() + REPORTS_ANCHOR)


@login_required
@require_GET
def report_list(request):
    forum, agreement = _filters(request)
    reports = selectors_visits.submitted_learning_reports(
        request.user, forum=forum, agreement=agreement
    )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/visits/report_list.html",
        {"page": page, "forum": forum, "agreement": agreement},
    )
