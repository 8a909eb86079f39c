"""Keeps the index current from one place: saves, deletes, many-to-many changes and claims
(`simpul.core.claims.claimed`) of the models the kinds watch mark documents stale, and the
stale documents are rebuilt once, after the transaction commits (nothing is indexed for a
rolled-back change, and a service that saves twenty rows refreshes its document once).

Services keep their one write path and call nothing: the apps declare what to watch with
their kind (`registry.register_kind(..., watches=...)`). What bypasses signals (queryset
`update()`, `bulk_create`, raw SQL) is caught by `manage.py rebuild_search_index`.
"""

import logging
from collections import defaultdict
from functools import partial
from typing import Any

from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from simpul.core.claims import claimed

from . import registry

log = logging.getLogger(__name__)

_ATTRIBUTE = "_simpul_search_stale"


def _stale() -> dict[str, set[int]]:
    """This transaction's stale documents, kept on the connection. A rolled-back transaction
    loses its on-commit callback, and with it, here, its stale set."""
    connection = transaction.get_connection(DEFAULT_DB_ALIAS)
    stale: dict[str, set[int]] | None = getattr(connection, _ATTRIBUTE, None)
    scheduled = any(callback is _flush for _sids, callback, _robust in connection.run_on_commit)
    if stale is None or (connection.in_atomic_block and not scheduled):
        stale = defaultdict(set)
        setattr(connection, _ATTRIBUTE, stale)
        if connection.in_atomic_block:
            transaction.on_commit(_flush, robust=True)
    return stale


def _flush() -> None:
    from . import index

    connection = transaction.get_connection(DEFAULT_DB_ALIAS)
    stale: dict[str, set[int]] = getattr(connection, _ATTRIBUTE, None) or {}
    setattr(connection, _ATTRIBUTE, None)
    for name, ids in stale.items():
        index.refresh(name, ids)


def _queue(name: str, ids: list[int]) -> None:
    from .tasks import WORKER_BATCH, search_refresh

    for start in range(0, len(ids), WORKER_BATCH):
        search_refresh.enqueue(name, ids[start : start + WORKER_BATCH])


def mark(model: type[models.Model], instance: Any) -> None:
    # Too many documents for the request: queued for the worker once the change commits (the
    # queue is a table, so a killed worker's task is picked up again, see core.tasks).
    for name, ids_of in registry.worker_watchers_of(model):
        ids = sorted({i for i in ids_of(instance) if i is not None})
        if ids:
            transaction.on_commit(partial(_queue, name, ids))
    watchers = registry.watchers_of(model)
    if not watchers:
        return
    stale = _stale()
    for name, ids_of in watchers:
        stale[name].update(i for i in ids_of(instance) if i is not None)
    if not transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block:
        _flush()


def _on_save(sender: type[models.Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # fixtures are loaded as they are; rebuild the index after loaddata
        mark(sender, instance)


def _on_delete(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    mark(sender, instance)


def _on_m2m(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        mark(type(instance), instance)


def _on_claim(sender: type[models.Model], pk: Any, **kwargs: Any) -> None:
    if registry.watchers_of(sender) or registry.worker_watchers_of(sender):
        instance = sender._default_manager.filter(pk=pk).first()
        if instance is not None:
            mark(sender, instance)


def install() -> None:
    post_save.connect(_on_save, dispatch_uid="simpul.search.save")
    post_delete.connect(_on_delete, dispatch_uid="simpul.search.delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="simpul.search.m2m")
    claimed.connect(_on_claim, dispatch_uid="simpul.search.claim")
