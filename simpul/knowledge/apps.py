from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "simpul.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge exchange")

    def ready(self) -> None:
        from simpul.agreements.tabs import register_agreement_tab
        from simpul.audit import registry
        from simpul.core.status import ERROR, INFO, SUCCESS, WARNING, register_status_kind

        from .models import Adoption, KnowledgeItem, KnowledgeResult

        can_view = "simpul.knowledge.access.knowledge_object_can_view_history"
        registry.register(KnowledgeItem, can_view=can_view)
        registry.register(KnowledgeResult, can_view=can_view)
        registry.register(Adoption, can_view=can_view)
        register_agreement_tab(
            "knowledge:agreement-knowledge", _("Knowledge"), order=79, group="participation"
        )
        from .search import register as register_search_kind

        register_search_kind()
        register_status_kind(
            "knowledge",
            {"draft": WARNING, "in_review": INFO, "published": SUCCESS, "returned": ERROR},
        )
        register_status_kind(
            "adoption",
            {"interested": INFO, "visited": INFO, "decided": WARNING, "implementing": SUCCESS},
        )

        from .notification_kinds import register as register_notification_kinds

        register_notification_kinds()
