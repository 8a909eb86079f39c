"""Demo potentials and problems for `make demo` (see simpul/potentials/demo.py).

Needs the regions (seed_demo loads them). Safe to run again. Refuses to run in production."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from simpul.audit.context import acting_as, system_actor

from ...demo import ACTOR, demo_potentials_seed


class Command(BaseCommand):
    help = "Record the demo regions' potentials and problems (never in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo_potentials refuses to run with SIMPUL_ENV=production: it records "
                "invented potentials and problems."
            )
        with acting_as(system_actor(ACTOR)):
            seeded = demo_potentials_seed()
        for note in seeded.skipped:
            self.stdout.write(f"Skipped {note}")
        self.stdout.write(f"Demo potentials ready: {seeded.records} records.")
