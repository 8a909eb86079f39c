from django.core.management.base import BaseCommand, CommandError

from simpul.agreements.models import Family
from simpul.agreements.workflow import workflow_copy_for_region
from simpul.audit.context import acting_as, system_actor
from simpul.regions.services import region_resolve_code


class Command(BaseCommand):
    help = (
        "Give a region its own copy of the national workflow of a family (e.g. ksdd 34.71), "
        "to adapt in the admin to its Perda/Perkada."
    )

    def add_arguments(self, parser):
        parser.add_argument("family", choices=Family.values)
        parser.add_argument("region_code")

    def handle(self, *, family, region_code, **options):
        region = region_resolve_code(region_code)
        if region is None:
            raise CommandError(f"There is no region with the code {region_code}")
        with acting_as(system_actor("workflow_copy_for_region")):
            workflow = workflow_copy_for_region(family=family, region=region)
        self.stdout.write(
            f"{workflow.name}: {workflow.stages.count()} stages, "
            f"{workflow.transitions.count()} transitions (workflow id {workflow.pk})."
        )
