from datetime import time

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "simpul.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from simpul.core import schedule

        # The bulk ZIP of every open dataset (/data/simpul-data-terbuka.zip), rebuilt daily.
        # After the night's score refresh (03:00 WIB), so the bundle carries fresh scores.
        schedule.daily("simpul.portal.tasks.open_data_bundle_build", at=time(4))
