from datetime import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "simpul.complaints"
    label = "complaints"
    verbose_name = _("Complaints and aspirations")

    def ready(self) -> None:
        from simpul.agreements.tabs import register_agreement_tab
        from simpul.audit import registry
        from simpul.core import schedule

        from .models import Category, DayOff

        # The configuration is audited. Complaints themselves are not: their unchangeable
        # ComplaintEvent rows are the trail, and personal data stays out of the
        # append-only audit chain (it must be deletable).
        registry.register(Category)
        registry.register(DayOff)
        from simpul.core.workdays import register_days_off

        from .workdays import collective_leave

        register_days_off(collective_leave)
        register_agreement_tab(
            "complaints:agreement-complaints", _("Complaints"), order=77, group="participation"
        )

        from simpul.core.status import ERROR, INFO, NEUTRAL, SUCCESS, WARNING, register_status_kind

        register_status_kind(
            "complaint",
            {
                "unconfirmed": NEUTRAL,
                "received": INFO,
                "verified": INFO,
                "in_follow_up": WARNING,
                "answered": SUCCESS,
                "closed": NEUTRAL,
                "rejected": ERROR,
            },
        )
        # Deadlines are working days in the handling organisation's zone: each zone at 06:00.
        schedule.daily(
            "simpul.complaints.tasks.daily_complaints_housekeeping", at=time(6), per_zone=True
        )

        from .notification_kinds import register as register_notification_kinds

        register_notification_kinds()
