from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "simpul.agreements"
    label = "agreements"
    verbose_name = _("Cooperation agreements")

    def ready(self) -> None:
        from simpul.audit import registry

        from . import models

        can_view = "simpul.agreements.access.agreement_object_can_view_history"
        for model in (
            models.Agreement,
            models.Party,
            models.Signature,
            models.Obligation,
            models.Document,
            models.Dispute,
            models.DisputeDecision,
        ):
            registry.register(model, can_view=can_view)

        from datetime import time

        from simpul.core import schedule

        # Expiry reminders and expiry follow the registering organisation's calendar day.
        schedule.daily(
            "simpul.agreements.tasks.daily_agreement_housekeeping", at=time(6), per_zone=True
        )

        from simpul.regions.panels import register_profile_panel

        from .region_panel import region_agreements_panel

        register_profile_panel(region_agreements_panel)

        from .notification_kinds import register as register_notification_kinds

        register_notification_kinds()

        from .search import register as register_search_kind

        register_search_kind()

        from simpul.core.status import ERROR, INFO, NEUTRAL, SUCCESS, WARNING, register_status_kind

        # Stages are workflow data a region may extend; a stage not listed is a step on the
        # way (info), like the national ones between the draft and entry into force.
        register_status_kind(
            "stage",
            {
                "draft": NEUTRAL,
                "active": SUCCESS,
                "extended": SUCCESS,
                "suspended": WARNING,
                "in_dispute": ERROR,
                "expired": NEUTRAL,
                "terminated": NEUTRAL,
                "rejected": NEUTRAL,
                "withdrawn": NEUTRAL,
                "taken_over": NEUTRAL,
            },
            default=INFO,
        )
        register_status_kind("obligation", {"pending": INFO, "fulfilled": SUCCESS, "late": ERROR})
