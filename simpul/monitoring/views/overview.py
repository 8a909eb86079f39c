"""Monitoring views: the regional and national overview, mounted at /pemantauan/.

- overview: for every signed-in user, scoped by who they are (selectors.overview_scope):
  national for Kemendagri and platform administrators (who may narrow it to a province),
  the province for a province government's members, the region for a regency's or city's
  government side, and their own agreements for everyone else. Always within the agreements
  the user may see (agreements.access).
- region: one region's page (`wilayah/<code>/`) for its overseers and the members of its
  government side; 404 for everyone else.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from simpul.core import charts
from simpul.organizations.access import user_oversees_everything

from .. import access, selectors


class ProvinceFilter(forms.Form):
    wilayah = forms.ModelChoiceField(
        label=gettext_lazy("Province"),
        queryset=selectors.province_choices(),
        to_field_name="code",
        required=False,
        empty_label=gettext_lazy("All of Indonesia"),
    )


def _charts(data: dict) -> dict:
    result = {}
    if data["agreements_total"]:
        result["state_chart"] = charts.count_chart(
            [(row["label"], row["count"]) for row in data["by_state"]],
            title=_("Agreements by stage"),
        )
    if data["indicators_total"]:
        result["status_chart"] = charts.count_chart(
            [(row["label"], row["count"]) for row in data["by_status"]],
            title=_("Indicators by status"),
        )
    if data["budget_years"]:
        result["budget_chart"] = charts.budget_chart(
            [
                {
                    "label": row["fiscal_year"],
                    "planned": row["planned"],
                    "realised": row["realised"],
                }
                for row in data["budget_years"]
            ],
            title=_("Budget planned and realised by fiscal year"),
        )
    return result


def _render(request, *, scope, heading, form=None):
    data = selectors.overview(request.user, scope.region_ids)
    return render(
        request,
        "monitoring/overview/overview.html",
        {
            "scope": scope,
            "heading": heading,
            "form": form,
            "data": data,
            "charts": _charts(data),
            "rules": selectors.RULES,
        },
    )


def _heading(scope) -> str:
    if scope.kind == "national":
        return _("Monitoring overview: all of Indonesia")
    if scope.kind in {"province", "region"}:
        return _("Monitoring overview: %(region)s") % {"region": scope.region.name}
    return _("Monitoring overview: your agreements")


@login_required
@require_GET
def overview(request):
    form = None
    province = None
    if user_oversees_everything(request.user):
        form = ProvinceFilter(request.GET or None)
        if form.is_bound and form.is_valid():
            province = form.cleaned_data["wilayah"]
    scope = selectors.overview_scope(request.user, province=province)
    return _render(request, scope=scope, heading=_heading(scope), form=form)


@login_required
@require_GET
def region(request, code: str):
    found = selectors.region_by_code(code)
    if found is None or not access.region_overview_allowed(request.user, found):
        raise Http404
    scope = selectors.Scope("province" if found.is_province else "region", found)
    return _render(request, scope=scope, heading=_heading(scope))


urlpatterns = [
    path("", overview, name="overview"),
    path("wilayah/<str:code>/", region, name="region"),
]
