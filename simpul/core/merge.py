"""No lost updates: a field-level merge for edit forms of versioned rows.

When a person opens an edit form, `MergeableForm` puts a signed snapshot of the row in the page
(a hidden `base`: the row's `version` and the editable fields' values at that moment). The
service claims the row against that version (`simpul.core.claims.claim`). If someone else saved
first, the claim raises `Conflict`, and `save_merging` compares, field by field, the value when
the form was opened (base), the value now (theirs) and the person's input (mine):

- only mine changed → applied onto the current row;
- only theirs changed → theirs kept (the stale value in the form is never written back);
- both changed to the same value → not a collision;
- both changed to different values → a collision: the form comes back (409) with a table of the
  three values (when opened / now, with who and when / yours) and a radio per field, "keep
  theirs" or "use mine" (the person may also edit their value); nothing is saved until every
  collision has an explicit choice.

Without collisions the merged values are saved at once against the current version, so a third
person saving in between still conflicts (and is merged in turn). A row deleted in the
meantime is said so; nothing is recreated.

Recipe for an edit form (the form is a ModelForm of a `Versioned` model):

    class RiskForm(MergeableForm, forms.ModelForm): ...                    # 1. the mixin
    form = RiskForm(request.POST, instance=risk)                            # 2. as usual
    if form.is_valid():
        result = save_merging(form, lambda f: services.risk_update(         # 3. the service
            risk=f.instance, user=request.user, version=f.base_version, **f.cleaned_fields()),
            reload=lambda: Risk.objects.filter(pk=risk.pk).first())
        if result.ok: ...redirect...                                        # 4. saved (merged)
        form, status = result.form, result.status                           # 5. 409 / 400
    {% include "core/includes/merge_table.html" %}     # in the form, before the fields

The service claims with `claim_instance(row, version=version, by=user)` before it writes.

A plain `forms.Form` (not a ModelForm) works too: pass `instance=row` and name the fields in
`merge_fields`; override `row_value` where a field is not a model field of the same name and
`merge_value` where a value needs its own text (a list of lines). Many-to-many and other
multiple choices compare as sets of keys. A value typed through several inputs (the rows of a
list) is one field whose widget reads them all and whose `write_data(data, text)` and
`display_merged(text)` write it back and show it; the list is then merged as one value. A
constructor argument of the form's own (`plan=`, `agreement=`) is handed to `remember()` so that
the merged form is built the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any, Generic, Self, TypeVar

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import model_to_dict
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .claims import person_label
from .formats import date_time
from .formviews import Outcome, attempt

SALT = "simpul.core.merge"
CHOICE_PREFIX = "merge_"
THEIRS, MINE = "theirs", "mine"
# Outcomes per field, also used as CSS classes in the table.
APPLIED, KEPT, SAME, COLLISION = "applied", "kept", "same", "collision"
# A third and fourth writer are merged in turn; beyond that, the person decides.
MAX_AUTOMATIC_ROUNDS = 3


def canonical(value: Any) -> str:
    """One text per value, so that the base, the current row and the person's input compare
    equal when they mean the same: a related row by its key, numbers without trailing zeros,
    dates in ISO (moments in UTC), text without surrounding spaces or carriage returns."""
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value else ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        # The same moment typed in WIT and stored in UTC is one value.
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple | set | models.QuerySet):
        return ",".join(sorted(canonical(item) for item in value))
    return str(value).replace("\r\n", "\n").strip()


@dataclass
class FieldMerge:
    """One field changed by someone since the form was opened, for the conflict table."""

    name: str
    label: str
    opened: str
    now: str
    mine: str
    outcome: str
    choice: Any = None  # the bound radio field of a collision

    @property
    def is_collision(self) -> bool:
        return self.outcome == COLLISION


FormT = TypeVar("FormT", bound="MergeableForm")


@dataclass
class MergeResult(Generic[FormT]):
    form: FormT
    outcome: Outcome
    rows: list[FieldMerge] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome.ok

    @property
    def status(self) -> int:
        return self.outcome.status

    @property
    def result(self) -> Any:
        return self.outcome.result

    @property
    def merged(self) -> bool:
        """Saved, after combining the person's input with someone else's change."""
        return self.ok and bool(self.rows)

    def notice(self) -> str:
        """What happened, for a success message after an automatic merge."""
        if not self.merged:
            return ""
        kept = [row.label for row in self.rows if row.outcome == KEPT]
        applied = [row.label for row in self.rows if row.outcome in (APPLIED, SAME)]
        parts = [_("Someone else saved this while you were editing; nothing was lost.")]
        if kept:
            parts.append(_("Their changes kept: %(fields)s.") % {"fields": ", ".join(kept)})
        if applied:
            parts.append(_("Your changes applied: %(fields)s.") % {"fields": ", ".join(applied)})
        return " ".join(parts)


class MergeableForm(forms.Form):
    """Mixin for a ModelForm editing a `Versioned` row (first in the bases). Adds the hidden
    signed `base`; `base_version` is the version the person started from."""

    base = forms.CharField(widget=forms.HiddenInput, required=False)
    # Provided by the ModelForm this mixin is combined with.
    instance: Any
    _meta: Any
    # The fields compared and merged; by default the ModelForm's Meta.fields.
    merge_fields: tuple[str, ...] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._merge_args = (args, dict(kwargs))
        if not isinstance(self, forms.BaseModelForm):
            # A plain Form keeps the row it edits beside its fields.
            self.instance = kwargs.pop("instance", None)
        super().__init__(*args, **kwargs)
        # When the form is shown after a merge, choices are asked for, not yet required.
        self.presenting = False
        self.token: dict[str, Any] | None = None
        if not self.is_editing:
            del self.fields["base"]
            return
        if not self.is_bound:
            self.initial["base"] = self.sign(self.row_values(self.instance), self.instance)
            return
        self.token = self._read(self.data.get(self.add_prefix("base"), ""))
        for name in self.collision_names():
            self.fields[CHOICE_PREFIX + name] = forms.ChoiceField(
                label=_("Which value of “%(field)s” to keep")
                % {"field": self.fields[name].label or name},
                choices=[(THEIRS, _("Keep theirs")), (MINE, _("Use mine"))],
                widget=forms.RadioSelect,
                required=False,
            )

    def remember(self, **kwargs: Any) -> None:
        """Constructor arguments of the subclass's own, for building the merged form alike."""
        self._merge_args[1].update(kwargs)

    # --- the snapshot ------------------------------------------------------------------------

    @property
    def is_editing(self) -> bool:
        instance = getattr(self, "instance", None)
        return bool(instance is not None and instance.pk)

    def merged_field_names(self) -> list[str]:
        meta = getattr(self, "_meta", None)
        names = self.merge_fields or getattr(meta, "fields", None) or []
        # A disabled field is not the person's input: Django takes it from `initial`.
        return [name for name in names if name in self.fields and not self.fields[name].disabled]

    def row_value(self, row: models.Model, name: str, values: dict[str, Any]) -> Any:
        """The row's value for form field `name`; `values` is `model_to_dict` of the row."""
        return values.get(name)

    def merge_value(self, name: str, value: Any) -> str:
        """The text `value` of field `name` is compared and stored as."""
        form_field = self.fields.get(name)
        widget_format = getattr(getattr(form_field, "widget", None), "format", None) or ""
        if isinstance(value, dt.datetime) and widget_format and "%S" not in widget_format:
            # The input shows minutes: a stored moment with seconds reads back without them,
            # and that is not a change the person made.
            value = value.replace(second=0, microsecond=0)
        return canonical(value)

    def row_values(self, row: models.Model) -> dict[str, str]:
        names = self.merged_field_names()
        values = model_to_dict(row, fields=names)
        return {name: self.merge_value(name, self.row_value(row, name, values)) for name in names}

    def input_value(self, name: str, text: str) -> Any:
        """A stored text as the field's input: a list for multiple choices, a local time for a
        moment, the language's decimal sign for a localised number."""
        form_field = self.fields[name]
        if _is_multiple(form_field):
            return text.split(",") if text else []
        if text and isinstance(form_field, forms.DateTimeField):
            moment = parse_datetime(text)
            if moment is not None and timezone.is_aware(moment):
                return timezone.localtime(moment).replace(tzinfo=None).isoformat()
        if text and form_field.localize and isinstance(form_field, forms.DecimalField):
            return formats.localize_input(Decimal(text))
        return text

    def row_version(self, row: models.Model) -> int | None:
        """The version the save claims: the row's own, or (for a row that is part of a larger
        versioned whole, like a survey's question) the whole's."""
        return getattr(row, "version", None)

    def sign(self, values: dict[str, str], row: models.Model, **extra: Any) -> str:
        version = self.row_version(row)
        payload = {"m": row._meta.label, "pk": row.pk, "v": version, "f": values, **extra}
        return signing.dumps(payload, salt=SALT, compress=True)

    def _read(self, raw: str) -> dict[str, Any] | None:
        try:
            payload: dict[str, Any] = signing.loads(raw, salt=SALT)
        except signing.BadSignature:
            return None
        if payload.get("m") != self.instance._meta.label or payload.get("pk") != self.instance.pk:
            return None
        return payload

    @property
    def base_version(self) -> int | None:
        return self.token["v"] if self.token else None

    @property
    def opened_version(self) -> int:
        """The version the person started from, for a valid form (its clean() refuses a
        missing or forged snapshot, so a valid form always has one)."""
        if self.token is None:
            raise ValueError("opened_version of a form without a valid snapshot")
        return int(self.token["v"])

    def collision_names(self) -> list[str]:
        rows = (self.token or {}).get("r", {})
        return [name for name, row in rows.items() if row[2] == COLLISION and name in self.fields]

    def cleaned_fields(self) -> dict[str, Any]:
        """The merged fields' cleaned values, for the service call."""
        return {name: self.cleaned_data[name] for name in self.merged_field_names()}

    def visible_fields(self) -> list[forms.BoundField]:
        # The radios are shown in the conflict table, beside the values they choose between.
        return [f for f in super().visible_fields() if not f.name.startswith(CHOICE_PREFIX)]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or self.cleaned_data
        token = self.token
        if not self.is_editing:
            return data
        if token is None:
            self.add_error(
                None,
                _("This form is out of date or incomplete: reload the page and try again."),
            )
            return data
        for name in self.collision_names():
            choice = data.get(CHOICE_PREFIX + name)
            if choice == THEIRS:
                try:
                    data[name] = self.fields[name].clean(
                        self.input_value(name, token["f"].get(name, ""))
                    )
                    # The form's own clean_<field> turns the input into what it hands on.
                    field_clean = getattr(self, f"clean_{name}", None)
                    if callable(field_clean):
                        self.cleaned_data[name] = data[name]
                        data[name] = field_clean()
                except ValidationError as error:
                    self.add_error(name, error)
            elif choice != MINE and not self.presenting:
                self.add_error(
                    CHOICE_PREFIX + name,
                    _("Choose whether to keep their value or use yours."),
                )
        return data

    # --- the conflict table -----------------------------------------------------------------

    def display(self, name: str, text: str) -> str:
        """A canonical value as people read it: the label of a choice or related row."""
        if text == "":
            return "—"
        form_field = self.fields.get(name)
        shown = getattr(form_field, "display_merged", None)
        if callable(shown):
            return str(shown(text))
        if isinstance(form_field, forms.ModelMultipleChoiceField):
            queryset = form_field.queryset
            keys = [key for key in text.split(",") if key.isdigit()]
            rows = list(queryset.filter(pk__in=keys)) if queryset is not None else []
            return ", ".join(sorted(form_field.label_from_instance(row) for row in rows)) or text
        if isinstance(form_field, forms.DateTimeField):
            moment = parse_datetime(text)
            return date_time(moment) if moment is not None else text
        if isinstance(form_field, forms.ModelChoiceField):
            queryset = form_field.queryset
            row = queryset.filter(pk=text).first() if queryset is not None else None
            return form_field.label_from_instance(row) if row is not None else text
        if isinstance(form_field, forms.ChoiceField):
            choices: Any = form_field.choices
            labels = {str(key): str(label) for key, label in choices}
            if isinstance(form_field, forms.MultipleChoiceField):
                return ", ".join(labels.get(key, key) for key in text.split(","))
            return labels.get(text, text)
        return text

    def merge_rows(self) -> list[FieldMerge]:
        token = self.token or {}
        rows = []
        for name, (opened, mine, outcome) in token.get("r", {}).items():
            if name not in self.fields:
                continue
            rows.append(
                FieldMerge(
                    name=name,
                    label=str(self.fields[name].label or name),
                    opened=self.display(name, opened),
                    now=self.display(name, token["f"].get(name, "")),
                    mine=self.display(name, mine),
                    outcome=outcome,
                    choice=self[CHOICE_PREFIX + name] if outcome == COLLISION else None,
                )
            )
        return rows

    def merge_changed_by(self) -> str:
        return str((self.token or {}).get("who", ""))

    def merge_changed_at(self) -> str:
        when = (self.token or {}).get("when")
        return date_time(parse_datetime(when)) if when else ""

    def rebuild(self, data: Any, instance: models.Model) -> Self:
        args, kwargs = self._merge_args
        kwargs = {**kwargs, "instance": instance}
        files = kwargs.pop("files", args[1] if len(args) > 1 else None)
        return type(self)(data, files, **kwargs)


def _is_multiple(form_field: forms.Field) -> bool:
    return isinstance(form_field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)


def _put(data: Any, key: str, value: Any) -> None:
    if isinstance(value, list) and hasattr(data, "setlist"):
        data.setlist(key, value)
    else:
        data[key] = value


def merge(form: FormT, current: models.Model) -> FormT:
    """A new bound form for `current`: the person's changes applied where only they changed a
    field, theirs kept where only they did, and a choice asked for where both did."""
    token = form.token or {}
    base = token.get("f", {})
    earlier = token.get("r", {})
    now = form.row_values(current)
    submitted: Any = form.data
    data = submitted.copy()
    rows: dict[str, list[str]] = {}
    for name in form.merged_field_names():
        opened = base.get(name, "")
        mine = form.merge_value(name, form.cleaned_data.get(name))
        theirs = now[name]
        # The value shown as "when you opened it" stays the first one across merge rounds.
        first_seen = earlier.get(name, [opened])[0]
        if mine == opened:
            value = theirs
            if theirs != opened:
                rows[name] = [first_seen, mine, KEPT]
        elif theirs == opened:
            value = mine
            rows[name] = [first_seen, mine, APPLIED]
        elif theirs == mine:
            value = theirs
            rows[name] = [first_seen, mine, SAME]
        else:
            value = mine  # in the input, so that "use mine" (or an edit of it) is at hand
            rows[name] = [first_seen, mine, COLLISION]
        write = getattr(form.fields[name], "write_data", None)
        if callable(write):
            # A value entered through several inputs (rows of a list) writes them all.
            write(data, value)
        else:
            _put(data, form.add_prefix(name), form.input_value(name, value))
        data.pop(form.add_prefix(CHOICE_PREFIX + name), None)
    updated_at = getattr(current, "updated_at", None)
    data[form.add_prefix("base")] = form.sign(
        now,
        current,
        r=rows,
        who=person_label(getattr(current, "changed_by", None)),
        when=updated_at.isoformat() if updated_at else None,
    )
    merged = form.rebuild(data, current)
    merged.presenting = True
    return merged


def _merge_message(form: MergeableForm, collisions: bool) -> str:
    params = {"who": form.merge_changed_by(), "when": form.merge_changed_at()}
    if collisions:
        return (
            _(
                "%(who)s changed this at %(when)s while you were editing it. Where only one of you "
                "changed a field, that change is kept; where you both changed the same field, "
                "choose which value to keep, then save."
            )
            % params
        )
    return (
        _(
            "%(who)s changed this at %(when)s while you were editing it. Together with your "
            "changes the values below are not valid: correct them, then save."
        )
        % params
    )


def save_merging(
    form: FormT,
    save: Callable[[FormT], Any],
    *,
    reload: Callable[[], models.Model | None],
) -> MergeResult[FormT]:
    """Run `save(form)` (a service call that claims the row at `form.base_version`); on a
    Conflict merge the person's input with the current row (`reload()`) and save again, or
    return the form asking for a choice per collision (409). `form` must be valid."""
    outcome = attempt(form, partial(save, form))
    rounds = 0
    while outcome.conflict is not None and rounds < MAX_AUTOMATIC_ROUNDS:
        rounds += 1
        current = reload()
        if current is None:
            return MergeResult(form=form, outcome=outcome)
        merged = merge(form, current)
        rows = merged.merge_rows()
        collisions = any(row.is_collision for row in rows)
        if collisions or not merged.is_valid():
            merged.add_error(None, _merge_message(merged, collisions))
            return MergeResult(
                form=merged, outcome=Outcome(error=outcome.error, status=409), rows=rows
            )
        merged.presenting = False
        form = merged
        outcome = attempt(form, partial(save, form))
        if outcome.ok:
            return MergeResult(form=form, outcome=outcome, rows=rows)
    return MergeResult(form=form, outcome=outcome, rows=form.merge_rows() if outcome.ok else [])
