"""Adding, changing and deleting the rows of a draft plan, one generic set of views for every
part (assessments, objectives, strategies, risks, programs, activities, budget lines).

Only editors reach these pages (access.plan_get_for_user(write=True), 404 otherwise); a plan
that is submitted or approved sends them back to the plan page with the reason. An edit saved
after someone else changed the same row is merged field by field (simpul.core.merge): their
changes are kept, the person's are applied, and where both changed one field the form comes
back (409) with the three values and asks which to keep. Two rows of one plan never conflict.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.core.formviews import attempt
from simpul.core.merge import save_merging

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


def show_conflict(form, plan: Plan) -> None:
    """After a Conflict on a plan-level form (its message is already on the form): point the
    hidden plan version at the current plan, so that saving again is a deliberate choice."""
    current = Plan.objects.filter(pk=plan.pk).values_list("version", flat=True).first()
    data = form.data.copy()
    data[form.add_prefix("plan_version")] = str(current)
    form.data = data


def _call(part: Part, form, plan: Plan, user):
    fields = form.cleaned_fields()
    if part.slug == "kajian":
        fields["attachment"] = form.cleaned_data.get("attachment_file")
        if form.is_editing:
            fields["remove_attachment"] = form.cleaned_data.get("remove_attachment", False)
    if not form.is_editing:
        version = form.cleaned_data["plan_version"]
        return part.create(plan=plan, user=user, expected_version=version, **fields)
    return part.update(
        **{part.kwarg: form.instance}, user=user, version=form.base_version, **fields
    )


def _saved(request, spec: Part, instance, saved, notice: str = "") -> None:
    messages.success(
        request,
        _("The %(part)s was saved.") % {"part": spec.noun}
        if instance is None
        else _("Your changes to the %(part)s were saved.") % {"part": spec.noun},
    )
    if notice:
        messages.info(request, notice)
    if isinstance(saved, BudgetLine):
        for warning in services.budget_line_warnings(saved):
            messages.warning(request, warning)


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
            if instance is None:
                outcome = attempt(form, lambda: _call(spec, form, plan, request.user))
                notice = ""
                if outcome.conflict:
                    show_conflict(form, plan)
            else:
                result = save_merging(
                    form,
                    lambda f: _call(spec, f, plan, request.user),
                    reload=lambda: spec.model.objects.filter(pk=instance.pk, plan=plan).first(),
                )
                form, outcome, notice = result.form, result.outcome, result.notice()
            if isinstance(outcome.error, services.PlanNotEditable):
                messages.error(request, outcome.error.messages[0])
                return redirect(plan_url(plan))
            if outcome.ok:
                _saved(request, spec, instance, outcome.result, notice)
                return redirect(plan_url(plan, spec.anchor))
            status = outcome.status
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
            outcome = attempt(
                form,
                lambda: spec.delete(
                    **{spec.kwarg: instance},
                    user=request.user,
                    version=form.cleaned_data["version"],
                ),
            )
            if isinstance(outcome.error, services.PlanNotEditable):
                messages.error(request, outcome.error.messages[0])
                return redirect(plan_url(plan))
            if outcome.ok:
                messages.success(request, _("The %(part)s was deleted.") % {"part": spec.noun})
                return redirect(plan_url(plan, spec.anchor))
            if outcome.conflict:
                # The page shows the row as it is now; deleting it is then a deliberate choice.
                instance = spec.model.objects.filter(pk=instance.pk).first() or instance
                data = form.data.copy()
                data["version"] = str(instance.version)
                form.data = data
            status = outcome.status
        else:
            status = 400
    else:
        form = forms.DeleteForm(initial={"version": instance.version})
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
