"""The one chart module: server-side SVG charts (pygal) in one style, for every page that
draws one (monitoring dashboards and overview, survey results, the scorecard) and the
periodic reports' PDF.

Every function returns a `SafeString` holding one `<svg>` element, ready to embed inline in
HTML (or to hand to a PDF renderer):

- `role="img"` and `aria-labelledby` pointing at a `<title>` (the chart's title) and a
  `<desc>` (what is plotted, in words), so a screen reader announces the chart;
- no script and no interactivity (pygal's config script is removed; `js=[]`), so it works
  under the site's CSP and in a PDF;
- readable without colour: each line has its own dash pattern and carries its name at its
  last point; bars print their values;
- deterministic: the chart id comes from the content (no random uuid, no generation date), so
  the same data gives the same bytes (reports keep a checksum of their artefacts).

Charts never replace data: every page or report that shows one also shows the same numbers
in a table next to it.

    trend_chart(series, *, title, unit="", baseline=None, direction="higher",
                parties=(), desc="") -> SafeString
        series: the points of simpul.monitoring.selectors.indicator_series (or any objects
        with `short_label`, `target`, `actual` and, for party lines, `by_party`: a dict
        party key → value). Draws the actual (solid), the target (dashed), the baseline
        (dotted, when given) and one thin line per party in `parties` (a sequence of
        (party key, name) pairs) with its own dash pattern.

    budget_chart(rows, *, title=…, desc="") -> SafeString
        rows: dicts (or objects) with `planned` and `realised` (Decimal or None) and a
        `label`; without one, the rows of plans.selectors.budget_by_party_year are labelled
        "Kab. Sleman 2025" (short party name and fiscal year). Grouped bars, planned then
        realised, values printed in short rupiah in the reader's language (`short_rupiah`:
        "1,2 M" / "350 jt" in Indonesian, "1.2 bn" / "350 m" in English: an Indonesian "M"
        read in English is a thousand times too little).

    count_chart(items, *, title, desc="", formatter=…, value_range=None) -> SafeString
        items: (label, value) pairs; horizontal bars with the value printed on each bar
        (whole-number axis for counts, or a fixed range such as 0–100 for scores).

    lines_chart(x_labels, lines, *, title, desc, value_range=None, formatter=…) -> SafeString
        lines: (name, values, emphasised) triples, one line each with its own dash pattern
        and its name at its last point (the scorecard's scores per year).

    grid_chart(points, *, title, desc, x_label, y_label, quadrants) -> SafeString
        points: objects with `number`, `x` and `y` on 1–5 scales (the stakeholders'
        power–interest grid); quadrants: four labels (top left, top right, bottom left,
        bottom right). Drawn by hand (pygal has no quadrant chart): numbered dots that the
        table beside it numbers the same, points on one spot fanned out so none hides another.
"""

import hashlib
import math
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import pygal
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pygal.style import Style

# Colours with at least 4.5:1 contrast on white; shape (dashes, labels) carries meaning too.
ACTUAL = "#0b5d57"
TARGET = "#8a4b00"
BASELINE = "#4a5560"
PARTY_COLOURS = ("#1f4e9a", "#7a2e8c", "#a0212b", "#355e1f", "#5c4400", "#00607a")
PARTY_DASHES = ("2, 3", "8, 3, 2, 3", "1, 2", "10, 4", "6, 2, 2, 2, 2, 2", "4, 4")

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1d2733",
    foreground_strong="#1d2733",
    foreground_subtle="#6b7785",
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    value_font_size=11,
    value_label_font_size=11,
    legend_font_size=12,
    title_font_size=14,
    stroke_width="2.5",
    stroke_width_hover="2.5",
    # Solid, light guides: dashes are reserved for telling the series apart.
    guide_stroke_color="#d5dbe1",
    guide_stroke_dasharray="1,0",
    major_guide_stroke_color="#c2c9d1",
    major_guide_stroke_dasharray="1,0",
    opacity=".85",
    opacity_hover=".85",
    colors=(ACTUAL, TARGET, BASELINE, *PARTY_COLOURS),
)

_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_UUID = re.compile(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_CONFIG_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


Formatter = Callable[[Any], str]


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _field(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def _number(value: Any) -> str:
    if value is None:
        return "—"
    value = Decimal(str(value))
    places = 0 if value == value.to_integral_value() else 2
    return number_format(value.quantize(Decimal(1).scaleb(-places)), places, force_grouping=True)


# (billions, millions) per language. "M" is Indonesian for miliar (10⁹) but reads as million
# in English, so each language gets its own; a language not listed gets the English ones.
MONEY_SUFFIXES = {"id": ("M", "jt"), "en": ("bn", "m")}


def short_rupiah(value: Any) -> str:
    """Rupiah short enough for a bar label, in the active language: 1.250.000.000 →
    "1,3 M" and 350.000.000 → "350 jt" in Indonesian, "1.3 bn" and "350 m" in English."""
    if value is None:
        return "—"
    language = (get_language() or "id").split("-")[0]
    billions, millions = MONEY_SUFFIXES.get(language, MONEY_SUFFIXES["en"])
    amount = Decimal(str(value))
    if abs(amount) >= Decimal(10) ** 9:
        return f"{number_format(amount / Decimal(10) ** 9, 1, force_grouping=True)} {billions}"
    if abs(amount) >= Decimal(10) ** 6:
        return f"{number_format(amount / Decimal(10) ** 6, 0, force_grouping=True)} {millions}"
    return number_format(amount, 0, force_grouping=True)


def score(value: Any) -> str:
    """A 0–100 score with one decimal, as the scorecard prints it ("72,5" / "72.5")."""
    return "—" if value is None else number_format(Decimal(str(value)), 1)


SHORT_PREFIXES = (
    ("Pemerintah Kabupaten ", "Kab. "),
    ("Pemerintah Kota ", "Kota "),
    ("Pemerintah Provinsi ", "Prov. "),
    ("Pemerintah Daerah ", "Pemda "),
)


def short_name(name: str) -> str:
    """Organisation names short enough for a chart label: "Pemerintah Kabupaten Sleman" →
    "Kab. Sleman". The tables beside the charts keep the full names."""
    for prefix, short in SHORT_PREFIXES:
        if name.startswith(prefix):
            return short + name[len(prefix) :]
    return name


def _line(title: str, **extra: Any) -> Any:
    """A line chart: labelled last points, dots, room on the right for the names."""
    return pygal.Line(
        **_config(title=title, include_x_axis=True, print_labels=True, dots_size=4, **extra)
    )


def _config(**extra: Any) -> dict[str, Any]:
    return {
        "js": [],
        "disable_xml_declaration": True,
        "style": STYLE,
        "width": 760,
        "height": 360,
        "explicit_size": False,
        "show_legend": True,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 3,
        "truncate_legend": 40,
        "truncate_label": 16,
        "print_zeroes": True,
        "margin": 16,
        **extra,
    }


def _finish(svg: str, *, title: str, desc: str) -> SafeString:
    """Strip pygal's script and comments, make the ids deterministic and add the
    accessible name and description."""
    svg = _SCRIPT.sub("", svg)
    svg = _COMMENT.sub("", svg)
    digest = hashlib.sha256((title + desc + _UUID.sub("", svg)).encode()).hexdigest()[:12]
    chart_id = f"chart-{digest}"
    svg = _UUID.sub(chart_id, svg)
    svg = _CONFIG_UUID.sub(digest, svg)
    opening_end = svg.index(">") + 1
    opening = svg[:opening_end]
    opening = opening.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" ',
        1,
    )
    accessible = (
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )
    return mark_safe(opening + accessible + svg[opening_end:])  # noqa: S308 (escaped above)


def _labelled(values: Sequence[Any], name: str) -> list[Any]:
    """The values, with the series' name printed at its last point (shape, not colour,
    tells the lines apart)."""
    result: list[Any] = [_float(v) for v in values]
    for index in range(len(result) - 1, -1, -1):
        if result[index] is not None:
            result[index] = {"value": result[index], "label": name}
            break
    return result


def trend_chart(
    series: Sequence[Any],
    *,
    title: str,
    unit: str = "",
    baseline: Any = None,
    direction: str = "higher",
    parties: Iterable[tuple[Any, str]] = (),
    desc: str = "",
) -> SafeString:
    """A line chart of an indicator over its periods; see the module docstring."""
    labels = [str(_field(point, "short_label")) for point in series]
    chart = _line(
        title,
        y_title=unit or None,
        x_label_rotation=30 if len(labels) > 8 else 0,
        allow_interruptions=False,
        margin_right=150,
        value_formatter=_number,
    )
    chart.x_labels = labels
    actual_name = _("Actual (all parties)")
    target_name = _("Target")
    chart.add(
        actual_name,
        _labelled([_field(point, "actual") for point in series], actual_name),
        stroke_style={"width": 3},
    )
    chart.add(
        target_name,
        _labelled([_field(point, "target") for point in series], target_name),
        stroke_style={"width": 2, "dasharray": "9, 5"},
    )
    if baseline is not None:
        baseline_name = _("Baseline")
        chart.add(
            baseline_name,
            _labelled([baseline] * len(series), baseline_name),
            stroke_style={"width": 2, "dasharray": "2, 4"},
            dots_size=1,
        )
    party_list = list(parties)
    for index, (key, name) in enumerate(party_list):
        values = [(_field(point, "by_party") or {}).get(key) for point in series]
        chart.add(
            name,
            # With one party its line is the total: a second label would print on top of the
            # first. Parties are told apart by their dash pattern in the legend.
            [_float(v) for v in values] if len(party_list) == 1 else _labelled(values, name),
            stroke_style={"width": 1.5, "dasharray": PARTY_DASHES[index % len(PARTY_DASHES)]},
            dots_size=2,
        )
    if not desc:
        direction_text = _("lower is better") if direction == "lower" else _("higher is better")
        desc = _(
            "Actual value of all parties (solid line) against the target (dashed line)%(base)s "
            "per period, %(direction)s; the table below the chart gives the same numbers."
        ) % {
            "base": _(" and the baseline (dotted line)") if baseline is not None else "",
            "direction": direction_text,
        }
    return _finish(chart.render(is_unicode=True), title=title, desc=desc)


def _budget_label(row: Any) -> str:
    """`label`, else "<short party name> <year>" for rows of plans.selectors
    budget_by_party_year, else the fiscal year."""
    label = _field(row, "label")
    if label is not None:
        return str(label)
    name = _field(row, "organization_name")
    year = _field(row, "fiscal_year")
    return f"{short_name(name)} {year}" if name else str(year)


def budget_chart(rows: Sequence[Any], *, title: str = "", desc: str = "") -> SafeString:
    """Planned vs realised budget per row (party and year, or year); see the module doc."""
    title = title or _("Budget planned and realised")
    chart = pygal.Bar(
        **_config(
            title=title,
            y_title="Rp",
            x_label_rotation=20 if len(rows) > 4 else 0,
            truncate_label=28,
            print_values=True,
            print_values_position="top",
            value_formatter=short_rupiah,
        )
    )
    chart.x_labels = [_budget_label(row) for row in rows]
    chart.add(_("Planned"), [_float(_field(row, "planned")) for row in rows])
    chart.add(_("Realised"), [_float(_field(row, "realised")) for row in rows])
    if not desc:
        desc = _(
            "Two bars per group: planned (first) and realised (second) budget in rupiah, with "
            "the amounts printed above the bars; the table next to the chart gives the same "
            "numbers and the absorption rate."
        )
    return _finish(chart.render(is_unicode=True), title=title, desc=desc)


def count_chart(
    items: Sequence[tuple[Any, Any]],
    *,
    title: str,
    desc: str = "",
    formatter: Formatter = _number,
    value_range: tuple[int, int] | None = None,
) -> SafeString:
    """Horizontal bars, each labelled and with its value printed: counts on a whole-number
    axis, or values on a fixed `value_range` (scores 0–100)."""
    chart = pygal.HorizontalBar(
        **_config(
            title=title,
            show_legend=False,
            height=max(160, 60 + 34 * len(items)),
            print_values=True,
            print_values_position="top",
            value_formatter=formatter,
            **({"range": value_range} if value_range else {}),
        )
    )
    # pygal draws the first label at the bottom; reversed, the bars read top-down like the
    # table beside the chart.
    bottom_up = list(reversed(items))
    chart.x_labels = [str(label) for label, _value in bottom_up]
    if value_range is None:
        largest = int(max((value for _label, value in bottom_up), default=0))
        step = max(1, -(-largest // 8))  # whole numbers on the axis: nobody has 0.2 agreements
        chart.y_labels = list(range(0, largest + step + 1, step))
    chart.add(title, [_float(value) for _label, value in bottom_up])
    if not desc:
        desc = "; ".join(f"{label}: {formatter(value)}" for label, value in items)
    return _finish(chart.render(is_unicode=True), title=title, desc=desc)


def lines_chart(
    x_labels: Sequence[str],
    lines: Sequence[tuple[str, Sequence[Any], bool]],
    *,
    title: str,
    desc: str,
    value_range: tuple[int, int] | None = None,
    formatter: Formatter = _number,
) -> SafeString:
    """One line per (name, values, emphasised) triple over `x_labels`, each with its own
    dash pattern and its name at its last point; the emphasised line is drawn thicker."""
    chart = _line(
        title,
        margin_right=130,
        allow_interruptions=True,
        value_formatter=formatter,
        **({"range": value_range} if value_range else {}),
    )
    chart.x_labels = [str(label) for label in x_labels]
    dashes = ("1, 0", "9, 5", "2, 4", *PARTY_DASHES)
    for index, (name, values, emphasised) in enumerate(lines):
        chart.add(
            name,
            _labelled(values, name),
            stroke_style={
                "width": 3 if emphasised else 1.5,
                "dasharray": dashes[index % len(dashes)],
            },
        )
    return _finish(chart.render(is_unicode=True), title=title, desc=desc)


def grid_chart(
    points: Sequence[Any],
    *,
    title: str,
    desc: str,
    x_label: str,
    y_label: str,
    quadrants: Sequence[str],
) -> SafeString:
    """A 1–5 × 1–5 grid split at 3 into four labelled quadrants, one numbered dot per point."""
    size, pad = 360, 44
    cell = (size - 2 * pad) / 5

    def position(value: float, *, vertical: bool) -> float:
        offset = (value - 0.5) * cell
        return size - pad - offset if vertical else pad + offset

    middle_x, middle_y = position(2.5, vertical=False), position(2.5, vertical=True)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'class="grid-chart" font-family="{STYLE.font_family}" font-size="12">',
        f'<rect x="{pad}" y="{pad}" width="{size - 2 * pad}" height="{size - 2 * pad}" '
        f'fill="#f6f8fa" stroke="{STYLE.major_guide_stroke_color}"/>',
        f'<rect x="{middle_x}" y="{pad}" width="{size - pad - middle_x}" '
        f'height="{middle_y - pad}" fill="#e3efee"/>',
        f'<line x1="{middle_x}" y1="{pad}" x2="{middle_x}" y2="{size - pad}" '
        f'stroke="{BASELINE}" stroke-dasharray="4, 3"/>',
        f'<line x1="{pad}" y1="{middle_y}" x2="{size - pad}" y2="{middle_y}" '
        f'stroke="{BASELINE}" stroke-dasharray="4, 3"/>',
    ]
    corners = (
        (pad + 4, pad + 14, "start"),
        (size - pad - 4, pad + 14, "end"),
        (pad + 4, size - pad - 6, "start"),
        (size - pad - 4, size - pad - 6, "end"),
    )
    for (x, y, anchor), label in zip(corners, quadrants, strict=True):
        parts.append(
            f'<text x="{x}" y="{y}" text-anchor="{anchor}" fill="{BASELINE}" '
            f'font-weight="600">{escape(label)}</text>'
        )
    for tick in range(1, 6):
        parts.append(
            f'<text x="{position(tick, vertical=False)}" y="{size - pad + 16}" '
            f'text-anchor="middle" fill="{STYLE.foreground}">{tick}</text>'
        )
        parts.append(
            f'<text x="{pad - 10}" y="{position(tick, vertical=True) + 4}" '
            f'text-anchor="end" fill="{STYLE.foreground}">{tick}</text>'
        )
    parts.append(
        f'<text x="{size / 2}" y="{size - 8}" text-anchor="middle" '
        f'fill="{STYLE.foreground}">{escape(x_label)}</text>'
    )
    parts.append(
        f'<text x="12" y="{size / 2}" text-anchor="middle" fill="{STYLE.foreground}" '
        f'transform="rotate(-90 12 {size / 2})">{escape(y_label)}</text>'
    )
    seen: dict[tuple[int, int], int] = {}
    for point in points:
        spot = (int(point.x), int(point.y))
        index = seen.get(spot, 0)
        seen[spot] = index + 1
        # Points on one spot are fanned out around it (up to eight, then a second ring).
        ring, step = divmod(index, 8)
        angle = step * math.pi / 4
        radius = 0.0 if index == 0 else cell * (0.28 + 0.14 * ring)
        dot_x = position(spot[0], vertical=False) + radius * math.cos(angle)
        dot_y = position(spot[1], vertical=True) - radius * math.sin(angle)
        parts.append(
            f'<circle cx="{dot_x:.1f}" cy="{dot_y:.1f}" r="10" fill="{ACTUAL}" stroke="#fff" '
            f'stroke-width="1.5"/><text x="{dot_x:.1f}" y="{dot_y + 4:.1f}" text-anchor="middle" '
            f'fill="#fff" font-size="11" font-weight="700">{int(point.number)}</text>'
        )
    parts.append("</svg>")
    return _finish("".join(parts), title=title, desc=desc)
