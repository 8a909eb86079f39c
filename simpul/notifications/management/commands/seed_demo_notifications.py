"""Demo notifications for `make demo` (see simpul/notifications/demo.py). Run after the other
demo seeds. Safe to run again. Refuses to run in production."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from simpul.audit.context import acting_as, system_actor

from ...demo import ACTOR, demo_notifications_seed


class Command(BaseCommand):
    help = (
        "Welcome notifications for the demo people and a daily-digest reader (never in production)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo_notifications refuses to run with SIMPUL_ENV=production: it "
                "changes people's notification settings."
            )
        with acting_as(system_actor(ACTOR)):
            seeded = demo_notifications_seed()
        self.stdout.write(
            f"Demo notifications ready: {seeded.notified} people notified"
            + (f"; {seeded.digest_person} reads the daily digest." if seeded.digest_person else ".")
        )
