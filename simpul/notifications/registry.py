"""The notification kinds, declared by each app in its `AppConfig.ready()`:

    from simpul.notifications.registry import register_kind
    register_kind(
        "meetings.invitation",
        label=_("Meeting invitations"),
        description=_("You or your organisation are invited to a meeting."),
        default="now",
        defaults_by_role={"viewer": "app"},
    )

Channels: "app" (in the app only), "now" (e-mail at once), "digest" (the daily digest), "off".
A person without a preference of their own gets the kind's default for their roles
(`organizations.Membership.Role` values); with several roles, the most talkative one.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise

CHANNELS = ("app", "now", "digest", "off")
# Most talkative first: a person with several roles gets the first of their roles' defaults.
TALKATIVE_ORDER = ("now", "digest", "app", "off")


@dataclass(frozen=True)
class Kind:
    key: str
    label: str | Promise
    description: str | Promise
    default: str = "app"
    defaults_by_role: dict[str, str] = field(default_factory=dict)

    def default_for(self, roles: set[str] | frozenset[str]) -> str:
        """The channel for a person with these roles and no preference of their own."""
        channels = {self.defaults_by_role[role] for role in roles if role in self.defaults_by_role}
        if not channels:
            return self.default
        return min(channels, key=TALKATIVE_ORDER.index)


_kinds: dict[str, Kind] = {}


def register_kind(
    key: str,
    *,
    label: str | Promise,
    description: str | Promise,
    default: str = "app",
    defaults_by_role: dict[str, str] | None = None,
) -> None:
    """Declare a kind (again: replaces it, so a reloaded app does not fail)."""
    channels = [default, *(defaults_by_role or {}).values()]
    unknown = [channel for channel in channels if channel not in CHANNELS]
    if unknown:
        raise ValueError(f"unknown notification channel(s) {unknown} for {key!r}")
    if not key or len(key) > 64:
        raise ValueError("a notification kind's key is 1 to 64 characters")
    _kinds[key] = Kind(key, label, description, default, dict(defaults_by_role or {}))


def kinds() -> list[Kind]:
    """Every registered kind, in the order of their keys (so apps group together)."""
    return [_kinds[key] for key in sorted(_kinds)]


def kind(key: str) -> Kind:
    """The kind registered under `key`; LookupError for an unknown one (a programming error)."""
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(f"no notification kind {key!r} is registered") from None


def unregister_kind(key: str) -> None:
    """Forget a kind (tests that register their own)."""
    _kinds.pop(key, None)
