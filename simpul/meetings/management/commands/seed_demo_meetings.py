"""Demo meetings for `make demo` (see simpul/meetings/demo.py).

Needs the demo organisations (seed_demo). Safe to run again. Refuses to run in production.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from simpul.audit.context import acting_as, system_actor

from ...demo import ACTOR, demo_meetings_seed


class Command(BaseCommand):
    help = "Create Sekber Kartamantul's forum and a year of its meetings (never in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo_meetings refuses to run with SIMPUL_ENV=production: it creates "
                "invented meetings."
            )
        with acting_as(system_actor(ACTOR)):
            seeded = demo_meetings_seed()
        for note in seeded.skipped:
            self.stdout.write(f"Skipped {note}")
        self.stdout.write(
            f"Demo meetings ready: {seeded.meetings} new meetings, "
            f"{seeded.invitations} new invitations."
        )
