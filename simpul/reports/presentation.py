"""What every renderer derives from a snapshot besides the snapshot itself: key figures, the
status counts and the charts. Pure functions of the snapshot (no queries).

Charts reach the PDF's HTML as `data:` URIs of their SVG rather than as <svg> elements in the
page: WeasyPrint still draws them as vectors, but each chart stays its own document (pygal
repeats element ids from chart to chart) and the page's stylesheet is not matched against
thousands of chart nodes, which halved the rendering time of a 40-page report.
"""

import base64

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
        from .charts import budget_chart, trend_chart

        context["budget_chart"] = svg_data_uri(budget_chart(snapshot["budget"]["by_year"]))
        for indicator in context["indicators"]:
            indicator["chart"] = svg_data_uri(trend_chart(indicator))
    return context
