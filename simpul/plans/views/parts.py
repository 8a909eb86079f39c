"""Adding, changing and deleting the rows of a draft plan, one generic set of views for every
part (assessments, objectives, strategies, risks, programs, activities, budget lines).

Only editors reach these pages (access.plan_get_for_user(write=True), 404 otherwise); a plan
that is submitted or approved sends them back to the plan page with the reason. A save made on
a stale page re-renders the form with the person's input and a conflict message (409), and
the hidden version moves to the current one, so saving again is a deliberate choice.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import forms, services
from ..access import plan_get_for_user
from ..models import (
    Activity,
    BudgetLine,
    NeedsAssessment,
    Objective,
    Plan,
    Program,
    Risk,
    Strategy,
)


@dataclass(frozen=True)
class Part:
    slug: str  # in the URL (Indonesian, like the rest of the site's paths)
    model: type
    form: type
    create: Callable
    update: Callable
    delete: Callable
    kwarg: str  # the name update/delete take the row by
    anchor: str  # the section of the plan page
    noun: Promise


PARTS = {
    part.slug: part
    for part in (
        Part(
            "kajian",
            NeedsAssessment,
            forms.AssessmentForm,
            services.assessment_create,
            services.assessment_update,
            services.assessment_delete,
            "assessment",
            "assessments",
            gettext_lazy("needs and potential assessment"),
        ),
        Part(
            "tujuan",
            Objective,
            forms.ObjectiveForm,
            services.objective_create,
            services.objective_update,
            services.objective_delete,
            "objective",
            "objectives",
            gettext_lazy("objective"),
        ),
        Part(
            "strategi",
            Strategy,
            forms.StrategyForm,
            services.strategy_create,
            services.strategy_update,
            services.strategy_delete,
            "strategy",
            "strategies",
            gettext_lazy("strategy"),
        ),
        Part(
            "risiko",
            Risk,
            forms.RiskForm,
            services.risk_create,
            services.risk_update,
            services.risk_delete,
            "risk",
            "risks",
            gettext_lazy("risk"),
        ),
        Part(
            "program",
            Program,
            forms.ProgramForm,
            services.program_create,
            services.program_update,
            services.program_delete,
            "program",
            "programs",
            gettext_lazy("program"),
        ),
        Part(
            "kegiatan",
            Activity,
            forms.ActivityForm,
            services.activity_create,
            services.activity_update,
            services.activity_delete,
            "activity",
            "programs",
            gettext_lazy("activity"),
        ),
        Part(
            "anggaran",
            BudgetLine,
            forms.BudgetLineForm,
            services.budget_line_create,
            services.budget_line_update,
            services.budget_line_delete,
            "budget_line",
            "budget",
            gettext_lazy("budget line"),
        ),
    )
}


def _part(slug: str) -> Part:
    try:
        return PARTS[slug]
    except KeyError:
        raise Http404 from None


def plan_url(plan: Plan, anchor: str = "") -> str:
    url = reverse("plans:plan-detail", kwargs={"agreement_pk": plan.agreement_id})
    return f"{url}#{anchor}" if anchor else url


def refuse_if_not_editable(request, plan: Plan):
    """A redirect to the plan page with the reason, or None when the draft may change."""
    if plan.is_editable:
        return None
    messages.error(request, _("The plan is submitted/approved; start a revision to change it."))
    return redirect(plan_url(plan))


def show_conflict(form, plan: Plan, error: ValidationError) -> None:
    """Keep the person's input, say what happened, and point the hidden version at the current
    plan so that saving again is a deliberate overwrite."""
    form.add_error(None, error.messages)
    current = Plan.objects.filter(pk=plan.pk).values_list("version", flat=True).first()
    data = form.data.copy()
    data["plan_version"] = str(current)
    form.data = data


def _call(part: Part, form, plan: Plan, instance, user):
    version = form.cleaned_data["plan_version"]
    fields = form.service_fields()
    if part.slug == "kajian":
        fields["attachment"] = form.cleaned_data.get("attachment_file")
        if instance is not None:
            fields["remove_attachment"] = form.cleaned_data.get("remove_attachment", False)
    if instance is None:
        return part.create(plan=plan, user=user, expected_version=version, **fields)
    return part.update(**{part.kwarg: instance}, user=user, expected_version=version, **fields)


@login_required
def part_form(request, agreement_pk: int, part: str, pk: int | None = None):
    spec = _part(part)
    plan = plan_get_for_user(request.user, agreement_pk, write=True)
    instance = get_object_or_404(spec.model, pk=pk, plan=plan) if pk is not None else None
    refused = refuse_if_not_editable(request, plan)
    if refused:
        return refused
    status = 200
    if request.method == "POST":
        form = spec.form(request.POST, request.FILES, instance=instance, plan=plan)
        if form.is_valid():
            try:
                saved = _call(spec, form, plan, instance, request.user)
            except services.PlanNotEditable as error:
                messages.error(request, error.messages[0])
                return redirect(plan_url(plan))
            except services.PlanConflict as error:
                show_conflict(form, plan, error)
                status = 409
            except ValidationError as error:
                forms.add_service_errors(form, error)
                status = 400
            else:
                messages.success(
                    request,
                    _("The %(part)s was saved.") % {"part": spec.noun}
                    if instance is None
                    else _("Your changes to the %(part)s were saved.") % {"part": spec.noun},
                )
                if isinstance(saved, BudgetLine):
                    for warning in services.budget_line_warnings(saved):
                        messages.warning(request, warning)
                return redirect(plan_url(plan, spec.anchor))
        else:
            status = 400
    else:
        # Links such as "add an activity to this program" pre-fill their choice.
        prefill = {k: v for k, v in request.GET.items() if k in ("program", "activity")}
        form = spec.form(instance=instance, plan=plan, initial=prefill)
    return render(
        request,
        "plans/part_form.html",
        {
            "plan": plan,
            "agreement": plan.agreement,
            "part": spec,
            "instance": instance,
            "form": form,
            "back_url": plan_url(plan, spec.anchor),
        },
        status=status,
    )


@login_required
def part_delete(request, agreement_pk: int, part: str, pk: int):
    spec = _part(part)
    plan = plan_get_for_user(request.user, agreement_pk, write=True)
    instance = get_object_or_404(spec.model, pk=pk, plan=plan)
    refused = refuse_if_not_editable(request, plan)
    if refused:
        return refused
    status = 200
    if request.method == "POST":
        form = forms.DeleteForm(request.POST)
        if form.is_valid():
            try:
                spec.delete(
                    **{spec.kwarg: instance},
                    user=request.user,
                    expected_version=form.cleaned_data["plan_version"],
                )
            except services.PlanNotEditable as error:
                messages.error(request, error.messages[0])
                return redirect(plan_url(plan))
            except services.PlanConflict as error:
                show_conflict(form, plan, error)
                status = 409
            except ValidationError as error:
                forms.add_service_errors(form, error)
                status = 400
            else:
                messages.success(request, _("The %(part)s was deleted.") % {"part": spec.noun})
                return redirect(plan_url(plan, spec.anchor))
        else:
            status = 400
    else:
        form = forms.DeleteForm(initial={"plan_version": plan.version})
    return render(
        request,
        "plans/part_delete.html",
        {
            "plan": plan,
            "agreement": plan.agreement,
            "part": spec,
            "instance": instance,
            "form": form,
            "back_url": plan_url(plan, spec.anchor),
            "cascades": _cascades(instance),
        },
        status=status,
    )


def _cascades(instance) -> list[str]:
    """What else goes with the row, said before it is deleted."""
    if isinstance(instance, Program):
        count = instance.activities.count()
        if count:
            return [
                _("%(count)s activities and their budget lines are deleted with it.")
                % {"count": count}
            ]
    if isinstance(instance, Activity):
        count = instance.budget_lines.count()
        if count:
            return [_("%(count)s budget lines are deleted with it.") % {"count": count}]
    if isinstance(instance, Objective):
        count = instance.programs.count()
        if count:
            return [_("%(count)s programs stay, without an objective.") % {"count": count}]
    return []


urlpatterns = [
    path("<slug:part>/tambah/", part_form, name="part-create"),
    path("<slug:part>/<int:pk>/ubah/", part_form, name="part-edit"),
    path("<slug:part>/<int:pk>/hapus/", part_delete, name="part-delete"),
]
