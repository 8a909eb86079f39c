"""Background work of meetings: the reminders."""

from django_tasks import task


@task()
def meeting_reminders() -> int:
    """Remind invitees the day before and an hour before (services.reminders_send). Runs
    every quarter of an hour; idempotent: each reminder has its own outbox key."""
    from simpul.audit.context import acting_as, system_actor

    from .services import reminders_send

    with acting_as(system_actor("meeting_reminders")):
        return reminders_send()
