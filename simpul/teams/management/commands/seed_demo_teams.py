"""Demo cooperation teams for `make demo` (see simpul/teams/demo.py).

Needs the demo organisations and agreements (seed_demo, seed_demo_agreements). Safe to run
again. Refuses to run in production.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from simpul.audit.context import acting_as, system_actor

from ...demo import ACTOR, demo_teams_seed


class Command(BaseCommand):
    help = "Create the demo TKKSDs and working teams (never in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo_teams refuses to run with SIMPUL_ENV=production: it creates invented "
                "teams."
            )
        with acting_as(system_actor(ACTOR)):
            seeded = demo_teams_seed()
        for note in seeded.skipped:
            self.stdout.write(f"Skipped {note}")
        self.stdout.write(f"Demo teams ready: {seeded.teams} new teams.")
