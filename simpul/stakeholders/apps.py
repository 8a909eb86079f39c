from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "simpul.stakeholders"
    label = "stakeholders"
    verbose_name = _("Stakeholders")

    def ready(self) -> None:
        from simpul.agreements.tabs import register_agreement_tab
        from simpul.audit import registry
        from simpul.core.status import ERROR, SUCCESS, WARNING, register_status_kind

        from .models import Contribution, Stakeholder

        can_view = "simpul.stakeholders.access.stakeholder_object_can_view_history"
        registry.register(Stakeholder, can_view=can_view)
        registry.register(Contribution, can_view=can_view)
        register_agreement_tab(
            "stakeholders:register", _("Stakeholders"), order=78, group="participation"
        )
        register_status_kind(
            "contribution", {"recorded": WARNING, "verified": SUCCESS, "rejected": ERROR}
        )
