from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "simpul.publication"
    label = "publication"
    verbose_name = _("Publication")

    def ready(self) -> None:
        from simpul.agreements.tabs import register_agreement_tab
        from simpul.audit import registry

        from .models import PublicationConsent, PublicationDecision, PublicationRule

        # Decisions and consents: their history is the agreement's (readers of it see it).
        history = "simpul.agreements.access.agreement_object_can_view_history"
        registry.register(PublicationDecision, can_view=history)
        registry.register(PublicationConsent, can_view=history)
        # The national defaults: only platform administrators see their history.
        registry.register(PublicationRule)

        register_agreement_tab("publication:overview", _("Publication"), order=70)

        from .search import register as register_search_rule

        register_search_rule()
