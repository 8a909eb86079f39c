"""safe_cell: what a spreadsheet would execute is neutralised, data stays data."""

import datetime
from decimal import Decimal

from simpul.core.exports import safe_cell


def test_cells_that_look_like_formulas_are_neutralised_but_numbers_stay_numbers():
    assert safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert safe_cell("+62 274") == "'+62 274"
    assert safe_cell("-1+cmd") == "'-1+cmd"
    assert safe_cell("-12.5") == "-12.5"  # a negative number written as text is data
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("\tx") == "'\tx"
    assert safe_cell("\rx") == "'\rx"
    assert safe_cell("Sampah") == "Sampah"
    assert safe_cell(-5) == -5
    assert safe_cell(Decimal("1500000.50")) == Decimal("1500000.50")


def test_empty_yes_no_and_dates_become_plain_text_a_spreadsheet_reads_as_data():
    assert safe_cell(None) == ""
    assert safe_cell(True) == "Ya" and safe_cell(False) == "Tidak"
    assert safe_cell(datetime.date(2026, 12, 7)) == "2026-12-07"
