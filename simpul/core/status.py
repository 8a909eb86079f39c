"""One colour scale for every status pill: `{% load simpul_ui %}{% status_pill kind value label %}`.

A pill's colour comes from its *tone*, one of the sentiment colours of the design tokens
(`static/css/tokens.css`): success, warning, error, info, or neutral. Each tone also has
its own symbol, printed before the label, so colour is never the only signal (WCAG 1.4.1)
and a reader who cannot tell green from red still tells "✓ on track" from "✕ off track".

The kernel knows no app's statuses. The app that owns a status registers what each of its
values means in its `AppConfig.ready()`:

    register_status_kind("indicator", {"on_track": SUCCESS, "at_risk": WARNING,
                                       "off_track": ERROR, "no_data": NEUTRAL})

A value nobody registered (a stage a region added to its own workflow) is shown in the
kind's default tone (`default=`, neutral unless said otherwise), never as an error.
"""

from dataclasses import dataclass

SUCCESS = "success"
WARNING = "warning"
ERROR = "error"
INFO = "info"
NEUTRAL = "neutral"
TONES = (SUCCESS, WARNING, ERROR, INFO, NEUTRAL)

# Plain text symbols that every system font has (no emoji: they show as empty boxes
# without an emoji font). aria-hidden in the pill: the label already says it in words.
SYMBOLS = {SUCCESS: "✓", WARNING: "!", ERROR: "✕", INFO: "●", NEUTRAL: "○"}


@dataclass(frozen=True)
class StatusKind:
    name: str
    tones: dict[str, str]
    default: str = NEUTRAL

    def tone(self, value: object) -> str:
        return self.tones.get(str(value), self.default)


_kinds: dict[str, StatusKind] = {}


def register_status_kind(name: str, tones: dict[str, str], *, default: str = NEUTRAL) -> None:
    unknown = {tone for tone in [*tones.values(), default] if tone not in TONES}
    if unknown:
        raise ValueError(f"status kind {name!r}: unknown tones {sorted(unknown)}")
    _kinds[name] = StatusKind(name, dict(tones), default)


# Deadlines are the kernel's own (zones, working days): late, due today, time left.
register_status_kind("deadline", {"late": ERROR, "due": WARNING, "open": NEUTRAL})


def status_tone(kind: str, value: object) -> str:
    """The tone of a value of a kind; an unregistered kind is neutral."""
    found = _kinds.get(kind)
    return found.tone(value) if found is not None else NEUTRAL


def status_symbol(tone: str) -> str:
    return SYMBOLS.get(tone, SYMBOLS[NEUTRAL])


def status_kinds() -> list[StatusKind]:
    """Every registered kind, by name: what the developer style page lays out."""
    return [_kinds[name] for name in sorted(_kinds)]
