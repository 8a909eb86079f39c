"""Cells of the CSV and Excel files people download, made safe to open in a spreadsheet.

A text cell that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a
carriage return) is neutralised with a leading apostrophe (CSV/formula injection); real
numbers and dates stay what they are. Every export goes through `safe_cell`: the register,
the IPTT, survey answers, the periodic report's workbook and the open data.
"""

import re
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A negative number written as text ("-12.5") is data, not a formula.
NUMBER_TEXT = re.compile(r"^-?\d+(\.\d+)?$")


def safe_cell(value: Any) -> Any:
    """A cell value that no spreadsheet will execute: numbers and dates stay as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, int | float | Decimal):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not NUMBER_TEXT.match(text):
        return "'" + text
    return text
