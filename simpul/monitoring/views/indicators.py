"""Monitoring views: the results chain, indicators with their targets and SMART check, and
the agreement's monitoring set-up (see __init__).

Everyone who may see the agreement reads the results chain; changing it needs
agreement_can_edit (404 otherwise, through access.monitoring_agreement_for_user(write=True)).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simpul.core.formviews import add_errors, attempt
from simpul.core.merge import save_merging
from simpul.plans.access import plan_for
from simpul.plans.models import Activity

from .. import access
from ..forms_indicators import (
    IndicatorForm,
    MonitoringSetupForm,
    ResultForm,
    TargetGrid,
    posted_targets,
    targets_for_service,
    targets_from_text,
)
from ..models import Frequency, Indicator, MonitoringSetup, Result
from ..periods import period_label
from ..services import indicators as services
from ..smart import (
    IMPLAUSIBLE_FACTOR,
    LETTER_NAMES,
    indicator_smart_check,
    smart_letters,
    smart_passes,
    smart_queryset,
)

CURRENT_TAB = "monitoring:indicator-list"


def list_url(agreement) -> str:
    return reverse("monitoring:indicator-list", kwargs={"agreement_pk": agreement.pk})


def edit_url(indicator) -> str:
    return reverse(
        "monitoring:indicator-edit",
        kwargs={"agreement_pk": indicator.agreement_id, "pk": indicator.pk},
    )


def _detail_page_exists() -> bool:
    """The indicator page belongs to the analysis area; link to it once it exists."""
    try:
        reverse("monitoring:indicator-detail", kwargs={"agreement_pk": 1, "pk": 1})
    except NoReverseMatch:
        return False
    return True


def _annotate(indicator: Indicator) -> Indicator:
    issues = indicator_smart_check(indicator)
    indicator.smart_issues = issues
    indicator.smart_letters = smart_letters(issues)
    indicator.smart_ok = smart_passes(issues)
    indicator.smart_warnings = [i for i in issues if i.warning]
    return indicator


def _results_chain(agreement, plan) -> dict:
    """The tree objective → outcome → output → activities, with indicators at every level,
    in a constant number of queries whatever its size."""
    objectives = list(plan.objectives.all())
    results = list(
        Result.objects.filter(agreement=agreement).prefetch_related(
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("program").order_by("start_date", "pk"),
            )
        )
    )
    indicators = [
        _annotate(i)
        for i in smart_queryset(Indicator.objects.filter(agreement=agreement)).select_related(
            "responsible_party__organization"
        )
    ]
    by_result: dict[int, list] = {}
    by_objective: dict[int, list] = {}
    unlinked_indicators = []
    for indicator in indicators:
        if indicator.result_id:
            by_result.setdefault(indicator.result_id, []).append(indicator)
        elif indicator.objective_id:
            by_objective.setdefault(indicator.objective_id, []).append(indicator)
        else:
            unlinked_indicators.append(indicator)

    def node(result: Result) -> dict:
        return {
            "result": result,
            "indicators": by_result.get(result.pk, []),
            "activities": list(result.activities.all()),
            "outputs": [],
        }

    nodes = {r.pk: node(r) for r in results}
    roots_by_objective: dict[int | None, list] = {}
    for result in results:
        parent = nodes.get(result.parent_id) if result.parent_id else None
        if parent is not None:
            parent["outputs"].append(nodes[result.pk])
        else:
            roots_by_objective.setdefault(result.objective_id, []).append(nodes[result.pk])
    objective_ids = {o.pk for o in objectives}
    tree = [
        {
            "objective": objective,
            "indicators": by_objective.get(objective.pk, []),
            "results": roots_by_objective.get(objective.pk, []),
        }
        for objective in objectives
    ]
    # Results whose objective is gone from the plan count as unlinked.
    stray = [n for key, ns in roots_by_objective.items() if key not in objective_ids for n in ns]
    stray_indicators = [
        i for key, items in by_objective.items() if key not in objective_ids for i in items
    ]
    passing = sum(1 for i in indicators if i.smart_ok)
    return {
        "tree": tree,
        "unlinked": {"results": stray, "indicators": unlinked_indicators + stray_indicators},
        "indicator_count": len(indicators),
        "passing_count": passing,
        "warning_count": sum(1 for i in indicators if i.smart_warnings),
        "result_count": len(results),
    }


@login_required
@require_GET
def indicator_list(request, agreement_pk: int):
    agreement = access.monitoring_agreement_for_user(request.user, agreement_pk)
    plan = plan_for(agreement)
    context = {
        "agreement": agreement,
        "plan": plan,
        "can_edit": access.agreement_can_edit(request.user, agreement),
        "detail_pages": _detail_page_exists(),
        "current_tab": CURRENT_TAB,
        "letter_names": LETTER_NAMES,
        "factor": IMPLAUSIBLE_FACTOR,
        **_results_chain(agreement, plan),
    }
    return render(request, "monitoring/indicators/indicator_list.html", context)


# --- Indicators ----------------------------------------------------------------------------------


def _window(agreement, start, end):
    """The dates targets may fall in (the indicator's, else the agreement's, narrowed by the
    agreement's); same rule as services.indicators.measured_window."""
    starts = [d for d in (start, agreement.start_date) if d]
    ends = [d for d in (end, agreement.end_date) if d]
    return (max(starts) if starts else None, min(ends) if ends else None)


def _add_service_errors(form, error: ValidationError) -> None:
    """The kernel's add_errors, except that an indicator's target errors are shown in the
    targets grid beside their periods, not on the form."""
    if isinstance(error, services.IndicatorInvalid):
        if error.field_errors:
            add_errors(form, ValidationError(error.field_errors))
        return
    add_errors(form, error)


def _posted_grid(form, agreement, fallback):
    """The grid to show again after a POST: the frequency, type and dates the person chose
    (the saved ones where their input did not parse), with the cells as they typed them."""
    cleaned = getattr(form, "cleaned_data", {})
    frequency = cleaned.get("frequency") or form.data.get("frequency") or fallback.frequency
    if frequency not in Frequency.values:
        frequency = fallback.frequency
    kind = cleaned.get("kind") or fallback.kind
    start = cleaned.get("start_date") if "start_date" in cleaned else fallback.start_date
    end = cleaned.get("end_date") if "end_date" in cleaned else fallback.end_date
    cells = posted_targets(form.data)
    values = {(y, n): raw for (f, y, n), raw in cells.items() if f == frequency}
    stale = [
        (period_label(f, y, n), raw)
        for (f, y, n), raw in sorted(cells.items())
        if f != frequency and raw
    ]
    window = _window(agreement, start, end)
    return frequency, kind, window, values, stale, cells


def _indicator_page(
    request, *, agreement, indicator, form, grid, status=200, conflict=False, stale=()
):
    issues = None
    if indicator is not None and indicator.pk:
        issues = indicator_smart_check(indicator)
    context = {
        "agreement": agreement,
        "indicator": indicator,
        "form": form,
        "grid": grid,
        "conflict": conflict,
        "stale_targets": stale,
        "current_tab": CURRENT_TAB,
        "smart_issues": issues,
        "smart_letters": smart_letters(issues) if issues is not None else None,
        "smart_ok": smart_passes(issues) if issues is not None else None,
        "factor": IMPLAUSIBLE_FACTOR,
        "detail_pages": _detail_page_exists(),
        "heading": (
            _("Edit indicator %(code)s") % {"code": indicator.code}
            if indicator is not None and indicator.pk
            else _("New indicator")
        ),
    }
    return render(request, "monitoring/indicators/indicator_form.html", context, status=status)


def _save_indicator(request, *, agreement, plan, indicator):
    """Handle the POST of the create and edit pages; returns a response. An edit saved after
    someone else's is merged field by field (simpul.core.merge), the targets as one value."""
    fallback = indicator or Indicator(agreement=agreement, frequency=_default_frequency(agreement))
    form = IndicatorForm(request.POST, agreement=agreement, plan=plan, instance=indicator)
    valid = form.is_valid()
    frequency, kind, window, values, stale, cells = _posted_grid(form, agreement, fallback)
    target_errors: dict = {}
    conflict = False
    if valid and stale:
        form.add_error(
            "frequency",
            _(
                "You changed how often the indicator is measured, so the targets you entered "
                "per period no longer fit. Enter them again in the new grid below (what you "
                "typed is listed above it), then save."
            ),
        )
    elif valid:
        if indicator is None:
            outcome = attempt(
                form,
                lambda: services.indicator_create(
                    agreement=agreement,
                    disaggregations=form.cleaned_data["disaggregations"],
                    targets=targets_for_service(cells, frequency, kind),
                    **form.service_fields(),
                ),
            )
        else:
            result = save_merging(
                form,
                lambda f: services.indicator_update(
                    indicator=f.instance,
                    expected_version=f.base_version,
                    disaggregations=f.cleaned_data["disaggregations"],
                    targets=targets_from_text(f.cleaned_data["targets"]),
                    user=request.user,
                    **f.service_fields(),
                ),
                reload=lambda: Indicator.objects.filter(pk=indicator.pk).first(),
            )
            form, outcome = result.form, result.outcome
            if result.notice():
                messages.info(request, result.notice())
            # The grid shows the merged targets (theirs where only they changed them).
            frequency, kind, window, values, stale, cells = _posted_grid(form, agreement, fallback)
        conflict = outcome.conflict is not None
        if isinstance(outcome.error, services.IndicatorInvalid):
            target_errors = outcome.error.target_errors
        if outcome.ok:
            saved = outcome.result
            issues = indicator_smart_check(smart_queryset().get(pk=saved.pk))
            if smart_passes(issues):
                messages.success(
                    request,
                    _("Indicator %(code)s was saved and passes the SMART check.")
                    % {"code": saved.code},
                )
            else:
                messages.warning(
                    request,
                    _("Indicator %(code)s was saved, but does not pass the SMART check yet.")
                    % {"code": saved.code},
                )
            if not saved.targets.exists():
                return redirect(f"{edit_url(saved)}#targets")
            return redirect(f"{list_url(agreement)}#indicator-{saved.pk}")
    if target_errors:
        form.add_error(
            None,
            _("Some targets could not be saved: see the marked periods in the targets grid."),
        )
    grid = TargetGrid(
        frequency=frequency,
        kind=kind,
        start=window[0],
        end=window[1],
        values=values,
        errors=target_errors,
    )
    return _indicator_page(
        request,
        agreement=agreement,
        indicator=indicator,
        form=form,
        grid=grid,
        status=409 if conflict else 400,
        conflict=conflict,
        stale=stale,
    )


def _default_frequency(agreement) -> str:
    setup = MonitoringSetup.objects.filter(agreement=agreement).first()
    return setup.reporting_frequency if setup else Frequency.QUARTERLY


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request, agreement_pk: int):
    agreement = access.monitoring_agreement_for_user(request.user, agreement_pk, write=True)
    plan = plan_for(agreement)
    if request.method == "POST":
        return _save_indicator(request, agreement=agreement, plan=plan, indicator=None)
    frequency = _default_frequency(agreement)
    form = IndicatorForm(
        agreement=agreement,
        plan=plan,
        initial={
            "frequency": frequency,
            "objective": request.GET.get("objective") or None,
            "result": request.GET.get("result") or None,
        },
    )
    window = _window(agreement, None, None)
    grid = TargetGrid(
        frequency=frequency, kind=Indicator.Kind.NUMBER, start=window[0], end=window[1], values={}
    )
    return _indicator_page(request, agreement=agreement, indicator=None, form=form, grid=grid)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, agreement_pk: int, pk: int):
    indicator = access.indicator_get_for_user(request.user, agreement_pk, pk, write=True)
    agreement = indicator.agreement
    plan = plan_for(agreement)
    if request.method == "POST":
        return _save_indicator(request, agreement=agreement, plan=plan, indicator=indicator)
    form = IndicatorForm(agreement=agreement, plan=plan, instance=indicator)
    grid = TargetGrid.saved(
        indicator, window=_window(agreement, indicator.start_date, indicator.end_date)
    )
    return _indicator_page(request, agreement=agreement, indicator=indicator, form=form, grid=grid)


@login_required
@require_POST
def indicator_delete(request, agreement_pk: int, pk: int):
    indicator = access.indicator_get_for_user(request.user, agreement_pk, pk, write=True)
    agreement = indicator.agreement
    try:
        services.indicator_delete(indicator=indicator)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(edit_url(indicator))
    messages.success(request, _("Indicator %(code)s was deleted.") % {"code": indicator.code})
    return redirect(list_url(agreement))


# --- Results -------------------------------------------------------------------------------------


def _result_page(request, *, agreement, result, form, status=200):
    context = {
        "agreement": agreement,
        "result": result,
        "form": form,
        "current_tab": CURRENT_TAB,
        "heading": (
            _("Edit result %(code)s") % {"code": result.code}
            if result is not None
            else _("New result")
        ),
    }
    return render(request, "monitoring/indicators/result_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def result_create(request, agreement_pk: int):
    agreement = access.monitoring_agreement_for_user(request.user, agreement_pk, write=True)
    plan = plan_for(agreement)
    if request.method == "POST":
        form = ResultForm(request.POST, agreement=agreement, plan=plan)
        if form.is_valid():
            data = dict(form.cleaned_data)
            activities = data.pop("activities")
            try:
                result = services.result_create(agreement=agreement, activities=activities, **data)
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, _("Result %(code)s was saved.") % {"code": result.code})
                return redirect(f"{list_url(agreement)}#result-{result.pk}")
        return _result_page(request, agreement=agreement, result=None, form=form, status=400)
    initial = {
        "level": request.GET.get("level") or Result.Level.OUTCOME,
        "objective": request.GET.get("objective") or None,
        "parent": request.GET.get("parent") or None,
    }
    form = ResultForm(agreement=agreement, plan=plan, initial=initial)
    return _result_page(request, agreement=agreement, result=None, form=form)


def _result_for_writing(user, agreement_pk: int, pk: int):
    agreement = access.monitoring_agreement_for_user(user, agreement_pk, write=True)
    result = get_object_or_404(Result.objects.filter(agreement=agreement), pk=pk)
    return agreement, result


@login_required
@require_http_methods(["GET", "POST"])
def result_edit(request, agreement_pk: int, pk: int):
    agreement, result = _result_for_writing(request.user, agreement_pk, pk)
    plan = plan_for(agreement)
    if request.method == "POST":
        form = ResultForm(request.POST, agreement=agreement, plan=plan, exclude_pk=result.pk)
        if form.is_valid():
            data = dict(form.cleaned_data)
            activities = data.pop("activities")
            try:
                services.result_update(result=result, activities=activities, **data)
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, _("Result %(code)s was saved.") % {"code": data["code"]})
                return redirect(f"{list_url(agreement)}#result-{result.pk}")
        return _result_page(request, agreement=agreement, result=result, form=form, status=400)
    form = ResultForm(agreement=agreement, plan=plan, instance=result, exclude_pk=result.pk)
    return _result_page(request, agreement=agreement, result=result, form=form)


@login_required
@require_POST
def result_delete(request, agreement_pk: int, pk: int):
    agreement, result = _result_for_writing(request.user, agreement_pk, pk)
    try:
        services.result_delete(result=result)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(
            reverse(
                "monitoring:result-edit", kwargs={"agreement_pk": agreement.pk, "pk": result.pk}
            )
        )
    messages.success(request, _("Result %(code)s was deleted.") % {"code": result.code})
    return redirect(list_url(agreement))


# --- Set-up --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def monitoring_setup(request, agreement_pk: int):
    agreement = access.monitoring_agreement_for_user(request.user, agreement_pk, write=True)
    setup = MonitoringSetup.objects.filter(agreement=agreement).first() or MonitoringSetup(
        agreement=agreement
    )
    status = 200
    if request.method == "POST":
        form = MonitoringSetupForm(request.POST, instance=setup)
        if form.is_valid():
            try:
                services.monitoring_setup_update(agreement=agreement, **form.cleaned_data)
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, _("The monitoring set-up was saved."))
                return redirect(list_url(agreement))
        status = 400
    else:
        form = MonitoringSetupForm(instance=setup)
    return render(
        request,
        "monitoring/indicators/setup_form.html",
        {
            "agreement": agreement,
            "form": form,
            "current_tab": CURRENT_TAB,
            "heading": _("Monitoring set-up"),
        },
        status=status,
    )


urlpatterns = [
    path("indikator/", indicator_list, name="indicator-list"),
    path("indikator/baru/", indicator_create, name="indicator-create"),
    path("indikator/<int:pk>/ubah/", indicator_edit, name="indicator-edit"),
    path("indikator/<int:pk>/hapus/", indicator_delete, name="indicator-delete"),
    path("hasil/baru/", result_create, name="result-create"),
    path("hasil/<int:pk>/ubah/", result_edit, name="result-edit"),
    path("hasil/<int:pk>/hapus/", result_delete, name="result-delete"),
    path("pengaturan/", monitoring_setup, name="monitoring-setup"),
]
