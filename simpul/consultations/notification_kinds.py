"""The consultations' notification kinds (simpul.notifications.registry), registered in
apps.py. Mails to commenters (citizens) stay plain outbox mails."""

from django.utils.translation import gettext_lazy as _

from simpul.notifications.registry import register_kind

MODERATION = "consultations.moderation"


def register() -> None:
    register_kind(
        MODERATION,
        label=_("Consultation comments to moderate"),
        description=_("A confirmed comment on a consultation of your agreement waits for you."),
        default="now",
    )
