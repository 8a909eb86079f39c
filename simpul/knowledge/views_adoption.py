"""The adoption loop's pages: mark interest on a practice, an adoption's page (visit,
decision, plan) and the practice's adoption map data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simpul.core.formviews import attempt

from . import access, selectors_adoption, services_adoption
from .forms_adoption import DecisionForm, InterestForm, PlanForm, VisitForm
from .models import Adoption

ANCHOR = "#adoptions"


def _page(adoption: Adoption) -> str:
    return reverse("knowledge:adoption-detail", args=[adoption.item_id, adoption.pk])


@login_required
@require_POST
def adoption_interest(request, pk: int):
    item = access.knowledge_item_get_for_user(request.user, pk)
    organizations = access.adoption_organizations(request.user, item)
    if not organizations:
        raise Http404
    form = InterestForm(request.POST, organizations=organizations)
    back = reverse("knowledge:item-detail", args=[item.pk]) + ANCHOR
    if not form.is_valid():
        messages.error(request, _("Choose the interested organisation."))
        return redirect(back)
    outcome = attempt(
        None,
        lambda: services_adoption.adoption_express_interest(
            item=item, user=request.user, organization=form.cleaned_data["organization"],
            note=form.cleaned_data["note"],
        ),
    )  # fmt: skip
    if outcome.ok:
        messages.success(request, _("Your interest was recorded."))
        return redirect(_page(outcome.result))
    messages.error(request, " ".join(outcome.error.messages if outcome.error else []))
    return redirect(back)


def _forms(request, adoption: Adoption, data=None, which: str = "") -> dict:
    initial = {"version": adoption.version}
    user = request.user
    return {
        "visit_form": VisitForm(
            data if which == "visit" else None, initial=initial,
            reports=selectors_adoption.visit_choices(adoption),
        ),
        "decision_form": DecisionForm(
            data if which == "decide" else None,
            initial={**initial, "decision": adoption.decision, "reason": adoption.decision_reason},
        ),
        "plan_form": PlanForm(
            data if which == "plan" else None, initial=initial,
            agreements=selectors_adoption.plan_agreement_choices(user, adoption),
            activities=selectors_adoption.plan_activity_choices(user, adoption),
            indicators=selectors_adoption.indicator_choices(user, adoption),
        ),
    }  # fmt: skip


def _render(request, adoption: Adoption, forms: dict, status: int = 200):
    return render(
        request,
        "knowledge/adoption_detail.html",
        {
            "adoption": adoption,
            "item": adoption.item,
            "can_write": access.adoption_can_write(request.user, adoption),
            **forms,
        },
        status=status,
    )


@login_required
@require_GET
def adoption_detail(request, pk: int, adoption_pk: int):
    adoption = access.adoption_get_for_user(request.user, pk, adoption_pk)
    return _render(request, adoption, _forms(request, adoption))


def _step(request, pk: int, adoption_pk: int, which: str, call):
    adoption = access.adoption_get_for_user(request.user, pk, adoption_pk, write=True)
    forms = _forms(request, adoption, request.POST, which)
    form = forms[{"visit": "visit_form", "decide": "decision_form", "plan": "plan_form"}[which]]
    if form.is_valid():
        outcome = attempt(form, lambda: call(adoption, form.cleaned_data))
        if outcome.ok:
            messages.success(request, _("The adoption was updated."))
            return redirect(_page(adoption))
        return _render(request, adoption, forms, status=outcome.status)
    return _render(request, adoption, forms, status=400)


@login_required
@require_POST
def adoption_visit(request, pk: int, adoption_pk: int):
    return _step(
        request, pk, adoption_pk, "visit",
        lambda adoption, data: services_adoption.adoption_record_visit(
            adoption=adoption, user=request.user, version=data["version"],
            learning_report=data["learning_report"],
        ),
    )  # fmt: skip


@login_required
@require_POST
def adoption_decide(request, pk: int, adoption_pk: int):
    return _step(
        request, pk, adoption_pk, "decide",
        lambda adoption, data: services_adoption.adoption_decide(
            adoption=adoption, user=request.user, version=data["version"],
            decision=data["decision"], reason=data["reason"],
        ),
    )  # fmt: skip


@login_required
@require_POST
def adoption_plan(request, pk: int, adoption_pk: int):
    return _step(
        request, pk, adoption_pk, "plan",
        lambda adoption, data: services_adoption.adoption_plan(
            adoption=adoption, user=request.user, version=data["version"],
            agreement=data["agreement"], activity=data["activity"],
            indicator=data["indicator"], note=data["note"],
        ),
    )  # fmt: skip


@login_required
@require_GET
def adoption_map(request, pk: int):
    item = access.knowledge_item_get_for_user(request.user, pk)
    return JsonResponse(
        {"type": "FeatureCollection", "features": selectors_adoption.adoption_map_features(item)},
        content_type="application/geo+json",
        json_dumps_params={"separators": (",", ":"), "ensure_ascii": False},
    )
