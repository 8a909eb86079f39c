"""Reading and checking values: numbers with a decimal comma, ranges, yes/no, outliers."""

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from statistics import median

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from simpul.agreements.models import Party

from ...models import (
    DataValue,
    DisaggregationOption,
    Indicator,
    ReportingPeriod,
    Submission,
)
from .common import indicator_name, option_name, period_name
from .periods import party_indicators

# Outlier rule (see the module docstring): the one place its constants live.
OUTLIER_MAD_FACTOR = Decimal(3)
# Scales the median absolute deviation to a standard deviation for normally spread data, so
# the factor reads as "three standard deviations", robust to the outliers themselves.
MAD_TO_SIGMA = Decimal("1.4826")
OUTLIER_MIN_HISTORY = 4
OUTLIER_RELATIVE_CHANGE = Decimal("0.5")

# DataValue.value is DECIMAL(18, 4): 14 digits before the point.
MAX_ABS_VALUE = Decimal(10) ** 14
MAX_TEXT = 5000
YES_WORDS = {"1", "ya", "yes", "y", "true", "benar"}
NO_WORDS = {"0", "tidak", "no", "n", "false", "salah"}


def verified_history(party: Party, period: ReportingPeriod, indicator_ids) -> dict:
    """(indicator id, option id) → the party's earlier verified values, oldest first."""
    rows = (
        DataValue.objects.filter(
            submission__party=party,
            submission__status=Submission.Status.VERIFIED,
            submission__period__agreement_id=period.agreement_id,
            submission__period__frequency=period.frequency,
            submission__period__end__lt=period.start,
            indicator_id__in=indicator_ids,
            value__isnull=False,
        )
        .order_by("submission__period__end", "pk")
        .values_list("indicator_id", "option_id", "value")
    )
    history: dict = defaultdict(list)
    for indicator_id, option_id, value in rows:
        history[(indicator_id, option_id)].append(value)
    return history


class AmbiguousNumber(ValueError):
    """ "1.250" is 1250 to an Indonesian reader and 1.25 to an English one."""


# One separator followed by exactly three digits, the leading part not 0: "1.250", "12,500".
AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")
GROUPED = (
    re.compile(r"^[+-]?\d{1,3}(\.\d{3}){2,}(,\d+)?$"),  # 1.250.000 or 1.250.000,5
    re.compile(r"^[+-]?\d{1,3}(,\d{3}){2,}(\.\d+)?$"),  # 1,250,000 or 1,250,000.5
)


def parse_number(raw) -> Decimal:
    """A number from a person or a spreadsheet: "12,5" and "12.5" alike; "1.250,5" (Indonesian
    grouping) and "1,250.5" (English) read as 1250.5, "1.250.000" as 1250000. A lone
    separator before exactly three digits ("1.250") means 1250 in Indonesian and 1.25 in
    English, so it is refused (AmbiguousNumber) rather than guessed. Raises ValueError for
    anything else that is not a number."""
    if isinstance(raw, bool):
        return Decimal(int(raw))
    if isinstance(raw, int | Decimal):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(repr(raw))
    else:
        text = str(raw).replace("\u00a0", "").replace(" ", "").strip()
        if AMBIGUOUS.match(text):
            raise AmbiguousNumber(raw)
        if GROUPED[0].match(text):
            text = text.replace(".", "").replace(",", ".")
        elif GROUPED[1].match(text):
            text = text.replace(",", "")
        elif "," in text and "." in text:
            decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
            grouping = "." if decimal_mark == "," else ","
            text = text.replace(grouping, "").replace(decimal_mark, ".")
        elif text.count(",") == 1:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(raw) from None
    if not number.is_finite():
        raise ValueError(raw)
    return number


def _is_empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def clean_value(indicator: Indicator, raw) -> Decimal | None:
    """The value to store for a quantitative indicator, or a ValidationError naming it."""
    if _is_empty(raw):
        return None
    name = indicator_name(indicator)
    shown = str(raw).strip()[:40]
    if indicator.kind == Indicator.Kind.BOOLEAN:
        word = str(raw).strip().lower()
        if isinstance(raw, bool):
            return Decimal(int(raw))
        if word in YES_WORDS:
            return Decimal(1)
        if word in NO_WORDS:
            return Decimal(0)
        try:
            number = parse_number(raw)
        except ValueError:
            number = None
        if number in (Decimal(0), Decimal(1)):
            return number
        raise ValidationError(
            _("“%(value)s” is not yes (1) or no (0) for %(indicator)s.")
            % {"value": shown, "indicator": name},
            code="boolean",
        )
    try:
        number = parse_number(raw)
    except AmbiguousNumber:
        raise ValidationError(
            _(
                "“%(value)s” for %(indicator)s could be read two ways; write it without a "
                "thousands separator (1250) or with a decimal comma and no trailing zeros (1,25)."
            )
            % {"value": shown, "indicator": name},
            code="ambiguous",
        ) from None
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not a number for %(indicator)s.")
            % {"value": shown, "indicator": name},
            code="not_a_number",
        ) from None
    if abs(number) >= MAX_ABS_VALUE:
        raise ValidationError(
            _("%(value)s is too large for %(indicator)s.") % {"value": shown, "indicator": name},
            code="too_large",
        )
    if indicator.kind == Indicator.Kind.PERCENTAGE and not Decimal(0) <= number <= Decimal(100):
        raise ValidationError(
            _("%(value)s%% is not a percentage between 0 and 100 for %(indicator)s.")
            % {"value": shown, "indicator": name},
            code="percentage",
        )
    if indicator.min_value is not None and number < indicator.min_value:
        raise ValidationError(
            _("%(value)s is below the lowest valid value (%(limit)s) for %(indicator)s.")
            % {"value": shown, "indicator": name, "limit": plain_number(indicator.min_value)},
            code="below_min",
        )
    if indicator.max_value is not None and number > indicator.max_value:
        raise ValidationError(
            _("%(value)s is above the highest valid value (%(limit)s) for %(indicator)s.")
            % {"value": shown, "indicator": name, "limit": plain_number(indicator.max_value)},
            code="above_max",
        )
    return number.quantize(Decimal("0.0001"))


def plain_number(number: Decimal) -> str:
    """12.5000 → "12.5", 10.0000 → "10" (never "1E+1")."""
    return format(number.normalize(), "f")


def is_outlier(value: Decimal | None, history: list[Decimal]) -> bool:
    """The outlier rule of the module docstring."""
    if value is None or not history:
        return False
    if len(history) >= OUTLIER_MIN_HISTORY:
        centre = median(history)
        mad = median([abs(v - centre) for v in history])
        if mad > 0:
            return abs(value - centre) > OUTLIER_MAD_FACTOR * MAD_TO_SIGMA * mad
        reference = centre
    else:
        reference = history[-1]
    if reference == 0:
        return False
    return abs(value - reference) > OUTLIER_RELATIVE_CHANGE * abs(reference)


@dataclass
class CleanRow:
    indicator: Indicator
    option: DisaggregationOption | None
    value: Decimal | None
    text: str
    narrative: str
    is_outlier: bool = False

    @property
    def key(self) -> tuple[int, int | None]:
        return (self.indicator.pk, self.option.pk if self.option is not None else None)

    @property
    def empty(self) -> bool:
        return self.value is None and not self.text and not self.narrative


@dataclass
class SaveResult:
    changed: int
    outliers: list[CleanRow]


def values_validate(
    *, submission: Submission, rows
) -> tuple[list[CleanRow], list[tuple[tuple[int, int | None] | None, str]]]:
    """Check rows (indicator, option|None, value|None, text, narrative) for this submission:
    the clean rows and the problems (row key, message)."""
    period, party = submission.period, submission.party
    allowed = {
        i.pk: i
        for i in party_indicators(period, party).prefetch_related("disaggregations__options")
    }
    history = verified_history(party, period, list(allowed))
    clean: list[CleanRow] = []
    problems: list[tuple[tuple[int, int | None] | None, str]] = []
    seen = set()
    for indicator, option, raw, text, narrative in rows:
        key = (indicator.pk, option.pk if option is not None else None)
        known = allowed.get(indicator.pk)
        if known is None:
            problems.append(
                (
                    key,
                    _("%(indicator)s is not reported by %(party)s in %(period)s.")
                    % {
                        "indicator": indicator_name(indicator),
                        "party": party.organization.name,
                        "period": period_name(period),
                    },
                )
            )
            continue
        if option is not None and option.disaggregation_id not in {
            d.pk for d in known.disaggregations.all()
        }:
            problems.append(
                (
                    key,
                    _("%(indicator)s is not broken down by %(option)s.")
                    % {"indicator": indicator_name(known), "option": option_name(option)},
                )
            )
            continue
        if key in seen:
            problems.append(
                (
                    key,
                    _("%(indicator)s (%(option)s) appears twice.")
                    % {"indicator": indicator_name(known), "option": option_name(option)},
                )
            )
            continue
        seen.add(key)
        text = (text or "").strip()
        narrative = (narrative or "").strip()
        if len(text) > MAX_TEXT or len(narrative) > MAX_TEXT:
            problems.append(
                (
                    key,
                    _("The text for %(indicator)s is longer than %(limit)s characters.")
                    % {"indicator": indicator_name(known), "limit": MAX_TEXT},
                )
            )
            continue
        value = None
        if known.is_quantitative:
            try:
                value = clean_value(known, raw)
            except ValidationError as error:
                problems.append((key, error.messages[0]))
                continue
        elif not _is_empty(raw) and not text:
            # A qualitative indicator's finding typed in the value column.
            text = str(raw).strip()
        outlier = known.kind != Indicator.Kind.BOOLEAN and is_outlier(value, history.get(key, []))
        clean.append(CleanRow(known, option, value, text, narrative, outlier))
    return clean, problems
