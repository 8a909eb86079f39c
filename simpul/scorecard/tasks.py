"""Background work of the scorecard. Scheduled daily by simpul.core.schedule (apps.py)."""

from django.utils import timezone
from django_tasks import task

from simpul.audit.context import acting_as, system_actor


@task()
def daily_scores_refresh() -> dict:
    """Recompute this year's scores (and, in January, last year's: its data are still coming
    in). Idempotent: a second run stores the same rows. Clears the public page cache."""
    from simpul.core.public_cache import bump

    from .services import scores_refresh

    today = timezone.localdate()
    years = [today.year - 1, today.year] if today.month == 1 else [today.year]
    with acting_as(system_actor("scorecard-refresh")):
        results = [scores_refresh(year, today=today) for year in years]
    bump()
    return {"years": results}
