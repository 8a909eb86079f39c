"""Demo meetings for `make demo` (see simpul/meetings/demo.py).

Needs the demo organisations (seed_demo). Safe to run again. Refuses to run in production.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from simpul.audit.context import acting_as, system_actor

from ...demo import ACTOR, SECRETARIAT_STAFF, SLUG, demo_meetings_seed
from ...demo_minutes import demo_minutes_seed
from ...demo_visits import demo_visits_seed


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
            visits = demo_visits_seed(SLUG, SECRETARIAT_STAFF)
            minutes = demo_minutes_seed(SLUG, SECRETARIAT_STAFF)
        for note in [*seeded.skipped, *visits.skipped]:
            self.stdout.write(f"Skipped {note}")
        self.stdout.write(
            f"Demo meetings ready: {seeded.meetings} new meetings, "
            f"{seeded.invitations} new invitations."
        )
        self.stdout.write(
            f"Demo exchange visit and webinar ready: {visits.meetings} new meetings, "
            f"{visits.reports} new learning reports."
        )
        self.stdout.write(f"Demo minutes ready: {minutes} new minutes.")
