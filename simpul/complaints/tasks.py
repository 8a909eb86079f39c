"""Background work of the complaints app. Scheduled daily by simpul.core.schedule (apps.py)."""

from django_tasks import task

from simpul.audit.context import acting_as, system_actor


@task()
def daily_complaints_housekeeping(zone: str | None = None) -> dict:
    """Reminders before deadlines, escalation after them, automatic closing after the answer
    and the purge of unconfirmed complaints. Idempotent within a day (last_reminder_on)."""
    from .services import complaints_housekeeping

    with acting_as(system_actor("complaints-housekeeping")):
        return complaints_housekeeping(zone=zone)
