"""Charts of the PDF report as static SVG (pygal, no JavaScript), drawn from the snapshot.

Each chart tells its series apart by dash pattern and marker as well as colour, so it reads in
black and white print; the report always puts the same numbers in a table beside it. The SVG
is embedded inline in the report's HTML, which WeasyPrint draws as vectors.
"""

import re
from decimal import Decimal

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

PRINT_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#222",
    foreground_strong="#000",
    foreground_subtle="#888",
    colors=("#1f4e79", "#c0504d", "#444444", "#2e7d32"),
    font_family="DejaVu Sans, sans-serif",
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=11,
    title_font_size=13,
    value_font_size=10,
    opacity="1",
    opacity_hover="1",
)
DASHED = {"width": 2, "dasharray": "8, 5"}
DOTTED = {"width": 1.5, "dasharray": "2, 4"}
SOLID = {"width": 2.5}


# pygal writes its configuration into a <script> even with js=[]; a printed chart needs none.
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)


def _render(chart) -> str:
    return SCRIPT.sub("", chart.render(is_unicode=True))


def _float(value) -> float | None:
    return None if value is None else float(Decimal(value))


def _options(title: str, **extra) -> dict:
    return {
        "js": [],
        "disable_xml_declaration": True,
        "style": PRINT_STYLE,
        "title": title,
        "width": 720,
        "height": 300,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 3,
        "print_values": False,
        "show_minor_x_labels": True,
        "truncate_label": -1,
        "truncate_legend": -1,
        "margin": 8,
        "show_y_guides": False,
        **extra,
    }


def trend_chart(indicator: dict) -> str | None:
    """Actual values per period against the target line and the baseline; None when the
    indicator has neither targets nor values in the period (nothing to draw)."""
    periods = indicator["periods"]
    targets = [_float(p["target"]) for p in periods]
    actuals = [_float(p["actual"]) for p in periods]
    if not any(v is not None for v in targets + actuals):
        return None
    title = f"{indicator['code']} {indicator['name']}"
    if indicator["unit"]:
        title += f" ({indicator['unit']})"
    chart = pygal.Line(
        **_options(title, x_label_rotation=30 if len(periods) > 8 else 0, allow_interruptions=True)
    )
    chart.x_labels = [p["short_label"] for p in periods]
    # The legend shows colour swatches only, so each label names its line style too.
    chart.add(_("Target") + " (– – ◆)", targets, stroke_style=DASHED, dots_size=3)
    chart.add(_("Actual (verified)") + " (—●—)", actuals, stroke_style=SOLID, dots_size=5)
    baseline = _float(indicator["baseline_value"])
    if baseline is not None:
        chart.add(_("Baseline"), [baseline] * len(periods), stroke_style=DOTTED, show_dots=False)
    return _render(chart)


def budget_chart(by_year: list[dict]) -> str | None:
    """Planned and realised budget per fiscal year as grouped bars (values printed on them)."""
    if not by_year:
        return None
    chart = pygal.Bar(
        **_options(
            _("Budget planned and realised per fiscal year (million Rp)"),
            print_values=True,
            value_formatter=lambda v: f"{v:,.1f}".replace(",", " "),
        )
    )
    chart.x_labels = [str(row["year"]) for row in by_year]
    million = Decimal(1_000_000)
    chart.add(_("Planned"), [float(Decimal(row["planned"]) / million) for row in by_year])
    chart.add(_("Realised"), [float(Decimal(row["realised"]) / million) for row in by_year])
    return _render(chart)
