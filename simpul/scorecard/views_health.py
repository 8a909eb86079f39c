"""The agreement's collaboration-health tab (members who read the agreement) and the
recognition pages ("apresiasi"; see recognition.py)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from simpul.agreements.access import agreement_get_for_user
from simpul.core import charts
from simpul.core.public_cache import public_page
from simpul.organizations.models import Organization

from . import health, recognition, selectors

FIRST_YEAR = 2000


def year_from(raw: str | None) -> int:
    """The year asked for, or this year for anything else (never an error)."""
    this_year = timezone.localdate().year
    try:
        year = int(raw or "")
    except ValueError:
        return this_year
    return year if FIRST_YEAR <= year <= this_year else this_year


@login_required
@require_safe
def agreement_health(request, agreement_pk: int):
    agreement = agreement_get_for_user(request.user, agreement_pk)
    year = year_from(request.GET.get("year"))
    result = health.agreement_health(agreement.pk, year)
    names = dict(
        Organization.objects.filter(
            pk__in=[party.organization_id for party in result.parties]
        ).values_list("pk", "name")
    )
    columns = [(_("Whole agreement"), result.whole)] + [
        (names.get(party.organization_id, ""), party) for party in result.parties
    ]
    rows = [
        {
            "measure": measure,
            "cells": [party.figures[index] for _name, party in columns],
        }
        for index, measure in enumerate(health.MEASURES)
    ]
    scores = [(name, party.score) for name, party in columns]
    chart = ""
    if any(score is not None for _name, score in scores):
        chart = charts.count_chart(
            [(charts.short_name(name), score or 0) for name, score in scores],
            title=_("Collaboration health %(year)s (0–100)") % {"year": year},
            formatter=charts.score,
            value_range=(0, 100),
        )
    return render(
        request,
        "scorecard/health/agreement.html",
        {
            "agreement": agreement,
            "year": year,
            "years": _years(),
            "columns": columns,
            "rows": rows,
            "scores": scores,
            "chart": chart,
            "formula": selectors.formulas()["collaboration"],
        },
    )


RECOGNITION_PAGE_SIZE = 50


@require_safe
@public_page
def recognition_list(request):
    """The national list of contributions in a year, most lines first."""
    year = year_from(request.GET.get("year"))
    lines = recognition.contributions(year, request.user)
    page = Paginator(recognition.ranked(lines), RECOGNITION_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    names = dict(
        Organization.objects.filter(pk__in=list(page.object_list)).values_list("pk", "name")
    )
    return render(
        request,
        "scorecard/recognition/list.html",
        {
            "year": year,
            "years": _years(),
            "page": page,
            "rows": [(pk, names.get(pk, ""), lines[pk]) for pk in page.object_list],
        },
    )


@require_safe
@public_page
def recognition_organization(request, pk: int):
    """One organisation's contributions in a year."""
    organization = get_object_or_404(
        recognition.recognised_organizations(request.user).only("pk", "name", "kind"), pk=pk
    )
    year = year_from(request.GET.get("year"))
    lines = recognition.contributions(year, request.user, {organization.pk})
    return render(
        request,
        "scorecard/recognition/organization.html",
        {
            "organization": organization,
            "year": year,
            "years": _years(),
            "lines": lines.get(organization.pk, []),
        },
    )


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 5, -1))
