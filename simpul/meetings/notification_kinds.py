"""The meetings' notification kinds (simpul.notifications.registry), registered in apps.py.
Mails to external guests are not notifications: they stay plain outbox mails."""

from django.utils.translation import gettext_lazy as _

from simpul.notifications.registry import register_kind

INVITATION = "meetings.invitation"
CHANGE = "meetings.change"
REMINDER = "meetings.reminder"
MINUTES = "meetings.minutes"
ACTION = "meetings.action"


def register() -> None:
    register_kind(
        INVITATION,
        label=_("Meeting invitations"),
        description=_("You or your organisation are invited to a meeting (with a calendar file)."),
        default="now",
    )
    register_kind(
        CHANGE,
        label=_("Meeting changes"),
        description=_("A meeting you are invited to moves, changes or is cancelled."),
        default="now",
    )
    register_kind(
        REMINDER,
        label=_("Meeting reminders"),
        description=_("A meeting you are invited to is tomorrow or in an hour."),
        default="now",
    )
    register_kind(
        MINUTES,
        label=_("Minutes to sign off"),
        description=_(
            "Minutes of a meeting your organisation attended are circulated for sign-off."
        ),
        default="now",
    )
    register_kind(
        ACTION,
        label=_("Action items"),
        description=_("An action item of yours from a meeting is overdue."),
        default="now",
    )
