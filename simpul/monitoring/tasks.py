"""Background work of the monitoring app. Scheduled daily by simpul.core.schedule (apps.py)."""

from django.utils import timezone
from django_tasks import task

from simpul.audit.context import acting_as, system_actor


@task()
def daily_monitoring_housekeeping() -> dict:
    """Evaluate the early-warning rules, send late-data reminders, then e-mail the digest of
    new warnings. Idempotent: a second run on the same day raises, reminds and sends nothing
    again (open warnings are refreshed, reminders and digests are marked as sent)."""
    from .services.collection import late_data_reminders_send
    from .services.warnings import warnings_digest_send, warnings_evaluate

    today = timezone.localdate()
    with acting_as(system_actor("monitoring-housekeeping")):
        warnings = warnings_evaluate(today)
        reminders = late_data_reminders_send(today)
        digests = warnings_digest_send(timezone.now())
    return {
        "warnings_raised": warnings["raised"],
        "warnings_refreshed": warnings["refreshed"],
        "warnings_resolved": warnings["resolved"],
        "late_data_reminders_sent": reminders,
        "digests_sent": digests,
    }
