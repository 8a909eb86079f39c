"""Django's flush, allowed to empty event tables (simpul.core.events): tests flush the database
between transactional tests, and SQLite deletes row by row, which the event triggers refuse."""

from typing import Any

from django.core.management.commands.flush import Command as DjangoFlush

from simpul.core.events import immutability_suspended


class Command(DjangoFlush):
    def handle(self, **options: Any) -> None:
        with immutability_suspended(options.get("database") or "default"):
            super().handle(**options)
