"""Load the regions reference data and give every region its regional-government organisation.

It lives in the organizations app because it creates organisations; the regions app does not
know about organisations. Safe to run again: a second run creates nothing.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from simpul.audit.context import acting_as, system_actor
from simpul.organizations.services import governments_ensure
from simpul.regions.services import regions_load


class Command(BaseCommand):
    help = (
        "Load Indonesia's provinces, regencies and cities (codes, boundaries, borders) from "
        "simpul/regions/data/ and create a government organisation for each region."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-boundaries",
            action="store_true",
            help="Skip the boundaries (faster; maps stay empty).",
        )

    def handle(self, *args, without_boundaries: bool = False, **options):
        with acting_as(system_actor("load_regions")), transaction.atomic():
            report = regions_load(with_boundaries=not without_boundaries)
            report.governments_created = governments_ensure()
        self.stdout.write(
            self.style.SUCCESS(
                f"Regions: {report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged."
            )
        )
        self.stdout.write(
            f"Borders: {report.borders} created. Codes: {report.codes} created. "
            f"Successions: {report.successions} created."
        )
        self.stdout.write(f"Government organisations: {report.governments_created} created.")
        for note in report.notes:
            self.stdout.write(f"Note: {note}")
