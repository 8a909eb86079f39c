"""Demo surveys for `make demo` (see simpul/surveys/demo.py).

Needs the demo agreements (seed_demo, seed_demo_agreements; seed_demo_monitoring for the
indicator link). Safe to run again. Refuses to run in production.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from simpul.audit.context import acting_as, system_actor
from simpul.core.public_cache import bump

from ...demo import ACTOR, demo_surveys_seed


class Command(BaseCommand):
    help = "Create demo surveys with answers (never in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo_surveys refuses to run with SIMPUL_ENV=production: it creates "
                "invented surveys and answers."
            )
        with acting_as(system_actor(ACTOR)):
            seeded = demo_surveys_seed()
        bump()
        for note in seeded.skipped:
            self.stdout.write(f"Skipped {note}")
        self.stdout.write(
            f"Demo surveys ready: {seeded.surveys} new surveys, {seeded.responses} new responses."
        )
