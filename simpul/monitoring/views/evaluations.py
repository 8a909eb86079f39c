"""Monitoring views: evaluations, their findings, recommendations and follow-ups (see
__init__). Mounted under /kerja-sama/<agreement_pk>/pemantauan/.

Readers of the agreement read; editors (agreement_can_edit) write evaluations; the owner
party's data officers and up (party_can_enter_data), and editors, move a follow-up's status.
A final evaluation is read-only: its edit pages send back to it with the reason.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simpul.core.formviews import add_errors
from simpul.plans.models import Plan

from .. import access
from ..forms_evaluations import (
    EvaluationForm,
    FindingForm,
    FollowUpForm,
    FollowUpStatusForm,
    RecommendationForm,
)
from ..models import EarlyWarning, Evaluation, Finding, FollowUp, Recommendation
from ..services import evaluations as services
from ..services.warnings import warning_items

TAB = "monitoring:evaluation-list"


def _detail_url(evaluation: Evaluation, anchor: str = "") -> str:
    url = reverse(
        "monitoring:evaluation-detail",
        kwargs={"agreement_pk": evaluation.agreement_id, "pk": evaluation.pk},
    )
    return f"{url}#{anchor}" if anchor else url


def _base(agreement) -> dict:
    return {"agreement": agreement, "agreement_url": agreement.get_absolute_url(), "tab": TAB}


def _form_page(request, agreement, form, *, heading, cancel_url, evaluation=None, status=200):
    return render(
        request,
        "monitoring/evaluations/form.html",
        {
            **_base(agreement),
            "form": form,
            "heading": heading,
            "cancel_url": cancel_url,
            "evaluation": evaluation,
        },
        status=status,
    )


def _refuse_if_final(request, evaluation: Evaluation):
    if evaluation.status == Evaluation.Status.FINAL:
        messages.error(request, _("This evaluation is final and can no longer be changed."))
        return redirect(_detail_url(evaluation))
    return None


# --- evaluations ----------------------------------------------------------------------------


@login_required
@require_GET
def evaluation_list(request, agreement_pk: int):
    agreement = access.monitoring_agreement_for_user(request.user, agreement_pk)
    evaluations = (
        Evaluation.objects.filter(agreement=agreement)
        .annotate(
            finding_count=Count("findings", distinct=True),
            recommendation_count=Count("recommendations", distinct=True),
            open_follow_ups=Count(
                "recommendations__follow_ups",
                filter=Q(
                    recommendations__follow_ups__status__in=(
                        FollowUp.Status.OPEN,
                        FollowUp.Status.IN_PROGRESS,
                    )
                ),
                distinct=True,
            ),
        )
        .order_by("-period_end", "-pk")
    )
    return render(
        request,
        "monitoring/evaluations/evaluation_list.html",
        {
            **_base(agreement),
            "evaluations": evaluations,
            "schedule": services.evaluation_schedule(agreement),
            "can_edit": access.agreement_can_edit(request.user, agreement),
            "open_warnings": EarlyWarning.objects.filter(
                agreement=agreement, resolved_at__isnull=True
            ).count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_create(request, agreement_pk: int):
    agreement = access.monitoring_agreement_for_user(request.user, agreement_pk, write=True)
    schedule = services.evaluation_schedule(agreement)
    initial = {"period_start": schedule["next_period_start"], "period_end": schedule["next_due"]}
    form = EvaluationForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                evaluation = services.evaluation_create(
                    agreement=agreement, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The evaluation was created."))
                return redirect(_detail_url(evaluation))
    return _form_page(
        request,
        agreement,
        form,
        heading=_("New evaluation"),
        cancel_url=reverse(TAB, kwargs={"agreement_pk": agreement.pk}),
        status=status,
    )


def _plan_revision(request, agreement, evaluation, can_edit: bool) -> dict | None:
    """What the page says about the revision an evaluation proposes. Reads the plan without
    creating it (plans.access.plan_for creates one; only the POST may)."""
    if not evaluation.proposes_revision:
        return None
    plan = Plan.objects.filter(agreement=agreement).only("status", "number").first()
    return {
        "plan": plan,
        "possible": plan is not None and plan.status == Plan.Status.APPROVED,
        "can_act": can_edit,
    }


@login_required
@require_GET
def evaluation_detail(request, agreement_pk: int, pk: int):
    evaluation = access.evaluation_get_for_user(request.user, agreement_pk, pk)
    agreement = evaluation.agreement
    can_edit = access.agreement_can_edit(request.user, agreement)
    follow_ups = FollowUp.objects.select_related("owner__organization").order_by("due_date", "pk")
    recommendations = list(
        evaluation.recommendations.select_related("finding").prefetch_related(
            Prefetch("follow_ups", queryset=follow_ups)
        )
    )
    today = timezone.localdate()
    for recommendation in recommendations:
        for follow_up in recommendation.follow_ups.all():
            follow_up.can_update = can_edit or access.party_can_enter_data(
                request.user, follow_up.owner
            )
            follow_up.is_overdue = follow_up.due_date < today and follow_up.status in (
                FollowUp.Status.OPEN,
                FollowUp.Status.IN_PROGRESS,
            )
    is_draft = evaluation.status == Evaluation.Status.DRAFT
    return render(
        request,
        "monitoring/evaluations/evaluation_detail.html",
        {
            **_base(agreement),
            "evaluation": evaluation,
            "findings": list(evaluation.findings.all()),
            "recommendations": recommendations,
            "status_counts": services.indicator_status_counts(agreement),
            "can_edit": can_edit and is_draft,
            "is_draft": is_draft,
            "revision": _plan_revision(request, agreement, evaluation, can_edit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_edit(request, agreement_pk: int, pk: int):
    evaluation = access.evaluation_get_for_user(request.user, agreement_pk, pk, write=True)
    refused = _refuse_if_final(request, evaluation)
    if refused:
        return refused
    form = EvaluationForm(request.POST or None, instance=evaluation)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.evaluation_update(
                    evaluation=evaluation, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The evaluation was saved."))
                return redirect(_detail_url(evaluation))
    return _form_page(
        request,
        evaluation.agreement,
        form,
        heading=_("Edit the evaluation"),
        cancel_url=_detail_url(evaluation),
        evaluation=evaluation,
        status=status,
    )


@login_required
@require_POST
def evaluation_finalise(request, agreement_pk: int, pk: int):
    evaluation = access.evaluation_get_for_user(request.user, agreement_pk, pk, write=True)
    try:
        services.evaluation_finalise(evaluation=evaluation, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The evaluation is final; it can no longer be changed."))
    return redirect(_detail_url(evaluation))


@login_required
@require_POST
def evaluation_revise_plan(request, agreement_pk: int, pk: int):
    evaluation = access.evaluation_get_for_user(request.user, agreement_pk, pk, write=True)
    try:
        plan = services.evaluation_revise_plan(evaluation=evaluation, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_detail_url(evaluation, "plan-revision"))
    messages.success(
        request,
        _("Version %(number)s of the plan is now being drafted, as the evaluation proposes.")
        % {"number": plan.number},
    )
    return redirect(_detail_url(evaluation, "plan-revision"))


# --- findings -------------------------------------------------------------------------------


def _finding_of(evaluation, finding_pk: int) -> Finding:
    return get_object_or_404(Finding.objects.filter(evaluation=evaluation), pk=finding_pk)


def _finding_form(request, evaluation, finding=None):
    refused = _refuse_if_final(request, evaluation)
    if refused:
        return refused
    form = FindingForm(request.POST or None, instance=finding)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = services.finding_save(
                    evaluation=evaluation, user=request.user, finding=finding, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The finding was saved."))
                return redirect(_detail_url(evaluation, f"finding-{saved.pk}"))
    return _form_page(
        request,
        evaluation.agreement,
        form,
        heading=_("Edit the finding") if finding else _("New finding"),
        cancel_url=_detail_url(evaluation, "findings"),
        evaluation=evaluation,
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def finding_create(request, agreement_pk: int, pk: int):
    evaluation = access.evaluation_get_for_user(request.user, agreement_pk, pk, write=True)
    return _finding_form(request, evaluation)


@login_required
@require_http_methods(["GET", "POST"])
def finding_edit(request, agreement_pk: int, pk: int, finding_pk: int):
    evaluation = access.evaluation_get_for_user(request.user, agreement_pk, pk, write=True)
    return _finding_form(request, evaluation, _finding_of(evaluation, finding_pk))


@login_required
@require_POST
def finding_delete(request, agreement_pk: int, pk: int, finding_pk: int):
    evaluation = access.evaluation_get_for_user(request.user, agreement_pk, pk, write=True)
    finding = _finding_of(evaluation, finding_pk)
    try:
        services.finding_delete(finding=finding, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The finding was deleted."))
    return redirect(_detail_url(evaluation, "findings"))


# --- recommendations ------------------------------------------------------------------------


def _recommendation_of(evaluation, recommendation_pk: int) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.filter(evaluation=evaluation), pk=recommendation_pk
    )


def _recommendation_form(request, evaluation, recommendation=None):
    refused = _refuse_if_final(request, evaluation)
    if refused:
        return refused
    form = RecommendationForm(request.POST or None, instance=recommendation, evaluation=evaluation)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = services.recommendation_save(
                    evaluation=evaluation,
                    user=request.user,
                    recommendation=recommendation,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The recommendation was saved."))
                return redirect(_detail_url(evaluation, f"recommendation-{saved.pk}"))
    return _form_page(
        request,
        evaluation.agreement,
        form,
        heading=_("Edit the recommendation") if recommendation else _("New recommendation"),
        cancel_url=_detail_url(evaluation, "recommendations"),
        evaluation=evaluation,
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create(request, agreement_pk: int, pk: int):
    evaluation = access.evaluation_get_for_user(request.user, agreement_pk, pk, write=True)
    return _recommendation_form(request, evaluation)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_edit(request, agreement_pk: int, pk: int, recommendation_pk: int):
    evaluation = access.evaluation_get_for_user(request.user, agreement_pk, pk, write=True)
    return _recommendation_form(
        request, evaluation, _recommendation_of(evaluation, recommendation_pk)
    )


@login_required
@require_POST
def recommendation_delete(request, agreement_pk: int, pk: int, recommendation_pk: int):
    evaluation = access.evaluation_get_for_user(request.user, agreement_pk, pk, write=True)
    recommendation = _recommendation_of(evaluation, recommendation_pk)
    try:
        services.recommendation_delete(recommendation=recommendation, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The recommendation was deleted."))
    return redirect(_detail_url(evaluation, "recommendations"))


# --- follow-ups -----------------------------------------------------------------------------


def _follow_up_of(evaluation, follow_up_pk: int) -> FollowUp:
    return get_object_or_404(
        FollowUp.objects.select_related("recommendation", "owner__organization").filter(
            recommendation__evaluation=evaluation
        ),
        pk=follow_up_pk,
    )


def _follow_up_form(request, evaluation, recommendation, follow_up=None):
    refused = _refuse_if_final(request, evaluation)
    if refused:
        return refused
    form = FollowUpForm(request.POST or None, instance=follow_up, agreement=evaluation.agreement)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = services.follow_up_save(
                    recommendation=recommendation,
                    user=request.user,
                    follow_up=follow_up,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The follow-up action was saved."))
                return redirect(_detail_url(evaluation, f"follow-up-{saved.pk}"))
    return _form_page(
        request,
        evaluation.agreement,
        form,
        heading=_("Edit the follow-up action") if follow_up else _("New follow-up action"),
        cancel_url=_detail_url(evaluation, f"recommendation-{recommendation.pk}"),
        evaluation=evaluation,
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_create(request, agreement_pk: int, pk: int, recommendation_pk: int):
    evaluation = access.evaluation_get_for_user(request.user, agreement_pk, pk, write=True)
    recommendation = _recommendation_of(evaluation, recommendation_pk)
    recommendation.evaluation = evaluation
    return _follow_up_form(request, evaluation, recommendation)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_edit(request, agreement_pk: int, pk: int, follow_up_pk: int):
    evaluation = access.evaluation_get_for_user(request.user, agreement_pk, pk, write=True)
    follow_up = _follow_up_of(evaluation, follow_up_pk)
    follow_up.recommendation.evaluation = evaluation
    return _follow_up_form(request, evaluation, follow_up.recommendation, follow_up)


@login_required
@require_POST
def follow_up_delete(request, agreement_pk: int, pk: int, follow_up_pk: int):
    evaluation = access.evaluation_get_for_user(request.user, agreement_pk, pk, write=True)
    follow_up = _follow_up_of(evaluation, follow_up_pk)
    follow_up.recommendation.evaluation = evaluation
    try:
        services.follow_up_delete(follow_up=follow_up, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The follow-up action was deleted."))
    return redirect(_detail_url(evaluation, "recommendations"))


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_status(request, agreement_pk: int, pk: int, follow_up_pk: int):
    """The owner party's people (data officers and up, also from its agencies) and the
    agreement's editors move a follow-up on, also after the evaluation is final."""
    evaluation = access.evaluation_get_for_user(request.user, agreement_pk, pk)
    follow_up = _follow_up_of(evaluation, follow_up_pk)
    if not (
        access.agreement_can_edit(request.user, evaluation.agreement)
        or access.party_can_enter_data(request.user, follow_up.owner)
    ):
        raise Http404
    form = FollowUpStatusForm(
        request.POST or None,
        initial={"status": follow_up.status, "done_on": follow_up.done_on, "note": follow_up.note},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.follow_up_set_status(
                    follow_up=follow_up, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The follow-up's status was updated."))
                return redirect(_detail_url(evaluation, f"follow-up-{follow_up.pk}"))
    return render(
        request,
        "monitoring/evaluations/follow_up_status.html",
        {
            **_base(evaluation.agreement),
            "evaluation": evaluation,
            "follow_up": follow_up,
            "form": form,
            "cancel_url": _detail_url(evaluation, f"follow-up-{follow_up.pk}"),
        },
        status=status,
    )


# --- early warnings of one agreement ---------------------------------------------------------

WARNINGS_SHOWN = 200


@login_required
@require_GET
def warning_list(request, agreement_pk: int):
    """Every open early warning of the agreement, whoever it is addressed to: its readers see
    what the parties are asked to act on (the dashboard shows each person their own)."""
    agreement = access.monitoring_agreement_for_user(request.user, agreement_pk)
    warnings = (
        EarlyWarning.objects.filter(agreement=agreement, resolved_at__isnull=True)
        .select_related("organization")
        .order_by("-first_seen_at", "-pk")
    )
    return render(
        request,
        "monitoring/warnings/warning_list.html",
        {
            **_base(agreement),
            "early_warnings": {
                "count": warnings.count(),
                "items": warning_items(warnings[:WARNINGS_SHOWN]),
            },
        },
    )


E = "evaluasi/<int:pk>/"
urlpatterns = [
    path("peringatan/", warning_list, name="warning-list"),
    path("evaluasi/", evaluation_list, name="evaluation-list"),
    path("evaluasi/baru/", evaluation_create, name="evaluation-create"),
    path(E, evaluation_detail, name="evaluation-detail"),
    path(E + "ubah/", evaluation_edit, name="evaluation-edit"),
    path(E + "final/", evaluation_finalise, name="evaluation-finalise"),
    path(E + "revisi-rencana/", evaluation_revise_plan, name="evaluation-revise-plan"),
    path(E + "temuan/baru/", finding_create, name="finding-create"),
    path(E + "temuan/<int:finding_pk>/ubah/", finding_edit, name="finding-edit"),
    path(E + "temuan/<int:finding_pk>/hapus/", finding_delete, name="finding-delete"),
    path(E + "rekomendasi/baru/", recommendation_create, name="recommendation-create"),
    path(
        E + "rekomendasi/<int:recommendation_pk>/ubah/",
        recommendation_edit,
        name="recommendation-edit",
    ),
    path(
        E + "rekomendasi/<int:recommendation_pk>/hapus/",
        recommendation_delete,
        name="recommendation-delete",
    ),
    path(
        E + "rekomendasi/<int:recommendation_pk>/tindak-lanjut/baru/",
        follow_up_create,
        name="follow-up-create",
    ),
    path(E + "tindak-lanjut/<int:follow_up_pk>/ubah/", follow_up_edit, name="follow-up-edit"),
    path(E + "tindak-lanjut/<int:follow_up_pk>/hapus/", follow_up_delete, name="follow-up-delete"),
    path(
        E + "tindak-lanjut/<int:follow_up_pk>/status/",
        follow_up_status,
        name="follow-up-status",
    ),
]
