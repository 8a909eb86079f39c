"""The one family of errors that services raise and views turn into answers.

Every domain error is a Django `ValidationError`, so forms, `error.messages` and
`error.message_dict` work the same for all of them; the subclass says which HTTP answer a view
gives:

- `InvalidInput` (400): the person can fix their input and try again.
- `NotAllowed` (404): the person may not do this; a 404, so that existence does not leak.
- `Conflict` (409): someone else acted first; the person reloads, or merges (simpul.core.merge).

`PageNotFound` is the one `Http404` whose message is written for the person (translated, e.g.
"There is no region with the code …"): the 404 page shows it, in production too. A plain
`Http404` (get_object_or_404's English "No Agreement matches…") shows only the general text.

Apps subclass these for their own names (`PlanNotEditable(InvalidInput)`) but never start a
new hierarchy. `simpul.core.formviews.attempt` maps them onto a form in one place.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.http import Http404


class DomainError(ValidationError):
    """Base of every error a service raises for a person to read (messages are translated)."""

    status: ClassVar[int] = 400


class InvalidInput(DomainError):
    """The input breaks a rule; the messages say which and how to fix it."""

    status = 400


class NotAllowed(DomainError):
    """The person may not do this (answered as 404 so that existence does not leak)."""

    status = 404


class Conflict(DomainError):
    """The row changed since the person read it: `who` changed it `when`, and it is now in
    `state` at `version`. Raised by `simpul.core.claims.claim`; answered as 409."""

    status = 409

    def __init__(
        self,
        message: Any,
        *,
        code: str = "conflict",
        who: str = "",
        when: datetime | None = None,
        state: str = "",
        version: int | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message, code=code, params=params)
        self.who = who
        self.when = when
        self.state = state
        self.version = version


class PageNotFound(Http404):
    """A 404 with a translated message the 404 page shows to the person."""


def status_of(error: Exception) -> int:
    """The HTTP status a view answers for this error (400 for a plain ValidationError)."""
    return getattr(error, "status", 400)
