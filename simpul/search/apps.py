from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "simpul.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # One listener for every searchable kind's models (simpul.search.watch): the apps
        # declare what to watch when they register their kinds, nobody connects signals.
        from . import watch

        watch.install()
