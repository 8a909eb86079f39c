"""Demo stakeholders for `make demo` (see simpul/stakeholders/demo.py).

Needs the demo organisations (seed_demo) and agreements (seed_demo_agreements). Safe to run
again. Refuses to run in production.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from simpul.audit.context import acting_as, system_actor

from ...demo import ACTOR, demo_stakeholders_seed


class Command(BaseCommand):
    help = "Add stakeholders and contributions to the Kartamantul agreement (never in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo_stakeholders refuses to run with SIMPUL_ENV=production: it creates "
                "invented stakeholders."
            )
        with acting_as(system_actor(ACTOR)):
            seeded = demo_stakeholders_seed()
        for note in seeded.skipped:
            self.stdout.write(f"Skipped {note}")
        self.stdout.write(
            f"Demo stakeholders ready: {seeded.stakeholders} new stakeholders, "
            f"{seeded.contributions} contributions."
        )
