"""Server-side SVG charts of the scorecard (pygal), drawn like the monitoring charts
(simpul.monitoring.charts): no script, an accessible title and description, values printed,
lines told apart by dash pattern and a label, and always a table with the same numbers."""

import pygal
from django.utils.translation import gettext as _

from simpul.monitoring.charts import STYLE, _finish

DASHES = ("1, 0", "9, 5", "2, 4", "8, 3, 2, 3", "1, 2", "10, 4")


def _float(value):
    return None if value is None else float(value)


def _score(value) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def _config(**extra) -> dict:
    return {
        "js": [],
        "disable_xml_declaration": True,
        "style": STYLE,
        "width": 760,
        "explicit_size": False,
        "margin": 16,
        "value_formatter": _score,
        **extra,
    }


def trend_chart(trend: list[dict], labels: list[tuple[str, str]], *, title: str) -> str:
    """One line per score over the years (0–100)."""
    chart = pygal.Line(
        **_config(
            title=title,
            height=360,
            range=(0, 100),
            include_x_axis=True,
            print_labels=True,
            legend_at_bottom=True,
            legend_at_bottom_columns=3,
            margin_right=130,
            dots_size=4,
            allow_interruptions=True,
        )
    )
    chart.x_labels = [str(row["year"]) for row in trend]
    for index, (key, label) in enumerate(labels):
        values = [_float(row.get(key)) for row in trend]
        for position in range(len(values) - 1, -1, -1):
            if values[position] is not None:
                values[position] = {"value": values[position], "label": str(label)}
                break
        chart.add(
            str(label),
            values,
            stroke_style={
                "width": 3 if key == "overall" else 1.5,
                "dasharray": DASHES[index % len(DASHES)],
            },
        )
    desc = _(
        "The overall score and the five scores (0 to 100) per year, one line each with its "
        "name at its last point; the table next to the chart gives the same numbers."
    )
    return _finish(chart.render(is_unicode=True), title=title, desc=desc)


def top_chart(rows, *, title: str) -> str:
    """Horizontal bars of the overall score of the first regions of the ranking."""
    rows = [row for row in rows if row.overall is not None][:10]
    chart = pygal.HorizontalBar(
        **_config(
            title=title,
            show_legend=False,
            height=max(160, 60 + 34 * len(rows)),
            range=(0, 100),
            print_values=True,
            print_values_position="top",
        )
    )
    rows = list(reversed(rows))  # pygal draws the first bar at the bottom
    chart.x_labels = [row.region.name for row in rows]
    chart.add(title, [_float(row.overall) for row in rows])
    desc = "; ".join(f"{row.region.name}: {_score(row.overall)}" for row in reversed(rows))
    return _finish(chart.render(is_unicode=True), title=title, desc=desc)
