from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone, translation

from simpul.core.widgets import DateInput, DateTimeLocalInput


class Dates(forms.Form):
    day = forms.DateField(widget=DateInput())
    opens = forms.DateTimeField(widget=DateTimeLocalInput())


def test_date_inputs_carry_iso_values_in_indonesian_and_english():
    for language in ("id", "en"):
        opens = datetime(2026, 1, 1, 1, 5, tzinfo=UTC)  # 08.05 in Jakarta
        with translation.override(language), timezone.override(ZoneInfo("Asia/Jakarta")):
            form = Dates(initial={"day": date(2026, 1, 1), "opens": opens})
            html = str(form["day"]) + str(form["opens"])
        assert 'type="date"' in html
        assert 'value="2026-01-01"' in html
        assert 'type="datetime-local"' in html
        assert 'value="2026-01-01T08:05"' in html


def test_an_iso_date_sent_by_the_browser_is_accepted_in_indonesian():
    with translation.override("id"):
        form = Dates(data={"day": "2026-12-07", "opens": "2026-12-07T18:35"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == date(2026, 12, 7)
