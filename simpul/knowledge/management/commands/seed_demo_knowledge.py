"""Demo knowledge items for `make demo` (see simpul/knowledge/demo.py).

Needs the demo organisations, agreements and monitoring. Safe to run again. Refuses to run in
production."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from simpul.audit.context import acting_as, system_actor

from ...demo import ACTOR, demo_knowledge_seed


class Command(BaseCommand):
    help = "Share the demo world's practices, lessons and research (never in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo_knowledge refuses to run with SIMPUL_ENV=production: it creates "
                "invented knowledge items."
            )
        with acting_as(system_actor(ACTOR)):
            seeded = demo_knowledge_seed()
        for note in seeded.skipped:
            self.stdout.write(f"Skipped {note}")
        self.stdout.write(
            f"Demo knowledge ready: {seeded.items} new items, {seeded.adoptions} new adoptions."
        )
