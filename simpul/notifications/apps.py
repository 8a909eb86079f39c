from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "simpul.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from simpul.core import schedule

        from .registry import register_kind

        register_kind(
            "notifications.welcome",
            label=_("News about Simpul"),
            description=_("Welcome notes and news about the platform itself."),
            default="app",
        )

        # Every quarter of an hour: each person's digest goes out in the first run after the
        # hour they chose in their own zone (digest.py), once per local date.
        schedule.every(timedelta(minutes=15), "simpul.notifications.tasks.send_due_digests")
