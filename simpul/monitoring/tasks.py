"""Background work of the monitoring app (filled in by the warnings work)."""

from django_tasks import task


@task()
def daily_monitoring_housekeeping() -> None:
    return None
