from datetime import date

import pytest
from django.utils import translation

from simpul.monitoring.periods import (
    period_bounds,
    period_label,
    period_of,
    period_short_label,
    periods_between,
)


def test_a_quarter_runs_from_the_first_to_the_last_day_of_its_months():
    assert period_bounds("quarterly", 2025, 1) == (date(2025, 1, 1), date(2025, 3, 31))
    assert period_bounds("semester", 2024, 1) == (date(2024, 1, 1), date(2024, 6, 30))
    assert period_bounds("monthly", 2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))
    assert period_bounds("yearly", 2026, 1) == (date(2026, 1, 1), date(2026, 12, 31))


def test_a_period_number_outside_the_year_is_refused():
    with pytest.raises(ValueError):
        period_bounds("quarterly", 2025, 5)


def test_a_day_belongs_to_exactly_one_period():
    assert period_of("quarterly", date(2025, 5, 9)) == (2025, 2)
    assert period_of("monthly", date(2025, 12, 31)) == (2025, 12)


def test_periods_between_cover_partial_periods_at_both_ends():
    assert periods_between("quarterly", date(2024, 11, 15), date(2025, 4, 2)) == [
        (2024, 4),
        (2025, 1),
        (2025, 2),
    ]
    assert periods_between("yearly", date(2025, 1, 1), date(2024, 1, 1)) == []


def test_labels_are_indonesian_by_default_and_english_on_request():
    with translation.override("en"):
        assert period_label("quarterly", 2025, 2) == "Quarter 2 2025"
        assert period_short_label("quarterly", 2025, 2) == "Q2 2025"
    with translation.override("id"):
        assert period_label("yearly", 2025, 1) == "2025"
        assert period_short_label("semester", 2025, 1) == "S1 2025"
        assert period_short_label("quarterly", 2025, 2) == "TW II 2025"
