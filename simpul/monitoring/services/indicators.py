"""Writes for the results chain, indicators, targets and the monitoring set-up.

Everything a person types is checked here (the forms only parse): the views turn
`ValidationError`s into form errors, so bad input never reaches the database as an
IntegrityError. Indicators carry an optimistic `version`: an edit says which version it read
and a stale one raises the kernel's Conflict (naming who saved first), so simultaneous edits
never overwrite each other.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from simpul.agreements.models import Agreement
from simpul.core import public_cache
from simpul.core.claims import claim
from simpul.core.errors import InvalidInput
from simpul.core.formats import long_date
from simpul.plans.access import plan_for
from simpul.plans.models import Activity, Objective

from ..models import Frequency, Indicator, MonitoringSetup, Result, Target
from ..periods import PERIODS_PER_YEAR, period_bounds, period_label
from .analysis import indicator_refresh

HUNDRED = Decimal(100)
# Dates and target years outside these are typing mistakes (and would break period arithmetic).
FIRST_YEAR, LAST_YEAR = 1900, 2200

RESULT_FIELDS = {"level", "objective", "parent", "code", "statement", "position"}
INDICATOR_FIELDS = {
    "objective",
    "result",
    "code",
    "name",
    "definition",
    "unit",
    "kind",
    "direction",
    "baseline_value",
    "baseline_date",
    "frequency",
    "accumulation",
    "start_date",
    "end_date",
    "data_source",
    "collection_method",
    "verification_means",
    "responsible_party",
    "weight",
    "min_value",
    "max_value",
    "on_track_from",
    "at_risk_from",
    "position",
}
SETUP_FIELDS = {"reporting_frequency", "due_days", "evaluations_per_year"}
TEXT_FIELDS = {
    "code",
    "name",
    "definition",
    "unit",
    "data_source",
    "collection_method",
    "verification_means",
    "statement",
}


class IndicatorInvalid(InvalidInput):
    """Field errors (`field_errors`: form field → messages) and target errors per period
    (`target_errors`: (year, number) → messages), reported together so a person fixes
    everything at once."""

    def __init__(
        self,
        field_errors: Mapping[str, list[str]] | None = None,
        target_errors: Mapping[tuple[int, int], list[str]] | None = None,
    ):
        self.field_errors = {k: list(v) for k, v in (field_errors or {}).items()}
        self.target_errors = {k: list(v) for k, v in (target_errors or {}).items()}
        combined = dict(self.field_errors)
        if self.target_errors:
            combined["targets"] = [m for ms in self.target_errors.values() for m in ms]
        super().__init__(combined)


def _day(value: date) -> str:
    return long_date(value)


def _clean_text(fields: dict) -> None:
    for name in TEXT_FIELDS & set(fields):
        fields[name] = (fields[name] or "").strip()


def _check_unknown(fields: dict, allowed: set[str], what: str) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown {what} fields: {sorted(unknown)}")


# --- Results -------------------------------------------------------------------------------------


def _validate_result(result: Result, activities) -> None:
    errors: dict[str, list[str]] = {}
    if not result.code:
        errors["code"] = [_("Give the result a code, e.g. OC1 or OP1.2.")]
    elif (
        Result.objects.filter(agreement_id=result.agreement_id, code__iexact=result.code)
        .exclude(pk=result.pk)
        .exists()
    ):
        errors["code"] = [
            _("Another result of this agreement has the code %(code)s.") % {"code": result.code}
        ]
    if not result.statement:
        errors["statement"] = [_("Describe the result.")]
    if result.level not in Result.Level.values:
        errors["level"] = [_("Choose outcome or output.")]
    if result.objective_id is not None:
        plan = plan_for(result.agreement)
        if not Objective.objects.filter(pk=result.objective_id, plan=plan).exists():
            errors["objective"] = [_("Choose an objective of this agreement's plan.")]
    if result.parent_id is not None:
        parent = Result.objects.filter(
            pk=result.parent_id, agreement_id=result.agreement_id
        ).first()
        if parent is None:
            errors["parent"] = [_("Choose a result of this agreement.")]
        elif result.level == Result.Level.OUTCOME:
            errors["parent"] = [
                _("An outcome contributes to an objective directly; leave “contributes to” empty.")
            ]
        elif parent.level != Result.Level.OUTCOME:
            errors["parent"] = [_("An output contributes to an outcome: choose an outcome.")]
    if activities:
        plan = plan_for(result.agreement)
        ids = {a.pk for a in activities}
        if Activity.objects.filter(pk__in=ids, plan=plan).count() != len(ids):
            errors["activities"] = [_("Choose activities of this agreement's plan.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def result_create(*, agreement: Agreement, activities: Iterable[Activity] = (), **fields) -> Result:
    _check_unknown(fields, RESULT_FIELDS, "result")
    _clean_text(fields)
    activities = list(activities)
    result = Result(agreement=agreement, **fields)
    if result.parent_id and not result.objective_id:
        # An output sits under its outcome's objective unless told otherwise.
        result.objective_id = (
            Result.objects.filter(pk=result.parent_id)
            .values_list("objective_id", flat=True)
            .first()
        )
    _validate_result(result, activities)
    result.save()
    if activities:
        result.activities.set(activities)
    return result


@transaction.atomic
def result_update(
    *, result: Result, activities: Iterable[Activity] | None = None, **fields
) -> Result:
    _check_unknown(fields, RESULT_FIELDS, "result")
    _clean_text(fields)
    locked = Result.objects.select_for_update().select_related("agreement").get(pk=result.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    activities = list(activities) if activities is not None else None
    _validate_result(locked, activities or [])
    if locked.level == Result.Level.OUTPUT and locked.children.exists():
        raise ValidationError(
            {"level": [_("This result has outputs under it, so it must stay an outcome.")]}
        )
    locked.save()
    if activities is not None:
        locked.activities.set(activities)
    return locked


@transaction.atomic
def result_delete(*, result: Result) -> None:
    """Delete a result; outputs under an outcome must be moved or deleted first, so nothing
    disappears unseen. Its indicators stay and lose the link."""
    if result.children.exists():
        raise ValidationError(
            _("%(code)s has outputs under it: delete them or link them elsewhere first.")
            % {"code": result.code}
        )
    result.delete()


# --- Indicators ----------------------------------------------------------------------------------


def _validate_indicator(indicator: Indicator) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    agreement = indicator.agreement
    if not indicator.code:
        add("code", _("Give the indicator a code, e.g. IKU-1."))
    elif (
        Indicator.objects.filter(agreement=agreement, code__iexact=indicator.code)
        .exclude(pk=indicator.pk)
        .exists()
    ):
        add(
            "code",
            _("Another indicator of this agreement has the code %(code)s.")
            % {"code": indicator.code},
        )
    if not indicator.name:
        add("name", _("Name the indicator."))
    if indicator.kind not in Indicator.Kind.values:
        add("kind", _("Choose a type."))
    if indicator.frequency not in Frequency.values:
        add("frequency", _("Choose how often the indicator is measured."))
    if indicator.weight is None or indicator.weight < 0:
        add("weight", _("The weight cannot be negative; use 0 to leave it out of the roll-up."))
    low, high = indicator.min_value, indicator.max_value
    if low is not None and high is not None and low > high:
        add("max_value", _("The highest valid value must not be below the lowest."))
    if indicator.kind == Indicator.Kind.PERCENTAGE:
        for field, value in (("min_value", low), ("max_value", high)):
            if value is not None and not 0 <= value <= HUNDRED:
                add(field, _("A percentage lies between 0 and 100."))
    baseline = indicator.baseline_value
    if baseline is not None:
        if indicator.kind == Indicator.Kind.PERCENTAGE and not 0 <= baseline <= HUNDRED:
            add("baseline_value", _("A percentage lies between 0 and 100."))
        elif indicator.kind == Indicator.Kind.BOOLEAN and baseline not in (0, 1):
            add("baseline_value", _("A yes/no baseline is 1 (yes) or 0 (no)."))
        elif indicator.kind == Indicator.Kind.QUALITATIVE:
            add(
                "baseline_value",
                _(
                    "A qualitative indicator has no numeric baseline; describe it in the "
                    "definition."
                ),
            )
        elif (low is not None and baseline < low) or (high is not None and baseline > high):
            add("baseline_value", _("The baseline lies outside the valid values you set."))
    for field in ("baseline_date", "start_date", "end_date"):
        value = getattr(indicator, field)
        if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
            add(
                field,
                _("Enter a date between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
            )
    if indicator.start_date and indicator.end_date and indicator.end_date < indicator.start_date:
        add("end_date", _("The end of measurement comes before its start."))
    if agreement.start_date and indicator.end_date and indicator.end_date < agreement.start_date:
        add(
            "end_date",
            _("The agreement starts on %(date)s: measurement cannot end before that.")
            % {"date": _day(agreement.start_date)},
        )
    if agreement.end_date and indicator.start_date and indicator.start_date > agreement.end_date:
        add(
            "start_date",
            _("The agreement ends on %(date)s: measurement cannot start after that.")
            % {"date": _day(agreement.end_date)},
        )
    for field in ("on_track_from", "at_risk_from"):
        value = getattr(indicator, field)
        if value is None or value < 0:
            add(field, _("Enter a percentage of the target of 0 or more."))
    if (
        indicator.on_track_from is not None
        and indicator.at_risk_from is not None
        and indicator.at_risk_from > indicator.on_track_from
    ):
        add(
            "at_risk_from",
            _("“At risk” must start below “on track” (e.g. at risk from 70%, on track from 90%)."),
        )
    if indicator.responsible_party_id is not None and indicator.responsible_party.agreement_id != (
        agreement.pk
    ):
        add("responsible_party", _("Choose a party of this agreement."))
    if indicator.result_id is not None and indicator.result.agreement_id != agreement.pk:
        add("result", _("Choose a result of this agreement."))
    if (
        indicator.objective_id is not None
        and not Objective.objects.filter(
            pk=indicator.objective_id, plan__agreement=agreement
        ).exists()
    ):
        add("objective", _("Choose an objective of this agreement's plan."))
    return errors


def measured_window(indicator: Indicator) -> tuple[date | None, date | None]:
    """The dates targets may fall in: the indicator's own, narrowed by the agreement's."""
    agreement = indicator.agreement
    starts = [d for d in (indicator.start_date, agreement.start_date) if d]
    ends = [d for d in (indicator.end_date, agreement.end_date) if d]
    return (max(starts) if starts else None, min(ends) if ends else None)


def _parse_target(indicator: Indicator, raw) -> tuple[Decimal | None, str, str | None]:
    """(value, text, error) for one target cell."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, "", None
    if indicator.kind == Indicator.Kind.QUALITATIVE:
        text = str(raw).strip()
        if len(text) > 500:
            return None, "", _("Keep a qualitative target under 500 characters.")
        return None, text, None
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip().replace(",", "."))
    except ArithmeticError:
        return None, "", _("Enter a number.")
    if not value.is_finite():
        return None, "", _("Enter a number.")
    if abs(value) >= Decimal("1e14"):
        return None, "", _("This number is too large.")
    if indicator.kind == Indicator.Kind.PERCENTAGE and not 0 <= value <= HUNDRED:
        return None, "", _("A percentage target lies between 0 and 100.")
    if indicator.kind == Indicator.Kind.BOOLEAN and value not in (0, 1):
        return None, "", _("A yes/no target is 1 (yes) or 0 (no).")
    if indicator.min_value is not None and value < indicator.min_value:
        return None, "", _("The target is below the lowest valid value.")
    if indicator.max_value is not None and value > indicator.max_value:
        return None, "", _("The target is above the highest valid value.")
    return value.quantize(Decimal("0.0001")), "", None


def _validate_targets(
    indicator: Indicator, values: Mapping[tuple[int, int], object]
) -> tuple[dict[tuple[int, int], tuple[Decimal | None, str]], dict[tuple[int, int], list[str]]]:
    agreement = indicator.agreement
    per_year = PERIODS_PER_YEAR.get(indicator.frequency)
    parsed: dict[tuple[int, int], tuple[Decimal | None, str]] = {}
    errors: dict[tuple[int, int], list[str]] = {}
    for key, raw in values.items():
        year, number = int(key[0]), int(key[1])
        value, text, error = _parse_target(indicator, raw)
        if value is None and not text and error is None:
            continue  # an empty cell: no target for that period
        if per_year is None or not 1 <= number <= per_year or not FIRST_YEAR <= year <= LAST_YEAR:
            errors[(year, number)] = [
                _("%(year)s/%(number)s is not a period of this frequency.")
                % {
                    "year": year,
                    "number": number,
                }
            ]
            continue
        label = period_label(indicator.frequency, year, number)
        start, end = period_bounds(indicator.frequency, year, number)
        problems = []
        if error:
            problems.append(f"{label}: {error}")
        if (agreement.end_date and start > agreement.end_date) or (
            agreement.start_date and end < agreement.start_date
        ):
            problems.append(
                _("%(period)s is a target period outside the agreement (%(start)s – %(end)s).")
                % {
                    "period": label,
                    "start": _day(agreement.start_date) if agreement.start_date else "…",
                    "end": _day(agreement.end_date) if agreement.end_date else "…",
                }
            )
        elif (indicator.end_date and start > indicator.end_date) or (
            indicator.start_date and end < indicator.start_date
        ):
            problems.append(
                _("%(period)s lies outside the period the indicator is measured.")
                % {"period": label}
            )
        if problems:
            errors[(year, number)] = problems
        else:
            parsed[(year, number)] = (value, text)
    return parsed, errors


def _write_targets(indicator: Indicator, parsed) -> None:
    existing = {(t.year, t.number): t for t in indicator.targets.all()}
    for key, target in existing.items():
        if key not in parsed:
            target.delete()
    for (year, number), (value, text) in sorted(parsed.items()):
        target = existing.get((year, number))
        if target is None:
            Target.objects.create(
                indicator=indicator, year=year, number=number, value=value, text=text
            )
        elif target.value != value or target.text != text:
            target.value, target.text = value, text
            target.save(update_fields=["value", "text"])


@transaction.atomic
def targets_set(
    *, indicator: Indicator, values: Mapping[tuple[int, int], Decimal | str | None]
) -> list[Target]:
    """Replace the indicator's targets with `values` ((year, number) → target; None or empty
    removes it). Every period must be one of the indicator's frequency and fall inside both
    the indicator's and the agreement's dates; raises IndicatorInvalid (nothing changes)."""
    parsed, errors = _validate_targets(indicator, values)
    if errors:
        raise IndicatorInvalid(target_errors=errors)
    _write_targets(indicator, parsed)
    indicator_refresh([indicator.pk])
    return list(indicator.targets.all())


def _apply(indicator: Indicator, fields: dict) -> None:
    for name, value in fields.items():
        setattr(indicator, name, value)
    if indicator.weight is None:
        indicator.weight = Decimal(1)


def _save_indicator(indicator: Indicator, *, disaggregations, targets) -> None:
    errors = _validate_indicator(indicator)
    target_errors: dict = {}
    parsed = None
    if targets is not None:
        parsed, target_errors = _validate_targets(indicator, targets)
    if errors or target_errors:
        raise IndicatorInvalid(errors, target_errors)
    indicator.save()
    if disaggregations is not None:
        indicator.disaggregations.set(disaggregations)
    if parsed is not None:
        _write_targets(indicator, parsed)


@transaction.atomic
def indicator_create(
    *, agreement: Agreement, disaggregations: Iterable | None = None, targets=None, **fields
) -> Indicator:
    """A new indicator, optionally with its targets ((year, number) → value), all or nothing."""
    _check_unknown(fields, INDICATOR_FIELDS, "indicator")
    _clean_text(fields)
    indicator = Indicator(agreement=agreement)
    _apply(indicator, fields)
    _save_indicator(
        indicator,
        disaggregations=list(disaggregations) if disaggregations is not None else None,
        targets=targets,
    )
    public_cache.bump()  # a public agreement lists its indicators
    return indicator


@transaction.atomic
def indicator_update(
    *,
    indicator: Indicator,
    expected_version: int,
    disaggregations: Iterable | None = None,
    targets=None,
    user=None,
    **fields,
) -> Indicator:
    """Change an indicator (and, when given, its disaggregations and targets). A stale
    `expected_version` raises Conflict; invalid data IndicatorInvalid. Either way nothing
    changes."""
    _check_unknown(fields, INDICATOR_FIELDS, "indicator")
    _clean_text(fields)
    # Claim the version first, atomically: of two simultaneous saves only one matches.
    # state_field="": an indicator's status is its measured progress, not a workflow state.
    claim(Indicator, indicator.pk, version=expected_version, state_field="", by=user)
    current = Indicator.objects.select_related("agreement").get(pk=indicator.pk)
    _apply(current, fields)
    _save_indicator(
        current,
        disaggregations=list(disaggregations) if disaggregations is not None else None,
        targets=targets,
    )
    # Targets, baseline, thresholds or direction may have changed the status.
    indicator_refresh([current.pk])
    current.refresh_from_db()
    indicator.version = current.version
    return current


@transaction.atomic
def indicator_delete(*, indicator: Indicator) -> None:
    """Delete an indicator that has no collected data yet (data is never thrown away with it)."""
    if indicator.values.exists():
        raise ValidationError(
            _(
                "%(code)s already has collected data, so it cannot be deleted. Set its end date "
                "instead to stop measuring it."
            )
            % {"code": indicator.code}
        )
    indicator.delete()
    public_cache.bump()


# --- Set-up --------------------------------------------------------------------------------------


@transaction.atomic
def monitoring_setup_update(*, agreement: Agreement, **fields) -> MonitoringSetup:
    _check_unknown(fields, SETUP_FIELDS, "monitoring set-up")
    setup, _created = MonitoringSetup.objects.get_or_create(agreement=agreement)
    for name, value in fields.items():
        setattr(setup, name, value)
    errors: dict[str, list[str]] = {}
    if setup.reporting_frequency not in Frequency.values:
        errors["reporting_frequency"] = [_("Choose how often data is reported.")]
    if setup.due_days is None or not 0 <= setup.due_days <= 180:
        errors["due_days"] = [_("Give between 0 and 180 days after the period ends.")]
    if setup.evaluations_per_year is None or not 1 <= setup.evaluations_per_year <= 12:
        errors["evaluations_per_year"] = [
            _("Evaluate at least once a year and at most once a month (1 to 12).")
        ]
    if errors:
        raise ValidationError(errors)
    setup.save()
    return setup
