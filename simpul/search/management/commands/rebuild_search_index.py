"""Rebuild the search index from the records: after a restore, a bulk import, a change of
publication rules, or anything else that wrote without the services (queryset updates, raw
SQL, `loaddata`). Safe to run at any time; each kind is replaced in batches."""

import time

from django.core.management.base import BaseCommand, CommandError

from simpul.audit.context import acting_as, system_actor
from simpul.search import index, registry


class Command(BaseCommand):
    help = "Rebuild the full-text search index (all kinds, or those named)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="only these kinds (default: all)")

    def handle(self, *args, **options):
        known = {kind.name for kind in registry.kinds()}
        unknown = set(options["kinds"]) - known
        if unknown:
            raise CommandError(f"unknown kinds {sorted(unknown)}; known: {sorted(known)}")
        started = time.monotonic()

        def progress(kind: str, done: int) -> None:
            if options["verbosity"] >= 1 and done % 10_000 < index.BATCH:
                elapsed = time.monotonic() - started
                self.stdout.write(f"  {kind}: {done:,} documents ({elapsed:.1f} s)")

        with acting_as(system_actor("rebuild_search_index")):
            counts = index.rebuild(options["kinds"] or None, progress=progress)
        total = sum(counts.values())
        summary = ", ".join(f"{kind} {count:,}" for kind, count in counts.items())
        self.stdout.write(
            f"Search index rebuilt: {total:,} documents ({summary}) "
            f"in {time.monotonic() - started:.1f} s."
        )
