from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    name = "simpul.discussions"
    label = "discussions"
    verbose_name = _("Discussions")

    def ready(self) -> None:
        from simpul.agreements.tabs import register_agreement_tab
        from simpul.audit import registry
        from simpul.core.related import register_related_panel

        from . import notifying
        from .models import Post, Thread
        from .panels import threads_panel
        from .search import register as register_search_kind

        can_view = "simpul.discussions.access.thread_object_can_view_history"
        registry.register(Thread, can_view=can_view)
        # The rendered HTML is derived from the text; the log keeps the text.
        registry.register(Post, can_view=can_view, exclude={"html"})
        register_agreement_tab(
            "discussions:agreement-threads", _("Discussions"), order=76, group="participation"
        )
        register_related_panel(threads_panel)
        register_search_kind()
        notifying.register_kinds()
