from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "simpul.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import events

        connection_created.connect(events.register_sqlite_function, dispatch_uid="simpul-events")
        post_migrate.connect(events.install_triggers_after_migrate, dispatch_uid="simpul-events")
