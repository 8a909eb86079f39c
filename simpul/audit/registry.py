"""The one mechanism that audits domain models.

An app registers each of its models in `AppConfig.ready()`:

    registry.register(
        Organization, can_view="simpul.organizations.access.organization_can_view_history"
    )

From then on every save() and delete() of that model, and every change to its many-to-many
fields, is appended to the hash-chained log with the acting user, their address and the
field-level change. `can_view(user, obj)` decides who may open the object's history page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils.module_loading import import_string

from . import services

ALWAYS_EXCLUDED = {"created_at", "updated_at"}


@dataclass
class AuditedModel:
    model: type[models.Model]
    exclude: set[str] = field(default_factory=set)
    can_view_path: str = ""

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def can_view(self, user, obj) -> bool:
        if not self.can_view_path:
            return bool(user.is_superuser)
        check: Callable = import_string(self.can_view_path)
        return bool(check(user, obj))

    def tracked_fields(self) -> list[models.Field]:
        return [
            f
            for f in self.model._meta.concrete_fields
            if not f.primary_key and f.name not in self.exclude | ALWAYS_EXCLUDED
        ]

    def snapshot(self, obj) -> dict:
        return {
            f.attname: services.jsonable(getattr(obj, f.attname)) for f in self.tracked_fields()
        }


_registry: dict[str, AuditedModel] = {}


def register(
    model: type[models.Model], *, exclude: set[str] | None = None, can_view: str = ""
) -> None:
    entry = AuditedModel(model=model, exclude=set(exclude or ()), can_view_path=can_view)
    _registry[entry.label] = entry
    uid = f"audit:{entry.label}"
    pre_save.connect(_remember_old_values, sender=model, dispatch_uid=uid + ":pre")
    post_save.connect(_record_save, sender=model, dispatch_uid=uid + ":post")
    post_delete.connect(_record_delete, sender=model, dispatch_uid=uid + ":delete")
    for m2m in model._meta.many_to_many:
        m2m_changed.connect(
            _record_m2m, sender=m2m.remote_field.through, dispatch_uid=f"{uid}:{m2m.name}"
        )


def get(label: str) -> AuditedModel | None:
    return _registry.get(label)


def entry_for(obj) -> AuditedModel | None:
    return _registry.get(obj._meta.label_lower)


def labels() -> list[str]:
    return sorted(_registry)


def _remember_old_values(sender, instance, raw=False, **kwargs) -> None:
    entry = entry_for(instance)
    instance._audit_old = None
    if raw or entry is None or instance._state.adding or instance.pk is None:
        return
    fields = [f.attname for f in entry.tracked_fields()]
    old = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
    if old is not None:
        instance._audit_old = {k: services.jsonable(v) for k, v in old.items()}


def _record_save(sender, instance, created, raw=False, **kwargs) -> None:
    if raw:
        return
    entry = entry_for(instance)
    new = entry.snapshot(instance)
    if created:
        changes = {k: [None, v] for k, v in new.items() if v not in (None, "")}
        services.record(action="create", obj=instance, changes=changes)
        return
    old = getattr(instance, "_audit_old", None) or {}
    changes = {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}
    if changes:
        services.record(action="update", obj=instance, changes=changes)


def _record_delete(sender, instance, **kwargs) -> None:
    entry = entry_for(instance)
    changes = {k: [v, None] for k, v in entry.snapshot(instance).items() if v not in (None, "")}
    services.record(action="delete", obj=instance, changes=changes)


def _record_m2m(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"} or reverse:
        return
    if entry_for(instance) is None:
        return
    field_name = next(
        f.name for f in instance._meta.many_to_many if f.remote_field.through is sender
    )
    ids = sorted(pk_set or [])
    change = {"post_add": [None, ids], "post_remove": [ids, None], "post_clear": ["*", None]}[
        action
    ]
    services.record(action="update", obj=instance, changes={field_name: change})
