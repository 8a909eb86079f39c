"""Form widgets that speak the browser's formats, whatever the page's language.

An `<input type="date">` only accepts a value in ISO form (2026-12-07) and shows it in the
visitor's own locale; given "01-01-2026" (the Indonesian DATE_INPUT_FORMAT) it shows an empty
field and the form loses its default. Every date and date-time field uses these widgets.
"""

from typing import Any

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATE)


class DateTimeLocalInput(forms.DateTimeInput):
    """A local date-time (no zone) in the browser's picker; the form says which zone."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATETIME_LOCAL)
