from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "simpul.plans"
    label = "plans"
    verbose_name = _("Cooperation plans")

    def ready(self) -> None:
        from simpul.agreements.tabs import register_agreement_tab
        from simpul.audit import registry

        from . import models

        can_view = "simpul.plans.access.plan_object_can_view_history"
        for model in (
            models.Plan,
            models.NeedsAssessment,
            models.Objective,
            models.Strategy,
            models.Risk,
            models.Program,
            models.Activity,
            models.BudgetLine,
        ):
            registry.register(model, can_view=can_view)
        register_agreement_tab("plans:plan-detail", _("Plan"), order=20, group="results")

        from simpul.core.status import INFO, NEUTRAL, SUCCESS, WARNING, register_status_kind

        register_status_kind("plan", {"draft": NEUTRAL, "submitted": INFO, "approved": SUCCESS})

        from .search import register as register_search_kind

        register_search_kind()
        register_status_kind(
            "activity",
            {
                "planned": NEUTRAL,
                "in_progress": INFO,
                "done": SUCCESS,
                "delayed": WARNING,
                "cancelled": NEUTRAL,
            },
        )
