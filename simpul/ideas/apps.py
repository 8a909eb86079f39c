from datetime import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "simpul.ideas"
    label = "ideas"
    verbose_name = _("Ideas")

    def ready(self) -> None:
        from simpul.audit import registry
        from simpul.core import schedule
        from simpul.core.status import ERROR, INFO, NEUTRAL, SUCCESS, WARNING, register_status_kind

        from .models import Idea, IdeaComment, Support

        can_view = "simpul.ideas.access.idea_can_view_history"
        # A citizen's address, token hash and address fingerprint stay out of the append-only
        # log (they must be deletable).
        registry.register(
            Idea, can_view=can_view, exclude={"email", "confirm_token_hash", "ip_hash"}
        )
        registry.register(Support, can_view=can_view)
        registry.register(IdeaComment, can_view=can_view)
        from .search import register as register_search_kind

        register_search_kind()
        register_status_kind(
            "idea",
            {"new": INFO, "under_review": WARNING, "accepted": SUCCESS, "declined": ERROR},
            default=NEUTRAL,
        )
        register_status_kind(
            "idea_moderation",
            {"unconfirmed": NEUTRAL, "pending": WARNING, "published": SUCCESS, "hidden": ERROR},
        )
        schedule.daily("simpul.ideas.tasks.daily_ideas_housekeeping", at=time(0, 20))

        from .notification_kinds import register as register_notification_kinds

        register_notification_kinds()
