"""Monitoring's notification kinds (simpul.notifications.registry), registered in apps.py."""

from django.utils.translation import gettext_lazy as _

from simpul.notifications.registry import register_kind

LATE_DATA = "monitoring.late_data"
WARNINGS = "monitoring.warnings"


def register() -> None:
    register_kind(
        LATE_DATA,
        label=_("Data due and late"),
        description=_("Your party's data for a reporting period is past its due date."),
        default="now",
    )
    register_kind(
        WARNINGS,
        label=_("Early warnings"),
        description=_(
            "New early warnings on the agreements of your organisation (one summary a day)."
        ),
        default="now",
    )
