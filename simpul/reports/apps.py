from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "simpul.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from simpul.agreements.tabs import register_agreement_tab

        register_agreement_tab("reports:report-list", _("Reports"), order=60)
