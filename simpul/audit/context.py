"""Who is acting, and from where: set per request by the middleware, or by a command."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    label: str
    ip_address: str | None = None
    user_agent: str = ""


SYSTEM = Actor(user_id=None, label="system")
_current: ContextVar[Actor] = ContextVar("simpul_audit_actor", default=SYSTEM)


def current_actor() -> Actor:
    return _current.get()


@contextmanager
def acting_as(actor: Actor):
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def system_actor(name: str) -> Actor:
    """The actor for a management command or a background task, e.g. 'system:load_regions'."""
    return Actor(user_id=None, label=f"system:{name}")
