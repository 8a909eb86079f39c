from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "simpul.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from datetime import time

        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import events, schedule

        connection_created.connect(events.register_sqlite_function, dispatch_uid="simpul-events")
        post_migrate.connect(events.install_triggers_after_migrate, dispatch_uid="simpul-events")
        # The quiet hour before the national 03:00 scores: sent mail past its retention goes.
        schedule.daily("simpul.core.tasks.outbox_purge", at=time(2, 30))
