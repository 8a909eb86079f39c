"""Background work of the monitoring app, scheduled by simpul.core.schedule (apps.py): just
after each zone's midnight the data that became late there is marked; reminders go out at
08:00 in each party's zone; warnings and their digest once a day for the whole country."""

from django.utils import timezone
from django_tasks import task

from simpul.audit.context import acting_as, system_actor


@task()
def lateness_settle_zone(zone: str | None = None) -> dict:
    """Mark late the data whose due date has just ended in `zone` (every zone when None)
    with nothing submitted. Idempotent."""
    from .services.lateness import lateness_settle

    return {"marked_late": lateness_settle(zone=zone)}


@task()
def daily_late_data_reminders(zone: str | None = None) -> dict:
    """Remind the data officers of parties in `zone` (every zone when None) whose data is
    late. Idempotent per (period, party) and local day."""
    from .services.collection import late_data_reminders_send

    return {"late_data_reminders_sent": late_data_reminders_send(zone=zone)}


@task()
def daily_monitoring_housekeeping() -> dict:
    """Evaluate the early-warning rules, then e-mail the digest of new warnings. Idempotent:
    a second run on the same day raises and sends nothing again (open warnings are
    refreshed, digests are marked as sent). Lateness is settled first, in case the midnight
    run of a zone was missed."""
    from .services.lateness import lateness_settle
    from .services.warnings import warnings_digest_send, warnings_evaluate

    today = timezone.localdate()
    with acting_as(system_actor("monitoring-housekeeping")):
        lateness_settle()
        warnings = warnings_evaluate(today)
        digests = warnings_digest_send(timezone.now())
    return {
        "warnings_raised": warnings["raised"],
        "warnings_refreshed": warnings["refreshed"],
        "warnings_resolved": warnings["resolved"],
        "digests_sent": digests,
    }
