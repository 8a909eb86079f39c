"""The agreements' notification kinds (simpul.notifications.registry), registered in apps.py."""

from django.utils.translation import gettext_lazy as _

from simpul.notifications.registry import register_kind

EXPIRY = "agreements.expiry"
STAGE = "agreements.stage"


def register() -> None:
    register_kind(
        EXPIRY,
        label=_("Agreements ending"),
        description=_(
            "An agreement of your organisation ends in 180, 90 or 30 days, or has ended "
            "(to its parties' administrators and coordinators)."
        ),
        default="now",
    )
    register_kind(
        STAGE,
        label=_("Agreement stage changes"),
        description=_("An agreement you follow moves to another stage."),
        default="app",
        defaults_by_role={"admin": "digest", "coordinator": "digest"},
    )
