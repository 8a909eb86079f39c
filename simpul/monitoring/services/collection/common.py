"""Shared by the collection modules: the submission states that count, the refusal of a set
of values, and how periods, indicators and options are named."""

from django.utils import translation
from django.utils.translation import gettext as _

from simpul.core.errors import InvalidInput

from ...models import (
    Disaggregation,
    DisaggregationOption,
    Indicator,
    ReportingPeriod,
    Submission,
)
from ...periods import period_label

EDITABLE = (Submission.Status.DRAFT, Submission.Status.RETURNED)
DONE = (Submission.Status.SUBMITTED, Submission.Status.VERIFIED)
Status = ReportingPeriod.Status


# --- Errors ------------------------------------------------------------------------------------


# Refusals are the kernel's InvalidInput (400); a submission changed or moved by someone else
# is its Conflict (409), naming who and when.


class ValuesInvalid(InvalidInput):
    """Some values are refused; `problems` pairs each message with its row key
    (indicator id, option id or None), so forms can show it beside the field."""

    def __init__(self, problems: list[tuple[tuple[int, int | None] | None, str]]):
        self.problems = problems
        super().__init__([message for _key, message in problems])


def period_name(period: ReportingPeriod) -> str:
    return period_label(period.frequency, period.year, period.number)


def indicator_name(indicator: Indicator) -> str:
    return f"{indicator.code} {indicator.name}"


def option_name(option: DisaggregationOption | None) -> str:
    if option is None:
        return _("Total")
    return option.name_en if translation.get_language() == "en" else option.name_id


def disaggregation_name(disaggregation: Disaggregation) -> str:
    if translation.get_language() == "en":
        return disaggregation.name_en
    return disaggregation.name_id
