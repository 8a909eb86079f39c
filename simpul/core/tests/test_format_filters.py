from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

from simpul.core.templatetags.simpul_format import number, percent, rupiah, zoned


def test_rupiah_is_grouped_the_indonesian_way():
    with translation.override("id"):
        assert rupiah(Decimal("1250000.40")) == "Rp 1.250.000"


def test_rupiah_follows_english_when_english_is_chosen():
    with translation.override("en"):
        assert rupiah(1250000) == "Rp 1,250,000"


def test_percent_uses_a_decimal_comma_in_indonesian():
    with translation.override("id"):
        assert percent(Decimal("85.34")) == "85,3%"


def test_number_drops_trailing_zeros_and_groups():
    with translation.override("id"):
        assert number(Decimal("1234.5000")) == "1.234,5"
        assert number(Decimal("2000.0000")) == "2.000"


def test_missing_values_show_a_dash():
    assert rupiah(None) == "—"
    assert percent("") == "—"
    assert number("abc") == "—"


# --- date-times carry their zone ------------------------------------------------------------

MOMENT = datetime(2026, 12, 7, 7, 30, tzinfo=UTC)


def test_a_moment_is_shown_in_the_viewers_zone_with_its_name():
    with translation.override("id"), timezone.override(ZoneInfo("Asia/Jakarta")):
        assert zoned(MOMENT) == "7 Des 2026 14.30 WIB"
    with translation.override("id"), timezone.override(ZoneInfo("Asia/Makassar")):
        assert zoned(MOMENT) == "7 Des 2026 15.30 WITA"


def test_a_moment_can_be_shown_in_a_partys_zone_whoever_looks():
    with translation.override("en"), timezone.override(ZoneInfo("Asia/Jakarta")):
        assert zoned(MOMENT, "Asia/Jayapura") == "7 Dec 2026 4:30 p.m. WIT"


def test_a_missing_moment_shows_a_dash():
    assert zoned(None) == "—"
    assert zoned("") == "—"
