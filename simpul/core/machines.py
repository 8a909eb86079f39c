"""Status machines declared as data, in one shape.

    PERIOD = Machine(
        "reporting period",
        Move("open", _("Open"), sources=("planned",), target="open"),
        Move("close", _("Close"), sources=("open",), target="closed"),
    )
    move = PERIOD.move("close", current=period.status)       # InvalidInput if not allowed now
    claim(ReportingPeriod, period.pk, states=move.sources, set={"status": move.target})

A `Move` names its action, the label people see, where it may start and where it leads, and
optionally whether it needs a note. `Machine.move()` refuses an unknown action or one that does
not apply to the current state with a translated message; the claim then makes the check and
the write one statement, so a concurrent move yields a Conflict instead of a double step.
The agreement workflow is configurable per region and stays data in its own tables
(`agreements.Workflow`); every fixed machine (periods, submissions, complaints, comments,
plans, reports, imports) is declared here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .errors import InvalidInput


@dataclass(frozen=True)
class Move:
    action: str
    label: Any
    sources: tuple[str, ...]
    target: str
    note_required: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def applies_to(self, state: str) -> bool:
        return state in self.sources


class Machine:
    def __init__(self, name: str, *moves: Move) -> None:
        self.name = name
        self.moves: dict[str, Move] = {}
        for move in moves:
            if move.action in self.moves:
                raise ValueError(f"{name}: the action {move.action!r} is declared twice")
            self.moves[move.action] = move

    def __iter__(self) -> Iterator[Move]:
        return iter(self.moves.values())

    def __contains__(self, action: object) -> bool:
        return action in self.moves

    @property
    def states(self) -> set[str]:
        found: set[str] = set()
        for move in self:
            found.update(move.sources)
            found.add(move.target)
        return found

    def available(self, state: str) -> list[Move]:
        """The moves a person may offer from `state`, in declaration order."""
        return [move for move in self if move.applies_to(state)]

    def move(self, action: str, *, current: str | None = None, note: str = "") -> Move:
        """The declared move, checked against the current state and the note rule."""
        move = self.moves.get(action)
        if move is None:
            raise InvalidInput(_("Unknown action."), code="unknown_action")
        if current is not None and not move.applies_to(current):
            raise InvalidInput(
                _("This action is not possible in the current status."), code="state"
            )
        if move.note_required and not note.strip():
            raise InvalidInput(_("Say why: a note is required for this step."), code="note")
        return move

    def targets(self) -> dict[str, str]:
        return {move.action: move.target for move in self}
