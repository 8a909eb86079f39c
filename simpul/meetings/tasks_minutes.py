"""Background work of the minutes: reminders of overdue action items."""

from django_tasks import task


@task()
def overdue_action_reminders(zone: str) -> int:
    """Remind owners (in `zone`) of their open action items past due. Runs each morning per
    zone (`schedule.daily(per_zone=True)`); idempotent: one outbox key per item and day."""
    from simpul.audit.context import acting_as, system_actor

    from .services.minutes import overdue_reminders_send

    with acting_as(system_actor("overdue_action_reminders")):
        return overdue_reminders_send(zone=zone)
