"""The plan page and the plan's life cycle: summary, submit (with the registered checks),
per-party approve or return, revise; the frozen versions, their diff, and the assessment
attachments.

Reading follows the agreement (404 for people who may not see it); editing, submitting and
revising need an editor (access.plan_can_edit); approving and returning need an admin or
coordinator of the party spoken for (access.plan_approvable_parties).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simpul.core.downloads import stored_attachment
from simpul.core.errors import Conflict
from simpul.core.formviews import attempt
from simpul.core.merge import save_merging

from .. import forms, selectors, services
from ..access import plan_approvable_parties, plan_can_edit, plan_get_for_user
from ..models import NeedsAssessment, Plan, PlanVersion
from ..timeline import build_timeline
from .parts import PARTS, plan_url, refuse_if_not_editable

SMART = ("S", "M", "A", "R", "T")


def _smart_letters(check_messages) -> list[dict]:
    """For each message, the five SMART letters with the failing ones marked."""
    return [
        {
            "message": m,
            "letters": [{"letter": letter, "fails": letter in m.letters} for letter in SMART]
            if m.letters
            else [],
        }
        for m in check_messages
    ]


def _detail_context(request, plan: Plan, **extra) -> dict:
    user = request.user
    page = selectors.plan_page(plan)
    can_edit = plan_can_edit(user, plan)
    editable = can_edit and plan.is_editable
    approved_ids: set[int] = set()
    approvable = []
    if plan.status == Plan.Status.SUBMITTED:
        approved_ids = selectors.approvals_for_current_number(plan)
        approvable = [p for p in plan_approvable_parties(user, plan) if p.pk not in approved_ids]
    context = {
        "plan": plan,
        "agreement": plan.agreement,
        "page": page,
        "can_edit": can_edit,
        "editable": editable,
        "parts": PARTS,
        "timeline": build_timeline(page["activities"], timezone.localdate()),
        "approved_ids": approved_ids,
        "party_states": [{"party": p, "approved": p.pk in approved_ids} for p in page["parties"]],
        "approvable": approvable,
        "version_form": forms.SubmitForm(initial={"plan_version": plan.version}),
        "last_version": page["versions"][-1] if page["versions"] else None,
    }
    if editable:
        context["checks"] = _smart_letters(services.plan_submit_messages(plan))
    if approvable:
        parties = plan.agreement.parties.filter(pk__in=[p.pk for p in approvable])
        context["approve_form"] = forms.DecisionForm(
            parties=parties, initial={"plan_version": plan.version}, prefix="approve"
        )
        context["return_form"] = forms.DecisionForm(
            parties=parties,
            note_required=True,
            initial={"plan_version": plan.version},
            prefix="return",
        )
    if can_edit and plan.status == Plan.Status.APPROVED:
        context["revise_form"] = forms.ReviseForm(initial={"plan_version": plan.version})
    context.update(extra)
    return context


@login_required
@require_GET
def plan_detail(request, agreement_pk: int):
    plan = plan_get_for_user(request.user, agreement_pk)
    return render(request, "plans/plan_detail.html", _detail_context(request, plan))


@login_required
def plan_summary(request, agreement_pk: int):
    plan = plan_get_for_user(request.user, agreement_pk, write=True)
    refused = refuse_if_not_editable(request, plan)
    if refused:
        return refused
    status = 200
    if request.method == "POST":
        form = forms.SummaryForm(request.POST, instance=plan)
        if form.is_valid():
            result = save_merging(
                form,
                lambda f: services.plan_summary_update(
                    plan=f.instance,
                    user=request.user,
                    expected_version=f.base_version,
                    summary=f.cleaned_data["summary"],
                ),
                reload=lambda: Plan.objects.filter(pk=plan.pk).first(),
            )
            form = result.form
            if isinstance(result.outcome.error, services.PlanNotEditable):
                messages.error(request, result.outcome.error.messages[0])
                return redirect(plan_url(plan))
            if result.ok:
                messages.success(request, _("The summary was saved."))
                if result.notice():
                    messages.info(request, result.notice())
                return redirect(plan_url(plan, "summary"))
            status = result.status
        else:
            status = 400
    else:
        form = forms.SummaryForm(instance=plan)
    return render(
        request,
        "plans/summary_form.html",
        {"plan": plan, "agreement": plan.agreement, "form": form, "back_url": plan_url(plan)},
        status=status,
    )


def _stale(request, plan: Plan, conflict: Conflict | None = None):
    """Back to the plan page as it is now, saying who changed it and when (from the Conflict),
    or that the page was out of date."""
    messages.error(
        request,
        conflict.messages[0]
        if conflict is not None
        else _(
            "Someone else changed this plan while you were looking at it. Here is its current "
            "state: check it, then try again."
        ),
    )
    return redirect(plan_url(plan))


def _refused(request, plan: Plan, outcome):
    """A refused life-cycle step: the reasons on the plan page."""
    if outcome.conflict:
        return _stale(request, plan, outcome.conflict)
    for message in outcome.error.messages:
        messages.error(request, message)
    return redirect(plan_url(plan))


@login_required
@require_POST
def plan_submit(request, agreement_pk: int):
    plan = plan_get_for_user(request.user, agreement_pk, write=True)
    form = forms.SubmitForm(request.POST)
    if not form.is_valid():
        return _stale(request, plan)
    outcome = attempt(
        None,
        lambda: services.plan_submit(
            plan=plan, user=request.user, expected_version=form.cleaned_data["plan_version"]
        ),
    )
    if isinstance(outcome.error, services.PlanSubmitBlocked):
        context = _detail_context(
            request, plan, submit_blocked=_smart_letters(outcome.error.check_messages)
        )
        return render(request, "plans/plan_detail.html", context, status=400)
    if not outcome.ok:
        return _refused(request, plan, outcome)
    warnings = outcome.result
    messages.success(
        request, _("The plan was submitted. Each party now approves it or returns it.")
    )
    for warning in warnings:
        prefix = f"{warning.subject}: " if warning.subject else ""
        messages.warning(request, prefix + warning.text)
    return redirect(plan_url(plan, "approval"))


def _decide(request, agreement_pk: int, *, approve: bool):
    plan = plan_get_for_user(request.user, agreement_pk)
    allowed = plan_approvable_parties(request.user, plan)
    if not allowed:
        raise Http404
    if plan.status != Plan.Status.SUBMITTED:
        messages.error(
            request, _("The plan is not waiting for approval: it must be submitted first.")
        )
        return redirect(plan_url(plan))
    prefix = "approve" if approve else "return"
    parties = plan.agreement.parties.filter(pk__in=[p.pk for p in allowed]).select_related(
        "organization"
    )
    form = forms.DecisionForm(
        request.POST, parties=parties, note_required=not approve, prefix=prefix
    )
    if form.is_valid():
        data = form.cleaned_data
        decide = services.plan_approve if approve else services.plan_return
        outcome = attempt(
            form,
            lambda: decide(
                plan=plan,
                party=data["party"],
                user=request.user,
                note=data["note"],
                expected_version=data["plan_version"],
            ),
        )
        if outcome.conflict:
            return _stale(request, plan, outcome.conflict)
        if outcome.ok:
            if not approve:
                messages.success(request, _("The plan was returned to draft with your note."))
            elif plan.status == Plan.Status.APPROVED:
                messages.success(
                    request,
                    _("Every party has approved: version %(n)s is approved and frozen.")
                    % {"n": plan.number},
                )
            else:
                messages.success(
                    request,
                    _("%(party)s approved the plan.") % {"party": data["party"].organization.name},
                )
            return redirect(plan_url(plan, "approval"))
    context = _detail_context(request, plan)
    context["approve_form" if approve else "return_form"] = form
    context["decision_failed"] = True
    return render(request, "plans/plan_detail.html", context, status=400)


@login_required
@require_POST
def plan_approve(request, agreement_pk: int):
    return _decide(request, agreement_pk, approve=True)


@login_required
@require_POST
def plan_return(request, agreement_pk: int):
    return _decide(request, agreement_pk, approve=False)


@login_required
@require_POST
def plan_revise(request, agreement_pk: int):
    plan = plan_get_for_user(request.user, agreement_pk, write=True)
    form = forms.ReviseForm(request.POST)
    if not form.is_valid():
        return _stale(request, plan)
    outcome = attempt(
        None,
        lambda: services.plan_revise(
            plan=plan,
            user=request.user,
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["plan_version"],
        ),
    )
    if not outcome.ok:
        return _refused(request, plan, outcome)
    messages.success(
        request,
        _("Version %(n)s is now a draft; the approved version stays as it was.")
        % {"n": plan.number},
    )
    return redirect(plan_url(plan))


@login_required
@require_GET
def plan_version(request, agreement_pk: int, number: int):
    plan = plan_get_for_user(request.user, agreement_pk)
    version = get_object_or_404(PlanVersion, plan=plan, number=number)
    numbers = list(
        PlanVersion.objects.filter(plan=plan).order_by("number").values_list("number", flat=True)
    )
    return render(
        request,
        "plans/plan_version.html",
        {
            "plan": plan,
            "agreement": plan.agreement,
            "version": version,
            "sections": services.snapshot_sections(version.snapshot),
            "previous": max((n for n in numbers if n < number), default=None),
            "verified": services.snapshot_sha256(version.snapshot) == version.sha256,
        },
    )


@login_required
@require_GET
def plan_diff(request, agreement_pk: int):
    """Compare two versions: ?from=1&to=2, or `to=draft` for the current draft. Without a
    query: the last approved version against the draft (or the two last approved ones)."""
    plan = plan_get_for_user(request.user, agreement_pk)
    versions = list(PlanVersion.objects.filter(plan=plan).order_by("number"))
    query = request.GET.copy()
    if "from" not in query and "to" not in query:
        if versions and plan.status != Plan.Status.APPROVED:
            query.update({"from": str(versions[-1].number), "to": forms.DiffForm.DRAFT})
        elif len(versions) >= 2:
            query.update({"from": str(versions[-2].number), "to": str(versions[-1].number)})
    form = forms.DiffForm(query or None, plan=plan, versions=versions)
    diff = None
    labels = {}
    status = 200
    if form.is_bound:
        if form.is_valid():
            by_number = {str(v.number): v for v in versions}

            def snapshot_of(choice):
                if choice == forms.DiffForm.DRAFT:
                    return services.plan_snapshot(plan)
                return by_number[choice].snapshot

            diff = services.plan_diff(
                snapshot_of(form.cleaned_data["from_"]), snapshot_of(form.cleaned_data["to"])
            )
            choices = dict(form.fields["to"].choices)
            labels = {
                "from": choices[form.cleaned_data["from_"]],
                "to": choices[form.cleaned_data["to"]],
            }
        else:
            status = 400
    return render(
        request,
        "plans/plan_diff.html",
        {
            "plan": plan,
            "agreement": plan.agreement,
            "form": form,
            "diff": diff,
            "labels": labels,
            "versions": versions,
        },
        status=status,
    )


@login_required
@require_GET
def assessment_attachment(request, agreement_pk: int, pk: int):
    plan = plan_get_for_user(request.user, agreement_pk)
    assessment = get_object_or_404(NeedsAssessment, pk=pk, plan=plan)
    return stored_attachment(
        assessment.attachment, filename=assessment.attachment_name or "lampiran"
    )


urlpatterns = [
    path("", plan_detail, name="plan-detail"),
    path("ringkasan/", plan_summary, name="plan-summary"),
    path("ajukan/", plan_submit, name="plan-submit"),
    path("setujui/", plan_approve, name="plan-approve"),
    path("kembalikan/", plan_return, name="plan-return"),
    path("revisi/", plan_revise, name="plan-revise"),
    path("versi/<int:number>/", plan_version, name="plan-version"),
    path("perbandingan/", plan_diff, name="plan-diff"),
    path("kajian/<int:pk>/lampiran/", assessment_attachment, name="assessment-attachment"),
]
