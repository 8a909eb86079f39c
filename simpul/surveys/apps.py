from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "simpul.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from simpul.agreements.tabs import register_agreement_tab
        from simpul.audit import registry

        from .models import Question, Survey

        # Building a survey is audited; public responses are not (they are anonymous rows).
        registry.register(Survey, can_view="simpul.surveys.access.survey_object_can_view_history")
        registry.register(Question, can_view="simpul.surveys.access.survey_object_can_view_history")

        register_agreement_tab("surveys:survey-list", _("Surveys"), order=76, group="participation")

        from simpul.core.status import NEUTRAL, SUCCESS, register_status_kind

        register_status_kind("survey", {"draft": NEUTRAL, "open": SUCCESS, "closed": NEUTRAL})
