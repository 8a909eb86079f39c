from decimal import Decimal

from django.utils import translation

from simpul.core.templatetags.simpul_format import number, percent, rupiah


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
