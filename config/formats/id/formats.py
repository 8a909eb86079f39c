"""Indonesian formats, the one date policy (docs/architecture.md, "Formats").

Django's own Indonesian formats mix "7 Des. 2026" (with a point), "G.i" and "07-12-2026";
Simpul writes "7 Desember 2026" in text, "7 Des 2026" where space is tight and "18.35"
for times (PUEBI's point between hours and minutes). The zone label (WIB, WITA, WIT) is added
by `simpul.core.formats`, never by a format string, because it depends on the viewer.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = "j F Y H.i"
SHORT_DATETIME_FORMAT = "j M Y H.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1
# ISO first: an <input type="date"> sends and expects 2026-12-07 whatever the language.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y", "%d/%m/%y"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
