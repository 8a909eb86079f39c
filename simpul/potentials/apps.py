from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PotentialsConfig(AppConfig):
    name = "simpul.potentials"
    label = "potentials"
    verbose_name = _("Potentials and problems")

    def ready(self) -> None:
        from simpul.audit import registry
        from simpul.regions.panels import register_profile_panel

        from .models import Record
        from .region_panel import region_potentials_panel

        registry.register(Record, can_view="simpul.potentials.access.record_can_view_history")
        register_profile_panel(region_potentials_panel)
