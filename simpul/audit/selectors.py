"""Turn stored audit events into what the history page shows: field names people read,
values as they appear elsewhere in Simpul (choice labels, related objects' names, dates)."""

from dataclasses import dataclass

from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from simpul.core.formats import date_time, long_date

from .models import AuditEvent
from .registry import AuditedModel


@dataclass
class FieldChange:
    name: str
    old: str
    new: str


def events_for(label: str, pk: str):
    return AuditEvent.objects.filter(object_type=label, object_id=pk).order_by("-seq")


class _Formatter:
    """Formats one page of changes; looks each related object up once."""

    def __init__(self, entry: AuditedModel):
        meta = entry.model._meta
        self.fields: dict[str, models.Field] = {f.attname: f for f in meta.concrete_fields}
        self.fields.update({f.name: f for f in meta.many_to_many})
        self._related: dict[tuple[type, str], str] = {}

    def label(self, key: str) -> str:
        field = self.fields.get(key)
        return str(field.verbose_name) if field is not None else key

    def _related_name(self, model: type[models.Model], pk) -> str:
        cache_key = (model, str(pk))
        if cache_key not in self._related:
            obj = model._default_manager.filter(pk=pk).first()
            self._related[cache_key] = str(obj) if obj is not None else f"#{pk}"
        return self._related[cache_key]

    def value(self, key: str, value) -> str:
        if value is None or value == "":
            return "—"
        field = self.fields.get(key)
        if value == "*" and isinstance(field, models.ManyToManyField):
            return _("(all removed)")
        if field is None:
            return str(value)
        if field.is_relation and field.related_model is not None:
            values = value if isinstance(value, list) else [value]
            return ", ".join(self._related_name(field.related_model, v) for v in values) or "—"
        if isinstance(field, models.BooleanField):
            return _("yes") if value else _("no")
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.DateTimeField):
            parsed = parse_datetime(str(value))
            if parsed is not None:
                return date_time(parsed)
        elif isinstance(field, models.DateField):
            parsed = parse_date(str(value))
            if parsed is not None:
                return long_date(parsed)
        return str(value)


def describe(entry: AuditedModel, events) -> list[tuple[AuditEvent, list[FieldChange]]]:
    """Each event with its field-level changes, in the model's field order."""
    formatter = _Formatter(entry)
    order = {key: i for i, key in enumerate(formatter.fields)}
    described = []
    for event in events:
        keys = sorted(event.changes, key=lambda k: (order.get(k, len(order)), k))
        rows = []
        for key in keys:
            pair = event.changes[key]
            old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            rows.append(
                FieldChange(
                    name=formatter.label(key),
                    old=formatter.value(key, old),
                    new=formatter.value(key, new),
                )
            )
        described.append((event, rows))
    return described
