"""What the meetings services share: their error, the meeting's status machine, the limits."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from simpul.core.errors import InvalidInput
from simpul.core.machines import Machine, Move

# One invitation to an organisation reaches its delegates, so 500 rows are already a large
# national forum; beyond that the mail, the attendance list and the quorum stop being useful.
MAX_INVITATIONS = 500
# A series reaches at most this far ahead of its first occurrence, and has at most this many
# occurrences (weekly for two years is 105).
MAX_SERIES_YEARS = 2
MAX_OCCURRENCES = 110


class MeetingInvalid(InvalidInput):
    """A meeting, series, invitation, agenda item or attendance entry breaks a rule. The code
    is given to each message of a dict or list too, so tests and callers can tell the cases
    apart whatever language the messages are in."""

    def __init__(self, message: Any, code: str | None = None, params: Any = None) -> None:
        if code and isinstance(message, dict):
            message = {key: _coded(value, code) for key, value in message.items()}
        elif code and isinstance(message, list):
            message = _coded(message, code)
        super().__init__(message, code=code, params=params)


def _coded(value: Any, code: str) -> Any:
    if isinstance(value, list):
        return [_coded(item, code) for item in value]
    return value if isinstance(value, ValidationError) else ValidationError(value, code=code)


MEETING = Machine(
    "meeting",
    Move("hold", _("Mark as held"), sources=("scheduled",), target="held"),
    Move("cancel", _("Cancel the meeting"), sources=("scheduled",), target="cancelled",
         note_required=True),
)  # fmt: skip


def audit_claimed(obj: Any, step: str, before: dict[str, Any]) -> None:
    """A claim is an UPDATE, which the audit log's signals do not see: append what changed
    (old and new value per field) to the log ourselves, in the same transaction."""
    from simpul.audit.services import record

    changes = {
        name: [old, getattr(obj, name)] for name, old in before.items() if old != getattr(obj, name)
    }
    record(action="update", obj=obj, changes={"step": step, **changes})
