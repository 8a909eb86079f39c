"""Entries other apps add to an agreement's timeline, without agreements knowing them.

The timeline on the agreement page is its stage events (`AgreementEvent`) merged with what
other apps report: meetings' decisions taken and action items done, for now. An app
registers a source in AppConfig.ready():

    from simpul.agreements.timeline import register_timeline_source
    register_timeline_source("simpul.meetings.timeline.agreement_entries")

A source takes the agreement and returns `TimelineEntry`s in a fixed number of queries; it
is called only for people who may read the agreement, and must show nothing a reader of the
agreement may not see.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.functional import Promise
from django.utils.module_loading import import_string

from .models import Agreement


@dataclass(frozen=True)
class TimelineEntry:
    occurred_at: datetime
    # What happened ("Decision taken"), and the thing itself (the decision's text).
    label: str | Promise
    text: str
    url: str
    # For styling and tests: "decision", "action-done", …
    kind: str
    # Where it came from (the meeting's title), and an optional link it points to.
    source: str = ""
    link_label: str | Promise = ""
    link_url: str = ""

    @property
    def is_entry(self) -> bool:
        return True


_sources: list[str] = []


def register_timeline_source(dotted_path: str) -> None:
    if dotted_path not in _sources:
        _sources.append(dotted_path)


def timeline_entries(agreement: Agreement) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for path in _sources:
        source: Callable[[Agreement], Iterable[TimelineEntry]] = import_string(path)
        entries.extend(source(agreement))
    return entries


def merged_timeline(agreement: Agreement, events: Iterable[Any]) -> list[Any]:
    """The stage events and the other apps' entries, oldest first."""
    return sorted([*events, *timeline_entries(agreement)], key=lambda item: item.occurred_at)
