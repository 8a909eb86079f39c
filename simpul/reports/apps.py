from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "simpul.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from simpul.agreements.tabs import register_agreement_tab
        from simpul.audit import registry

        from .models import Report

        # Requests are audited; progress updates use update() and stay out of the log.
        registry.register(
            Report, can_view="simpul.agreements.access.agreement_object_can_view_history"
        )

        register_agreement_tab("reports:report-list", _("Reports"), order=60, group="results")

        from simpul.core.status import ERROR, INFO, SUCCESS, register_status_kind

        register_status_kind(
            "report", {"queued": INFO, "running": INFO, "done": SUCCESS, "failed": ERROR}
        )
