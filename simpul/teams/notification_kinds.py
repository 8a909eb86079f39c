"""The teams' notification kinds (simpul.notifications.registry), registered in apps.py."""

from django.utils.translation import gettext_lazy as _

from simpul.notifications.registry import register_kind

TERM = "teams.term"


def register() -> None:
    register_kind(
        TERM,
        label=_("Team terms ending"),
        description=_(
            "A team's term or a member's term ends in 90 or 30 days, or has ended "
            "(for the team's chair and the organisation's admins)."
        ),
        default="now",
    )
