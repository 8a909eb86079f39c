from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "simpul.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from simpul.core import schedule

        # The bulk ZIP of every open dataset (/data/simpul-data-terbuka.zip), rebuilt daily.
        schedule.every(timedelta(hours=24), "simpul.portal.tasks.open_data_bundle_build")
