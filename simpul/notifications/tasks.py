"""Background work of the notification centre. Scheduled by simpul.core.schedule (apps.py)."""

from django_tasks import task

from simpul.audit.context import acting_as, system_actor


@task()
def send_due_digests() -> int:
    """Send the daily digests whose hour has come in each person's zone. Idempotent."""
    from .digest import send_due_digests as send

    with acting_as(system_actor("notification-digest")):
        return send()
