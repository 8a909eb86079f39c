import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

from simpul.core import formats
from simpul.core.templatetags.simpul_format import number, percent, zoned

NBSP = "\u00a0"
MOMENT = datetime(2026, 12, 7, 11, 35, tzinfo=UTC)  # 18.35 in Jakarta


def render(source: str, language: str, **context: object) -> str:
    with translation.override(language), timezone.override(ZoneInfo("Asia/Jakarta")):
        return Template("{% load simpul_format %}" + source).render(Context(context))


# --- dates and times: one policy per language -----------------------------------------------


def test_a_date_reads_7_desember_2026_in_indonesian_and_7_december_2026_in_english():
    page = '{{ day|date }} / {{ day|date:"SHORT_DATE_FORMAT" }}'
    assert render(page, "id", day=date(2026, 12, 7)) == "7 Desember 2026 / 7 Des 2026"
    assert render(page, "en", day=date(2026, 12, 7)) == "7 December 2026 / 7 Dec 2026"


def test_a_time_reads_18_35_wib_in_indonesian_and_18_35_wib_in_english():
    assert render("{{ moment|clock }}", "id", moment=MOMENT) == f"18.35{NBSP}WIB"
    assert render("{{ moment|clock }}", "en", moment=MOMENT) == f"18:35{NBSP}WIB"


def test_a_date_time_carries_its_zone_in_both_languages():
    assert render("{{ moment|zoned }}", "id", moment=MOMENT) == f"7 Des 2026 18.35{NBSP}WIB"
    assert render("{{ moment|zoned_long }}", "en", moment=MOMENT) == (
        f"7 December 2026 18:35{NBSP}WIB"
    )


def test_a_moment_is_shown_in_the_viewers_zone_with_its_name():
    with translation.override("id"), timezone.override(ZoneInfo("Asia/Makassar")):
        assert zoned(MOMENT) == f"7 Des 2026 19.35{NBSP}WITA"


def test_a_moment_can_be_shown_in_a_partys_zone_whoever_looks():
    with translation.override("en"), timezone.override(ZoneInfo("Asia/Jakarta")):
        assert zoned(MOMENT, "Asia/Jayapura") == f"7 Dec 2026 20:35{NBSP}WIT"


def test_messages_built_in_python_use_the_same_date_policy():
    with translation.override("id"):
        assert formats.long_date(date(2024, 3, 1)) == "1 Maret 2024"
        assert formats.short_date(MOMENT) == "7 Des 2026"
    with translation.override("en"):
        assert formats.long_date(date(2024, 3, 1)) == "1 March 2024"


def test_a_missing_moment_or_date_shows_a_dash():
    assert zoned(None) == "—"
    assert zoned("") == "—"
    assert formats.long_date(None) == "—"
    assert formats.clock("18:35") == "—"


def test_no_template_spells_a_date_format_of_its_own():
    # Human dates go through the format files (named formats) or |zoned; 'c' and 'Y-m-d' are
    # machine-readable attributes, "Y" a bare year and "M" a month column of the plan's Gantt.
    allowed = {"c", "Y-m-d", "Y", "M", "DATE_FORMAT", "SHORT_DATE_FORMAT", "YEAR_MONTH_FORMAT"}
    pattern = re.compile(r"""\|date:(["'])([^"']*)\1""")
    found = []
    for folder in [settings.BASE_DIR / "templates", *Path(settings.BASE_DIR, "simpul").glob("*")]:
        for path in Path(folder).rglob("*"):
            if path.suffix in {".html", ".txt"} and "templates" in path.parts:
                for match in pattern.finditer(path.read_text()):
                    if match.group(2) not in allowed:
                        found.append(f"{path.name}: {match.group(0)}")
    assert found == []


# --- money ----------------------------------------------------------------------------------


def test_rupiah_is_grouped_the_indonesian_way_with_a_no_break_space():
    assert render("{{ amount|rupiah }}", "id", amount=Decimal("45020000000.40")) == (
        f'<span class="money">Rp{NBSP}45.020.000.000</span>'
    )


def test_rupiah_follows_english_when_english_is_chosen():
    with translation.override("en"):
        assert formats.rupiah(45020000000) == f"Rp{NBSP}45,020,000,000"


def test_short_rupiah_says_miliar_in_indonesian_and_billion_in_english():
    page = "{{ amount|rupiah_short }}"
    assert render(page, "id", amount=45020000000) == (
        f'<span class="money">Rp{NBSP}45,02{NBSP}miliar</span>'
    )
    assert render(page, "en", amount=45020000000) == (
        f'<span class="money">Rp{NBSP}45.02{NBSP}billion</span>'
    )
    with translation.override("id"):
        assert formats.rupiah(350_000_000, short=True) == f"Rp{NBSP}350{NBSP}juta"
        assert formats.rupiah(1_500_000_000_000, short=True) == f"Rp{NBSP}1,5{NBSP}triliun"
        assert formats.rupiah(12_500, short=True) == f"Rp{NBSP}12.500"


def test_percent_uses_a_decimal_comma_in_indonesian():
    with translation.override("id"):
        assert percent(Decimal("85.34")) == "85,3%"


def test_number_drops_trailing_zeros_and_groups():
    with translation.override("id"):
        assert number(Decimal("1234.5000")) == "1.234,5"
        assert number(Decimal("2000.0000")) == "2.000"


def test_missing_or_bad_values_show_a_dash():
    assert formats.rupiah(None) == "—"
    assert formats.rupiah("NaN") == "—"
    assert percent("") == "—"
    assert number("abc") == "—"


# --- periods --------------------------------------------------------------------------------


def test_quarter_labels_read_tw_i_2024_in_indonesian_and_q1_2024_in_english():
    with translation.override("id"):
        assert formats.period_label("quarterly", 2024, 1, short=True) == "TW I 2024"
        assert formats.period_label("quarterly", 2024, 4) == "Triwulan IV 2024"
        assert formats.period_label("monthly", 2024, 3, short=True) == "Mar 2024"
    with translation.override("en"):
        assert formats.period_label("quarterly", 2024, 1, short=True) == "Q1 2024"
        assert formats.period_label("semester", 2024, 2, short=True) == "H2 2024"


def test_a_quarter_is_numbered_alike_in_its_long_and_short_label_in_each_language():
    # A heading's "Quarter II 2025" over a chart axis of "Q2 2025" read as two numberings.
    with translation.override("id"):
        labels = [formats.period_label("quarterly", 2025, 2, short=s) for s in (False, True)]
        assert labels == ["Triwulan II 2025", "TW II 2025"]
    with translation.override("en"):
        labels = [formats.period_label("quarterly", 2025, 2, short=s) for s in (False, True)]
        assert labels == ["Quarter 2 2025", "Q2 2025"]
