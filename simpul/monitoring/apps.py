from datetime import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "simpul.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring and evaluation")

    def ready(self) -> None:
        from simpul.agreements.tabs import register_agreement_tab
        from simpul.audit import registry
        from simpul.core import schedule
        from simpul.plans.checks import register_submit_check

        from . import models

        can_view = "simpul.monitoring.access.monitoring_object_can_view_history"
        for model in (
            models.MonitoringSetup,
            models.Result,
            models.Indicator,
            models.Target,
            models.ReportingPeriod,
            models.Submission,
            models.Evaluation,
            models.Finding,
            models.Recommendation,
            models.FollowUp,
            models.WarningRule,
        ):
            registry.register(model, can_view=can_view)

        register_submit_check("simpul.monitoring.smart.plan_submit_check")
        # Lateness is decided just after midnight in each party's zone, reminders follow in
        # office hours there; warnings are national, after every zone's midnight.
        schedule.daily("simpul.monitoring.tasks.lateness_settle_zone", at=time(0, 5), per_zone=True)
        schedule.daily(
            "simpul.monitoring.tasks.daily_late_data_reminders", at=time(8), per_zone=True
        )
        schedule.daily("simpul.monitoring.tasks.daily_monitoring_housekeeping", at=time(7))
        results = {"group": "results"}
        register_agreement_tab("monitoring:results-dashboard", _("Results"), order=30, **results)
        register_agreement_tab("monitoring:indicator-list", _("Indicators"), order=35, **results)
        register_agreement_tab("monitoring:period-list", _("Data collection"), order=40, **results)
        register_agreement_tab("monitoring:evaluation-list", _("Evaluations"), order=50, **results)

        from simpul.core.status import ERROR, INFO, NEUTRAL, SUCCESS, WARNING, register_status_kind

        register_status_kind(
            "indicator",
            {"on_track": SUCCESS, "at_risk": WARNING, "off_track": ERROR, "no_data": NEUTRAL},
        )
        register_status_kind(
            "period", {"planned": NEUTRAL, "open": INFO, "closed": NEUTRAL, "locked": NEUTRAL}
        )
        register_status_kind(
            "submission",
            {
                "none": NEUTRAL,
                "draft": NEUTRAL,
                "submitted": INFO,
                "verified": SUCCESS,
                "returned": WARNING,
            },
        )
        register_status_kind("evaluation", {"draft": NEUTRAL, "final": SUCCESS})

        from .notification_kinds import register as register_notification_kinds

        register_notification_kinds()
