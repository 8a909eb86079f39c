from datetime import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "simpul.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from simpul.agreements.tabs import register_agreement_tab
        from simpul.audit import registry
        from simpul.core import schedule

        from .models import Answer, Comment, Consultation, Section

        can_view = "simpul.consultations.access.consultation_can_view_history"
        registry.register(Consultation, can_view=can_view)
        registry.register(Section, can_view=can_view)
        # The commenter's address, token hash and address fingerprint stay out of the
        # append-only log.
        registry.register(
            Comment, can_view=can_view, exclude={"email", "confirm_token_hash", "ip_hash"}
        )
        registry.register(Answer, can_view=can_view)

        register_agreement_tab(
            "consultations:consultation-list",
            _("Public consultations"),
            order=75,
            group="participation",
        )
        from .search import register as register_search_kind

        register_search_kind()

        # Windows end at a moment (stored in UTC), so closing needs no zone of its own.
        schedule.daily(
            "simpul.consultations.tasks.daily_consultations_housekeeping", at=time(0, 10)
        )

        from .notification_kinds import register as register_notification_kinds

        register_notification_kinds()
