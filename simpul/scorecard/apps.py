from datetime import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScorecardConfig(AppConfig):
    name = "simpul.scorecard"
    label = "scorecard"
    verbose_name = _("Governance scorecard")

    def ready(self) -> None:
        from simpul.agreements.tabs import register_agreement_tab
        from simpul.core import schedule

        register_agreement_tab(
            "health:agreement", _("Collaboration health"), order=81, group="participation"
        )

        # Score rows are derived data, recomputed daily; they are not audited.
        schedule.daily("simpul.scorecard.tasks.daily_scores_refresh", at=time(3))
