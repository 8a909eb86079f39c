"""Conditional claims: the one way a service changes a versioned row.

    new_version = claim(Submission, submission.pk, version=expected, states=("draft",),
                        by=user, set={"status": "submitted"})

runs a single `UPDATE … SET version = version + 1, … WHERE pk = ? AND version = ? AND status IN
(…)`. Either exactly one row changes (the caller's view of the row was current, and the claim
is theirs) or nothing changes and `Conflict` (409) says who changed the row, when, and what
state it is in now. Because the check and the write are one statement, it needs no row lock
(`select_for_update` is a no-op on SQLite) and works the same on every engine; of two people
pressing the same button at the same moment, exactly one wins.

Models that are claimed inherit `Versioned`: a `version` counter and `changed_by`, the last
person who claimed it, so a conflict can name them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import Conflict
from .formats import date_time

# Sent after a successful claim (sender: the model, pk: the row). A claim is a queryset
# update(), which sends no post_save; the search index (simpul.search.watch) listens here.
claimed = Signal()


class Versioned(models.Model):
    """A row that people edit concurrently: claims bump `version` and record `changed_by`."""

    version = models.PositiveIntegerField(gettext_lazy("version"), default=1)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("last changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


def person_label(user: Any) -> str:
    """How a person is named in messages and events (the system when nobody acted)."""
    if user is None or not getattr(user, "pk", None):
        return _("the system")
    return getattr(user, "full_name", "") or getattr(user, "email", "") or str(user)


def _state_label(row: models.Model, state_field: str) -> str:
    display = getattr(row, f"get_{state_field}_display", None)
    if callable(display):
        return str(display())
    return str(getattr(row, state_field, ""))


def conflict_for(
    model: type[models.Model],
    pk: Any,
    *,
    state_field: str | None = "status",
    states: Iterable[str] = (),
) -> Conflict:
    """The Conflict for a claim on `model` row `pk` that matched nothing: who changed the row
    last and when, and its state now (or that it is gone)."""
    row = model._default_manager.filter(pk=pk).first()
    if row is None:
        return Conflict(_("This item was deleted by someone else in the meantime."), code="deleted")
    who = person_label(getattr(row, "changed_by", None))
    when = getattr(row, "updated_at", None)
    version = getattr(row, "version", None)
    state = _state_label(row, state_field) if state_field and hasattr(row, state_field) else ""
    params = {"who": who, "when": date_time(when), "state": state}
    if state and states and getattr(row, state_field or "", None) not in set(states):
        message = _(
            "%(who)s changed this at %(when)s; it is now %(state)s, so this step no longer applies."
        )
        code = "state"
    elif state:
        message = _(
            "%(who)s changed this at %(when)s (it is now %(state)s). Reload to see their changes."
        )
        code = "conflict"
    else:
        message = _("%(who)s changed this at %(when)s. Reload to see their changes.")
        code = "conflict"
    return Conflict(message % params, code=code, who=who, when=when, state=state, version=version)


def claim(
    model: type[models.Model],
    pk: Any,
    *,
    version: int | None = None,
    states: Iterable[str] = (),
    state_field: str = "status",
    by: Any = None,
    set: dict[str, Any] | None = None,  # noqa: A002 - reads as SQL: UPDATE … SET …
    describe: Callable[[], Conflict] | None = None,
) -> int:
    """Apply `set` to row `pk` and bump its version, if it is still at `version` (when given)
    and in one of `states` (when given). Returns the new version; raises Conflict otherwise
    (built by `describe` when the caller can say more, e.g. from its events)."""
    filters: dict[str, Any] = {"pk": pk}
    if version is not None:
        filters["version"] = version
    states = tuple(states)
    if states:
        filters[f"{state_field}__in"] = states
    changes: dict[str, Any] = dict(set or {})
    field_names = {f.name for f in model._meta.concrete_fields}
    if "updated_at" in field_names:
        changes.setdefault("updated_at", timezone.now())
    if "changed_by" in field_names:
        changes.setdefault("changed_by", by if getattr(by, "pk", None) else None)
    updated = model._default_manager.filter(**filters).update(version=F("version") + 1, **changes)
    if updated != 1:
        if describe is not None:
            raise describe()
        raise conflict_for(model, pk, state_field=state_field, states=states)
    claimed.send(sender=model, pk=pk)
    if version is not None:
        return version + 1
    return int(model._default_manager.filter(pk=pk).values_list("version", flat=True).get())


def claim_instance(
    instance: models.Model,
    *,
    version: int | None = None,
    states: Iterable[str] = (),
    state_field: str = "status",
    by: Any = None,
    set: dict[str, Any] | None = None,  # noqa: A002
    describe: Callable[[], Conflict] | None = None,
) -> models.Model:
    """`claim` for an instance in hand, keeping it in step: on success its `version` and the
    `set` values are updated in place."""
    expected = version if version is not None else getattr(instance, "version", None)
    new_version = claim(
        type(instance),
        instance.pk,
        version=expected,
        states=states,
        state_field=state_field,
        by=by,
        set=set,
        describe=describe,
    )
    for name, value in (set or {}).items():
        setattr(instance, name, value)
    instance.version = new_version  # type: ignore[attr-defined]
    if hasattr(instance, "changed_by_id"):
        instance.changed_by = by if getattr(by, "pk", None) else None  # type: ignore[attr-defined]
    return instance
