"""Demo ideas for `make demo` (see simpul/ideas/demo.py).

Needs the demo organisations (seed_demo); after seed_demo_monitoring one idea becomes a plan
activity of the Kartamantul waste agreement. Safe to run again. Refuses to run in production.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from simpul.audit.context import acting_as, system_actor

from ...demo import ACTOR, demo_ideas_seed


class Command(BaseCommand):
    help = "Create ten members' ideas in every state and two citizens' ideas (never in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo_ideas refuses to run with SIMPUL_ENV=production: it creates invented "
                "ideas."
            )
        with acting_as(system_actor(ACTOR)):
            seeded = demo_ideas_seed()
        for note in seeded.skipped:
            self.stdout.write(f"Skipped {note}")
        self.stdout.write(f"Demo ideas ready: {seeded.ideas} new ideas.")
