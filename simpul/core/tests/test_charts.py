"""The one chart module (simpul.core.charts): accessible, script-free, deterministic,
readable without colour, and fed by the same numbers as the tables beside them."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation

from simpul.core import charts

D = Decimal


@dataclass
class P:
    short_label: str
    target: Decimal | None
    actual: Decimal | None
    by_party: dict = field(default_factory=dict)


SERIES = [
    P("2025-Q1", D(100), D(80), {1: D(50), 2: D(30)}),
    P("2025-Q2", D(110), None),
    P("2025-Q3", D(120), D(115), {1: D(70)}),
]


def _trend(**extra):
    options = {"title": "Sampah <terangkut>", "unit": "ton", "baseline": D(60)}
    options.update(extra)
    return charts.trend_chart(SERIES, parties=[(1, "Kota Yogyakarta"), (2, "Sleman")], **options)


def test_a_chart_is_an_svg_image_with_a_title_and_a_description():
    svg = str(_trend())
    assert svg.startswith("<svg ")
    opening = svg[: svg.index(">")]
    chart_id = re.search(r'id="(chart-[0-9a-f]+)"', opening).group(1)
    assert 'role="img"' in opening
    assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in opening
    assert f'<title id="{chart_id}-title">Sampah &lt;terangkut&gt;</title>' in svg
    assert f'<desc id="{chart_id}-desc">' in svg


def test_a_chart_carries_no_script_no_xml_declaration_and_no_comments():
    svg = str(_trend())
    assert "<script" not in svg
    assert "<?xml" not in svg
    assert "<!--" not in svg


def test_the_same_data_gives_the_same_bytes():
    assert str(_trend()) == str(_trend())
    assert str(_trend()) != str(_trend(baseline=D(61)))


def test_lines_differ_by_dash_pattern_and_carry_their_names():
    with translation.override("en"):
        svg = str(_trend())
    dashes = set(re.findall(r"stroke-dasharray:\s*([0-9, ]+)", svg)) - {"1,0"}  # 1,0: guides
    # target, baseline and two parties each have their own pattern
    assert len(dashes) == 4
    for name in ("Actual (all parties)", "Target", "Baseline", "Kota Yogyakarta", "Sleman"):
        assert f">{name}<" in svg


def test_the_description_says_what_is_plotted_and_which_way_is_better():
    with translation.override("en"):
        higher = str(_trend())
        lower = str(charts.trend_chart(SERIES, title="Pengaduan", direction="lower"))
    assert "dashed line" in higher and "dotted line" in higher and "higher is better" in higher
    assert "lower is better" in lower and "dotted line" not in lower


def test_budget_bars_print_their_amounts_in_short_rupiah():
    with translation.override("id"):
        svg = str(
            charts.budget_chart(
                [{"label": "Kota Yogyakarta 2025", "planned": D(1_500_000_000), "realised": None}]
            )
        )
    assert "1,5 M" in svg
    assert 'role="img"' in svg


def test_short_rupiah_uses_miliar_and_juta_in_indonesian():
    with translation.override("id"):
        assert charts.short_rupiah(D(2_500_000_000)) == "2,5 M"
        assert charts.short_rupiah(D(350_000_000)) == "350 jt"
        assert charts.short_rupiah(D(12_500)) == "12.500"
        assert charts.short_rupiah(None) == "—"


def test_short_rupiah_says_billion_and_million_in_english_never_m_for_miliar():
    with translation.override("en"):
        assert charts.short_rupiah(D(48_550_000_000)) == "48.5 bn"
        assert charts.short_rupiah(D(350_000_000)) == "350 m"
        assert charts.short_rupiah(D(12_500)) == "12,500"


def test_an_english_budget_chart_prints_billions_as_bn():
    with translation.override("en"):
        svg = str(
            charts.budget_chart(
                [{"label": "Kota Yogyakarta 2025", "planned": D(48_550_000_000), "realised": None}]
            )
        )
    assert "48.5 bn" in svg and " M<" not in svg


def test_count_charts_use_whole_numbers_and_print_each_count():
    svg = str(charts.count_chart([("On track", 3), ("Off track", 0)], title="Status"))
    axis = re.findall(r'<text[^>]*class="[^"]*"[^>]*>(\d+(?:,\d+)?)</text>', svg)
    assert axis and all("," not in label for label in axis)
    assert "; ".join(["On track: 3", "Off track: 0"]) in svg


def test_budget_rows_of_the_plans_selector_get_short_labels():
    svg = str(
        charts.budget_chart(
            [
                {
                    "organization_name": "Pemerintah Kabupaten Sleman",
                    "fiscal_year": 2025,
                    "planned": D(10),
                    "realised": D(5),
                }
            ]
        )
    )
    assert ">Kab. Sleman 2025<" in svg


@dataclass
class GridDot:
    number: int
    x: int
    y: int


def _grid(points) -> str:
    return str(
        charts.grid_chart(
            points,
            title="Power–interest grid",
            desc="1 PT A: influence 4, interest 5",
            x_label="Interest",
            y_label="Influence",
            quadrants=["Keep satisfied", "Manage closely", "Monitor", "Keep informed"],
        )
    )


def test_the_grid_is_an_accessible_image_with_its_four_quadrants_named():
    svg = _grid([GridDot(1, 5, 4)])
    assert svg.startswith('<svg role="img" aria-labelledby=')
    assert "<title" in svg and "1 PT A: influence 4, interest 5" in svg
    for label in ("Keep satisfied", "Manage closely", "Monitor", "Keep informed"):
        assert f">{label}</text>" in svg
    assert "<script" not in svg and _grid([GridDot(1, 5, 4)]) == svg


def test_dots_on_the_same_spot_are_fanned_out_so_none_hides_another():
    svg = _grid([GridDot(1, 3, 3), GridDot(2, 3, 3), GridDot(3, 3, 3)])
    centres = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert len(centres) == 3 and len(set(centres)) == 3
    assert re.findall(r'font-weight="700">(\d+)</text>', svg) == ["1", "2", "3"]
