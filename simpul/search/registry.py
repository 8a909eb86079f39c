"""The searchable kinds: each app says how its objects become search documents.

An app registers its kind in its `AppConfig.ready()`:

    register_kind(
        "agreement", _("Agreement"),
        build=build_agreement_entries,          # ids -> Entry for each id still to index
        all_ids=lambda: Agreement.objects.values_list("pk", flat=True),
        watches={Agreement: lambda a: [a.pk], Party: lambda p: [p.agreement_id]},
    )

and another app may add to a kind it cannot import the other way: `add_watch` (more models
whose saves change a document) and `register_public_rule` (publication decides which
agreements the public sees). The index (`simpul.search.index`) does the rest.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise

IdsOf = Callable[[Any], Iterable[int]]


@dataclass(frozen=True)
class Readers:
    """Who may see a document besides platform admins and central oversight, in the terms
    of the access modules: members of these organisations (or of an agency under one, see
    `simpul.search.access.reader_tags`), overseers of these regions, these people, members
    of these organisations themselves, not of their agencies (`direct_organization_ids`),
    members of any organisation located in these regions (`member_region_ids`; both the
    ideas board's rule), or every signed-in person (`members`: a published knowledge item)."""

    organization_ids: Iterable[int] = ()
    region_ids: Iterable[int] = ()
    user_ids: Iterable[int] = ()
    direct_organization_ids: Iterable[int] = ()
    member_region_ids: Iterable[int] = ()
    members: bool = False


@dataclass(frozen=True)
class Entry:
    object_id: int
    title: str
    text: str
    url: str
    readers: Readers
    year: int | None = None
    affair_ids: Iterable[int] = ()
    region_ids: Iterable[int] = ()
    public: bool = False
    public_url: str = ""


@dataclass
class Kind:
    name: str
    label: str | Promise
    build: Callable[[Sequence[int]], Iterable[Entry]]
    all_ids: Callable[[], Iterable[int]]
    watches: dict[type[models.Model], list[IdsOf]] = field(default_factory=dict)
    # Watches whose documents are refreshed by the worker (search.tasks.search_refresh).
    worker_watches: dict[type[models.Model], list[IdsOf]] = field(default_factory=dict)
    public_rule: Callable[[Sequence[int]], dict[int, str]] | None = None


_kinds: dict[str, Kind] = {}
# The search page's affair filter: the app that owns the affairs says what they are called.
_affair_choices: list[Callable[[], list[tuple[int, str]]]] = []


def register_kind(
    name: str,
    label: str | Promise,
    *,
    build: Callable[[Sequence[int]], Iterable[Entry]],
    all_ids: Callable[[], Iterable[int]],
    watches: dict[type[models.Model], IdsOf] | None = None,
) -> None:
    if not name.isalnum() or not name.islower():
        raise ValueError(f"a kind's name is lower-case letters and digits: {name!r}")
    kind = _kinds.setdefault(name, Kind(name, label, build, all_ids))
    kind.label, kind.build, kind.all_ids = label, build, all_ids
    for model, ids_of in (watches or {}).items():
        add_watch(name, model, ids_of)


def add_watch(
    name: str, model: type[models.Model], ids_of: IdsOf, *, in_worker: bool = False
) -> None:
    """Saves and deletes of `model` (and claims, many-to-many changes) refresh the documents
    of kind `name` whose ids `ids_of(instance)` gives. `in_worker`: a change that touches
    too many documents for the request (a publication rule: every agreement in a stage)
    queues their refresh for the worker on commit instead."""
    kind = _kinds[name]
    watchers = (kind.worker_watches if in_worker else kind.watches).setdefault(model, [])
    if ids_of not in watchers:
        watchers.append(ids_of)


def register_public_rule(name: str, rule: Callable[[Sequence[int]], dict[int, str]]) -> None:
    """Which of the given ids the public may see, each with its public page; overrides the
    entries' own `public` and `public_url`."""
    _kinds[name].public_rule = rule


def kinds() -> list[Kind]:
    return list(_kinds.values())


def kind(name: str) -> Kind | None:
    return _kinds.get(name)


def watchers_of(model: type[models.Model]) -> list[tuple[str, IdsOf]]:
    return [(k.name, ids_of) for k in _kinds.values() for ids_of in k.watches.get(model, [])]


def worker_watchers_of(model: type[models.Model]) -> list[tuple[str, IdsOf]]:
    return [(k.name, ids_of) for k in _kinds.values() for ids_of in k.worker_watches.get(model, [])]


def register_affair_choices(choices: Callable[[], list[tuple[int, str]]]) -> None:
    _affair_choices[:] = [choices]


def affair_choices() -> list[tuple[int, str]]:
    return _affair_choices[0]() if _affair_choices else []
