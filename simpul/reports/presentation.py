"""What every renderer derives from a snapshot besides the snapshot itself: key figures, the
status counts and the charts (drawn by simpul.core.charts, like every chart of the site).
Pure functions of the snapshot (no queries).

Charts reach the PDF's HTML as `data:` URIs of their SVG rather than as <svg> elements in the
page: WeasyPrint still draws them as vectors, but each chart stays its own document (pygal
repeats element ids from chart to chart) and the page's stylesheet is not matched against
thousands of chart nodes, which halved the rendering time of a 40-page report.
"""

import base64

from django.utils.translation import gettext as _

from simpul.core import charts as chart_module

from .snapshot import indicator_status_counts, key_figures


def svg_data_uri(svg: str | None) -> str | None:
    if not svg:
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def report_context(snapshot: dict, *, charts: bool = False) -> dict:
    context = {
        "s": snapshot,
        "figures": key_figures(snapshot),
        "status_counts": indicator_status_counts(snapshot),
        "indicators": [dict(indicator) for indicator in snapshot["indicators"]],
        "budget_chart": None,
    }
    if charts:
        context["budget_chart"] = svg_data_uri(budget_chart(snapshot["budget"]["by_year"]))
        for indicator in context["indicators"]:
            indicator["chart"] = svg_data_uri(trend_chart(indicator))
    return context


def trend_chart(indicator: dict) -> str | None:
    """The indicator's actual values per period against its target and baseline; None when
    it has neither targets nor values in the period (nothing to draw)."""
    periods = indicator["periods"]
    if all(p["target"] is None and p["actual"] is None for p in periods):
        return None
    return str(
        chart_module.trend_chart(
            periods,
            title=f"{indicator['code']} {indicator['name']}",
            unit=indicator["unit"],
            baseline=indicator["baseline_value"],
        )
    )


def budget_chart(by_year: list[dict]) -> str | None:
    """Planned and realised budget per fiscal year as grouped bars, amounts printed."""
    if not by_year:
        return None
    rows = [{**row, "label": str(row["year"])} for row in by_year]
    return str(
        chart_module.budget_chart(rows, title=_("Budget planned and realised per fiscal year"))
    )
