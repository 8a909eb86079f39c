"""The ideas' notification kinds (simpul.notifications.registry), registered in apps.py.
Mails to citizens stay plain outbox mails."""

from django.utils.translation import gettext_lazy as _

from simpul.notifications.registry import register_kind

MODERATION = "ideas.moderation"


def register() -> None:
    register_kind(
        MODERATION,
        label=_("Citizens' ideas to moderate"),
        description=_("A citizen's confirmed idea for your organisation waits for moderation."),
        default="now",
    )
