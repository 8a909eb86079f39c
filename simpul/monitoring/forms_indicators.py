"""Forms of the results chain, indicators, targets and monitoring set-up.

The forms parse and offer only this agreement's choices; the rules (unique codes, ranges,
dates inside the agreement) live in services.indicators so every caller gets them. Numbers are
localised (an Indonesian reader types 12,5) and shown in text boxes, so a mistyped value comes
back as a message instead of being dropped by the browser.
"""

import contextlib
import json
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from simpul.core.merge import MergeableForm, canonical
from simpul.core.widgets import DateInput

from .models import Disaggregation, Frequency, Indicator, MonitoringSetup, Result
from .periods import PERIODS_PER_YEAR, period_bounds, period_label, periods_between

# More periods than this (20 years of months) would make an unusable grid.
MAX_GRID_PERIODS = 240
TARGET_KEY = re.compile(
    r"^target-(monthly|quarterly|semester|yearly)-((?:19|20|21)\d\d|2200)-(\d{1,2})$"
)


def _trim(value):
    """500.0000 → 500 and 12.5000 → 12.5, so a stored value reads as it was typed."""
    if not isinstance(value, Decimal):
        return value
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _number_input() -> forms.TextInput:
    return forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})


class DisaggregationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name_en if (get_language() or "id").startswith("en") else obj.name_id


class PartyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.organization.name


class ResultForm(forms.ModelForm):
    class Meta:
        model = Result
        fields = ["level", "code", "statement", "objective", "parent", "activities", "position"]
        widgets = {
            "level": forms.RadioSelect,
            "activities": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "objective": _("The plan objective this result serves."),
            "parent": _("For an output: the outcome it contributes to."),
            "activities": _("The plan's activities that produce this result."),
        }

    def __init__(self, *args, agreement, plan, exclude_pk=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = plan.objectives.all()
        parents = Result.objects.filter(agreement=agreement, level=Result.Level.OUTCOME)
        if exclude_pk:
            parents = parents.exclude(pk=exclude_pk)
        self.fields["parent"].queryset = parents
        self.fields["activities"].queryset = plan.activities.select_related("program")
        self.fields["position"].required = False

    def clean_position(self):
        return self.cleaned_data.get("position") or 0

    def _post_clean(self):
        # The services validate the result; the model's own checks need the agreement.
        pass


def targets_text(frequency: str, kind: str, values: Mapping[tuple[int, int], object]) -> str:
    """An indicator's targets as one value to compare and merge: the non-empty cells of its
    frequency, numbers without trailing zeros."""
    cells = []
    for (year, number), raw in sorted(values.items()):
        text = "" if raw is None else str(raw).strip()
        if text and kind != Indicator.Kind.QUALITATIVE:
            # Text that is no number stays as typed: the service says what is wrong with it.
            with contextlib.suppress(InvalidOperation):
                text = canonical(Decimal(text))
        if text:
            cells.append([year, number, text])
    return json.dumps({"frequency": frequency, "cells": cells}, ensure_ascii=False)


def targets_from_text(text: str) -> dict[tuple[int, int], str]:
    """The targets of `targets_text` as the service takes them; a missing cell is removed."""
    value = json.loads(text) if text else {"cells": []}
    return {(int(year), int(number)): raw for year, number, raw in value["cells"]}


def saved_targets_text(indicator: Indicator) -> str:
    qualitative = indicator.kind == Indicator.Kind.QUALITATIVE
    return targets_text(
        indicator.frequency,
        indicator.kind,
        {(t.year, t.number): t.text if qualitative else t.value for t in indicator.targets.all()},
    )


class TargetsInput(forms.HiddenInput):
    """Reads the targets grid's cells as one value; the grid draws them itself."""

    def value_from_datadict(self, data, files, name):
        frequency, kind = data.get("frequency") or "", data.get("kind") or ""
        cells = targets_for_service(posted_targets(data), frequency, kind)
        return targets_text(frequency, kind, cells)

    def render(self, name, value, attrs=None, renderer=None):
        return ""


class TargetsField(forms.CharField):
    """An indicator's targets, merged as one value (simpul.core.merge)."""

    widget = TargetsInput

    def __init__(self, **kwargs):
        super().__init__(required=False, strip=False, label=_("Targets per period"), **kwargs)

    def write_data(self, data, text: str) -> None:
        """Put the targets of `text` into the grid's cells, as a person types them."""
        for key in [key for key in data if TARGET_KEY.match(key)]:
            data.pop(key)
        value = json.loads(text or "{}")
        for year, number, raw in value.get("cells", []):
            try:
                shown = _plain(Decimal(raw))
            except InvalidOperation:
                shown = raw
            data[f"target-{value['frequency']}-{year}-{number}"] = shown

    def display_merged(self, text: str) -> str:
        value = json.loads(text or "{}")
        frequency = value.get("frequency", "")
        lines = [
            f"{period_label(frequency, year, number)}: {raw}"
            for year, number, raw in value.get("cells", [])
            if frequency in PERIODS_PER_YEAR
        ]
        return "\n".join(lines) or "—"


class IndicatorForm(MergeableForm, forms.ModelForm):
    """Creating or editing an indicator with its targets. An edit saved on a stale page is
    merged field by field with someone else's change (simpul.core.merge); the targets grid
    is merged as one value."""

    SECTIONS = [
        (_("What is measured (S, M)"), ["code", "name", "definition", "unit", "kind", "direction"]),
        (_("What it measures in the results chain (R)"), ["objective", "result"]),
        (_("Baseline (M, A)"), ["baseline_value", "baseline_date"]),
        (_("When it is measured (T)"), ["frequency", "accumulation", "start_date", "end_date"]),
        (
            _("How the data is collected"),
            [
                "data_source",
                "collection_method",
                "verification_means",
                "responsible_party",
                "disaggregations",
            ],
        ),
        (
            _("Valid values, status and roll-up"),
            ["min_value", "max_value", "at_risk_from", "on_track_from", "weight", "position"],
        ),
    ]

    targets = TargetsField()
    responsible_party = PartyChoiceField(
        queryset=None, required=False, label=_("Responsible party")
    )
    disaggregations = DisaggregationChoiceField(
        queryset=Disaggregation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Further breakdowns"),
        help_text=_(
            "Values are always broken down by party (each party's region reports its own). "
            "Choose any further breakdowns, e.g. by sex or age group."
        ),
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "definition",
            "unit",
            "kind",
            "direction",
            "objective",
            "result",
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
            "disaggregations",
            "weight",
            "min_value",
            "max_value",
            "on_track_from",
            "at_risk_from",
            "position",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 3}),
            "accumulation": forms.RadioSelect,
            "direction": forms.RadioSelect,
            "baseline_date": DateInput(),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }
        help_texts = {
            "definition": _(
                "What exactly is counted, where and how: two people measuring it should get the "
                "same value."
            ),
            "unit": _("E.g. tons/day, households, %. Not needed for yes/no and qualitative."),
            "objective": _("The plan objective it measures (or choose a result below)."),
            "result": _("The outcome or output it measures."),
            "baseline_value": _("The value before the cooperation started."),
            "accumulation": _(
                "Cumulative: each value is the total reached so far (e.g. house connections "
                "made since the start), so the latest value is compared with the target. Per "
                "period: each value counts that period only (e.g. tons received this quarter), "
                "so each period is compared with its own target."
            ),
            "start_date": _("Empty: from the start of the agreement."),
            "end_date": _("Empty: until the end of the agreement."),
            "weight": _(
                "How much this indicator counts when results are rolled up (0 leaves it out). "
                "Published next to the result."
            ),
            "min_value": _("Values entered below this are refused."),
            "max_value": _("Values entered above this are refused."),
            "on_track_from": _("Percent of the target from which the indicator is on track."),
            "at_risk_from": _("Below this it is off track."),
        }

    merge_fields = (*Meta.fields, "targets")

    def __init__(self, *args, agreement, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.remember(agreement=agreement, plan=plan)
        self.fields["objective"].queryset = plan.objectives.all()
        self.fields["result"].queryset = Result.objects.filter(agreement=agreement)
        self.fields["responsible_party"].queryset = agreement.parties.select_related("organization")
        for name in (
            "baseline_value",
            "weight",
            "min_value",
            "max_value",
            "on_track_from",
            "at_risk_from",
        ):
            field = self.fields[name]
            field.localize = True
            field.widget = _number_input()
            field.widget.is_localized = True
            if self.initial.get(name) is not None:
                self.initial[name] = _trim(self.initial[name])
        self.fields["weight"].required = False
        self.fields["on_track_from"].required = False
        self.fields["at_risk_from"].required = False
        self.fields["position"].required = False

    def clean_weight(self):
        weight = self.cleaned_data.get("weight")
        return Decimal(1) if weight is None else weight

    def clean_on_track_from(self):
        value = self.cleaned_data.get("on_track_from")
        return Decimal(90) if value is None else value

    def clean_at_risk_from(self):
        value = self.cleaned_data.get("at_risk_from")
        return Decimal(70) if value is None else value

    def clean_position(self):
        return self.cleaned_data.get("position") or 0

    def _post_clean(self):
        # The services validate (with the agreement, which this form does not carry).
        pass

    def sections(self) -> list[tuple[str, list]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.SECTIONS]

    def row_value(self, row, name: str, values: dict) -> object:
        if name == "targets":
            return saved_targets_text(row)
        return super().row_value(row, name, values)

    def service_fields(self) -> dict:
        """The indicator's own fields, for the service (disaggregations and targets apart)."""
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields
            if name != "disaggregations" and name in self.cleaned_data
        }


class MonitoringSetupForm(forms.ModelForm):
    class Meta:
        model = MonitoringSetup
        fields = ["reporting_frequency", "due_days", "evaluations_per_year"]
        help_texts = {
            "due_days": _("Data for a period is late this many days after the period ends."),
            "evaluations_per_year": _(
                "At least once a year; Kota Yogyakarta, for example, evaluates twice a year."
            ),
        }

    # The same bounds as services.indicators.monitoring_setup_update, so every mistake is
    # reported at once.
    BOUNDS = {"due_days": (0, 180), "evaluations_per_year": (1, 12)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (low, high) in self.BOUNDS.items():
            field = self.fields[name]
            field.validators += [MinValueValidator(low), MaxValueValidator(high)]
            field.widget.attrs.update({"min": low, "max": high})

    def _post_clean(self):
        pass


# --- The targets grid ----------------------------------------------------------------------------


def _plain(value: Decimal | None) -> str:
    """A target as a person would type it: no trailing zeros, the language's decimal sign."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def posted_targets(data) -> dict[tuple[str, int, int], str]:
    """(frequency, year, number) → the raw text of every target cell in a POST."""
    cells = {}
    for key in data:
        match = TARGET_KEY.match(key)
        if match:
            cells[(match[1], int(match[2]), int(match[3]))] = (data.get(key) or "").strip()
    return cells


def targets_for_service(cells, frequency: str, kind: str) -> dict[tuple[int, int], str]:
    values = {}
    for (cell_frequency, year, number), raw in cells.items():
        if cell_frequency != frequency:
            continue
        if raw and kind != Indicator.Kind.QUALITATIVE:
            raw = formats.sanitize_separators(raw)
        values[(year, number)] = raw
    return values


class TargetGrid:
    """The target cells of an indicator: one row per year, one column per period of its
    frequency, inputs for the periods inside the measured window (`start`..`end`)."""

    def __init__(
        self,
        *,
        frequency: str,
        kind: str,
        start: date | None,
        end: date | None,
        values: dict[tuple[int, int], str],
        errors: dict[tuple[int, int], list[str]] | None = None,
    ):
        self.frequency = frequency if frequency in PERIODS_PER_YEAR else Frequency.QUARTERLY
        self.kind = kind
        self.start, self.end = start, end
        self.values = values
        self.errors = errors or {}
        self.is_qualitative = kind == Indicator.Kind.QUALITATIVE
        self.per_year = PERIODS_PER_YEAR[self.frequency]
        # Dates decades apart are a typing mistake (the services say so): not enumerated.
        reasonable = bool(start and end) and end.year - start.year <= MAX_GRID_PERIODS // 12
        inside = periods_between(self.frequency, start, end) if reasonable else []
        self.too_long = bool(start and end) and (not reasonable or len(inside) > MAX_GRID_PERIODS)
        self.inside = set(inside) if not self.too_long else set()
        self.available = bool(self.inside)

    @classmethod
    def saved(cls, indicator, *, window, errors=None) -> "TargetGrid":
        values = {
            (t.year, t.number): (
                t.text if indicator.kind == Indicator.Kind.QUALITATIVE else _plain(t.value)
            )
            for t in indicator.targets.all()
        }
        return cls(
            frequency=indicator.frequency,
            kind=indicator.kind,
            start=window[0],
            end=window[1],
            values=values,
            errors=errors,
        )

    @property
    def columns(self) -> list[dict]:
        if self.frequency == Frequency.YEARLY:
            return [{"number": 1, "label": _("Target")}]
        # The period's name without its year: "Quarter 1", "Semester 2", "January".
        return [
            {
                "number": n,
                "label": period_label(self.frequency, 2000, n).replace("2000", "").strip(),
            }
            for n in range(1, self.per_year + 1)
        ]

    @property
    def rows(self) -> list[dict]:
        shown = set(self.inside) | {k for k, v in self.values.items() if v} | set(self.errors)
        years = sorted({year for year, _number in shown})
        rows = []
        for year in years:
            cells = []
            for number in range(1, self.per_year + 1):
                key = (year, number)
                start, end = period_bounds(self.frequency, year, number)
                cells.append(
                    {
                        "name": f"target-{self.frequency}-{year}-{number}",
                        "label": period_label(self.frequency, year, number),
                        "value": self.values.get(key, ""),
                        "errors": self.errors.get(key, []),
                        "editable": key in shown,
                        "outside": key not in self.inside,
                        "start": start,
                        "end": end,
                    }
                )
            rows.append({"year": year, "cells": cells})
        return rows

    @property
    def error_count(self) -> int:
        return len(self.errors)
