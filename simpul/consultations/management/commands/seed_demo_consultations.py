"""Demo public consultations for `make demo` (see simpul/consultations/demo.py).

Needs the demo agreements (seed_demo, seed_demo_agreements; seed_demo_monitoring for the plan
sections). Safe to run again. Refuses to run in production.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from simpul.audit.context import acting_as, system_actor
from simpul.core.public_cache import bump

from ...demo import ACTOR, demo_consultations_seed


class Command(BaseCommand):
    help = "Create demo public consultations with comments and answers (never in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo_consultations refuses to run with SIMPUL_ENV=production: it creates "
                "invented consultations and comments."
            )
        with acting_as(system_actor(ACTOR)):
            seeded = demo_consultations_seed()
        bump()
        for note in seeded.skipped:
            self.stdout.write(f"Skipped {note}")
        self.stdout.write(
            f"Demo consultations ready: {seeded.consultations} new consultations, "
            f"{seeded.comments} new comments."
        )
