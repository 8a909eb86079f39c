"""Recompute the governance scores now (what the worker does each night), for the last
`--years` years up to this one. `make seed` runs it last, so the demo's scores include every
seed's records (meetings and knowledge come after the public seed)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from simpul.audit.context import acting_as, system_actor
from simpul.core.public_cache import bump

from ...services import scores_refresh


class Command(BaseCommand):
    help = "Recompute the governance scores of the last years now (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=3, choices=range(1, 11))

    def handle(self, *args, **options):
        today = timezone.localdate()
        first = today.year - options["years"] + 1
        with acting_as(system_actor("scorecard-refresh")):
            results = [scores_refresh(year, today=today) for year in range(first, today.year + 1)]
        bump()
        for r in results:
            self.stdout.write(
                f"Scores {r['year']}: {r['agreements']} agreements, {r['regions']} regions."
            )
