"""The public ranking of regions and a region's scores over the years (no sign-in; cached
for anonymous visitors). Scores come from the worker's Score rows; only public agreements
are listed."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from simpul.core import charts
from simpul.core.public_cache import public_page
from simpul.regions.models import Region

from . import selectors
from .models import DIMENSIONS

PAGE_SIZE = 50
LEVELS = (
    ("", gettext_lazy("All levels")),
    ("province", gettext_lazy("Provinces")),
    ("local", gettext_lazy("Regencies and cities")),
)


def _year(raw: str, years: list[int]) -> int:
    try:
        year = int(raw)
    except (TypeError, ValueError):
        return years[0] if years else timezone.localdate().year
    return year if year in years else (years[0] if years else timezone.localdate().year)


@require_safe
@public_page
def ranking(request):
    years = selectors.ranking_years()
    year = _year(request.GET.get("year", ""), years)
    provinces = list(
        Region.objects.current()
        .without_geometry()
        .provinces()
        .order_by("name")
        .only("code", "name")
    )
    province_code = request.GET.get("province", "")
    province = next((p for p in provinces if p.code == province_code), None)
    level = request.GET.get("level", "")
    level = level if level in dict(LEVELS) else ""
    sort = request.GET.get("sort", "overall")
    sort = sort if sort in selectors.SORTS else "overall"
    rows = selectors.ranking(year=year, province=province, level=level, sort=sort)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    filters = {
        "year": year,
        "province": province.code if province else "",
        "level": level,
    }
    base_query = urlencode({key: value for key, value in filters.items() if value})
    page_query = urlencode({**{k: v for k, v in filters.items() if v}, "sort": sort})
    columns = [
        {"key": key, "label": selectors.LABELS[key], "current": key == sort}
        for key in ("overall", *DIMENSIONS)
    ]
    offset = (page.number - 1) * PAGE_SIZE
    top = list(page.object_list)[:10] if page.number == 1 and sort == "overall" else []
    return render(
        request,
        "scorecard/ranking.html",
        {
            "years": years,
            "year": year,
            "provinces": provinces,
            "province": province,
            "levels": LEVELS,
            "level": level,
            "sort": sort,
            "columns": columns,
            "page": page,
            "offset": offset,
            "base_query": base_query,
            "page_query": page_query,
            "formulas": selectors.formulas(),
            "labels": selectors.LABELS,
            "chart": _top_chart(
                top, title=_("Top 10 regions, overall score %(year)s") % {"year": year}
            )
            if top
            else "",
            "top": [row for row in top if row.overall is not None],
        },
    )


def _top_chart(rows, *, title: str) -> str:
    """The overall score of the first ten regions of the ranking, as bars (0–100)."""
    scored = [row for row in rows if row.overall is not None][:10]
    return charts.count_chart(
        [(row.region.name, row.overall) for row in scored],
        title=title,
        formatter=charts.score,
        value_range=(0, 100),
    )


def _trend_chart(trend: list[dict], labels: list[tuple[str, str]], *, title: str) -> str:
    """One line per score over the years (0–100), the overall score drawn thicker."""
    return charts.lines_chart(
        [str(row["year"]) for row in trend],
        [(str(label), [row.get(key) for row in trend], key == "overall") for key, label in labels],
        title=title,
        desc=_(
            "The overall score and the six scores (0 to 100) per year, one line each with its "
            "name at its last point; the table next to the chart gives the same numbers."
        ),
        value_range=(0, 100),
        formatter=charts.score,
    )


@require_safe
@public_page
def region(request, code: str):
    region = get_object_or_404(
        Region.objects.without_geometry().select_related("parent"), code=code
    )
    years = selectors.ranking_years()
    year = _year(request.GET.get("year", ""), years)
    scorecard = selectors.region_scorecard(region, year)
    agreements = selectors.region_agreement_scores(region, year)
    chart = ""
    if len(scorecard["trend"]) > 1:
        chart = _trend_chart(
            scorecard["trend"],
            scorecard["dimension_labels"],
            title=_("Governance scores of %(region)s per year") % {"region": region.name},
        )
    return render(
        request,
        "scorecard/region.html",
        {
            "region": region,
            "year": year,
            "years": years,
            "scorecard": scorecard,
            "agreements": agreements,
            "chart": chart,
            "dimensions": [(key, selectors.LABELS[key]) for key in DIMENSIONS],
        },
    )
