"""Demo plans, indicators, quarterly data and evaluations for `make demo`.

Needs the demo agreements (run seed_demo and seed_demo_agreements first). Safe to run again:
an agreement that already has a plan or indicators is left alone. Refuses to run in
production. The data itself is described in simpul/monitoring/demo.py.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from simpul.audit.context import acting_as, system_actor

from ...demo import ACTOR, demo_monitoring_seed


class Command(BaseCommand):
    help = "Create demo plans and monitoring data for the demo agreements (never in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo_monitoring refuses to run with SIMPUL_ENV=production: it creates "
                "invented plans and monitoring data."
            )
        today = timezone.localdate()
        with acting_as(system_actor(ACTOR)):
            report = demo_monitoring_seed(today)
            refreshed = self._refresh(report.indicator_ids)
            warned = self._warnings(today)
        for note in report.skipped:
            self.stdout.write(f"Skipped {note}")
        self.stdout.write(
            f"Demo monitoring ready: {report.plans} plans ({report.new_plans} new); new rows: "
            f"{report.indicators} indicators, {report.targets} targets, "
            f"{report.submissions} submissions, {report.values} data values, "
            f"{report.evaluations} evaluations. {refreshed}{warned}"
        )

    def _refresh(self, indicator_ids: list[int]) -> str:
        """Recompute each indicator's latest value, progress and status from verified data."""
        from simpul.monitoring.services.analysis import indicator_refresh

        indicator_refresh(indicator_ids)
        return f"Indicators refreshed: {len(indicator_ids)}."

    def _warnings(self, today) -> str:
        try:
            from simpul.monitoring.services.warnings import warnings_evaluate
        except ImportError:
            return ""
        warnings_evaluate(today)
        return " Early warnings evaluated."
