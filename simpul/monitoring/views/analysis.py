"""Monitoring views: analysis of one agreement's results.

- results-dashboard: indicators by status, the weighted roll-up (weights published), each
  indicator's progress and thresholds, and the budget planned vs realised by party and year;
- indicator-detail: the trend chart (target, baseline, parties) with its table, and the
  indicator's definition and metadata;
- iptt / iptt-csv: the Indicator Performance Tracking Table, on screen and as CSV.

Readers of the agreement read (monitoring access); every number comes from selectors.py.
"""

import csv
import re

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from simpul.core import charts
from simpul.core.downloads import attachment
from simpul.core.exports import safe_cell

from .. import access, selectors
from ..models import Indicator


def _agreement_url(agreement) -> str:
    return reverse("agreements:agreement-detail", kwargs={"pk": agreement.pk})


def _page(agreement, **extra) -> dict:
    return {"agreement": agreement, "agreement_url": _agreement_url(agreement), **extra}


@login_required
@require_GET
def results_dashboard(request, agreement_pk: int):
    agreement = access.monitoring_agreement_for_user(request.user, agreement_pk)
    results = selectors.agreement_results(agreement)
    budget = selectors.agreement_budget(agreement)
    status_chart = None
    if results["total"]:
        status_chart = charts.count_chart(
            [(row["label"], row["count"]) for row in results["by_status"]],
            title=_("Indicators by status"),
        )
    budget_chart = None
    if budget["rows"]:
        budget_chart = charts.budget_chart(
            budget["rows"],
            title=_("Budget planned and realised by party and year"),
        )
    return render(
        request,
        "monitoring/analysis/results_dashboard.html",
        _page(
            agreement,
            results=results,
            budget=budget,
            status_chart=status_chart,
            budget_chart=budget_chart,
            rules=selectors.RULES,
        ),
    )


@login_required
@require_GET
def indicator_detail(request, agreement_pk: int, pk: int):
    indicator = access.indicator_get_for_user(request.user, agreement_pk, pk)
    indicator = (
        Indicator.objects.select_related(
            "agreement", "objective", "result", "responsible_party__organization"
        )
        .prefetch_related("disaggregations")
        .get(pk=indicator.pk)
    )
    page = selectors.indicator_page(indicator)
    chart = None
    if indicator.is_quantitative and page["points"]:
        chart = charts.trend_chart(
            page["points"],
            title=f"{indicator.code} {indicator.name}",
            unit=indicator.unit,
            baseline=indicator.baseline_value,
            direction=indicator.direction,
            parties=[
                (party.pk, charts.short_name(party.organization.name)) for party in page["parties"]
            ],
        )
    return render(
        request,
        "monitoring/analysis/indicator_detail.html",
        _page(indicator.agreement, indicator=indicator, chart=chart, rules=selectors.RULES, **page),
    )


@login_required
@require_GET
def iptt(request, agreement_pk: int):
    agreement = access.monitoring_agreement_for_user(request.user, agreement_pk)
    return render(
        request,
        "monitoring/analysis/iptt.html",
        _page(agreement, groups=selectors.iptt(agreement), rules=selectors.RULES),
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
@require_GET
def iptt_csv(request, agreement_pk: int):
    agreement = access.monitoring_agreement_for_user(request.user, agreement_pk)
    # Built before streaming starts, while the reader's language is active.
    rows = list(selectors.iptt_csv_rows(selectors.iptt(agreement)))
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # so Excel reads the file as UTF-8
        for row in rows:
            yield writer.writerow([safe_cell(value) for value in row])

    name = re.sub(r"[^A-Za-z0-9._-]+", "-", agreement.reference_code).strip("-") or "agreement"
    return attachment(
        lines(),
        filename=f"iptt-{name}-{timezone.localdate().isoformat()}.csv",
        content_type="text/csv; charset=utf-8",
    )


urlpatterns = [
    path("", results_dashboard, name="results-dashboard"),
    path("indikator/<int:pk>/", indicator_detail, name="indicator-detail"),
    path("iptt/", iptt, name="iptt"),
    path("iptt/csv/", iptt_csv, name="iptt-csv"),
]
