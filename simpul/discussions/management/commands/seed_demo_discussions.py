"""Demo discussions for `make demo` (see simpul/discussions/demo.py).

Needs the demo people (seed_demo) and agreements (seed_demo_agreements). Safe to run again.
Refuses to run in production.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from simpul.audit.context import acting_as, system_actor

from ...demo import ACTOR, demo_discussions_seed


class Command(BaseCommand):
    help = "Create demo threads on the Kartamantul waste and SPAM agreements (never in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo_discussions refuses to run with SIMPUL_ENV=production: it creates "
                "invented discussions."
            )
        with acting_as(system_actor(ACTOR)):
            seeded = demo_discussions_seed()
        for note in seeded.skipped:
            self.stdout.write(f"Skipped {note}")
        self.stdout.write(f"Demo discussions ready: {seeded.threads} new threads.")
