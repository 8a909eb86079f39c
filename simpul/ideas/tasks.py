"""Background work of the ideas app. Scheduled daily by simpul.core.schedule (apps.py)."""

from django_tasks import task

from simpul.audit.context import acting_as, system_actor


@task()
def daily_ideas_housekeeping() -> int:
    """Delete citizens' ideas left unconfirmed past the confirmation period. Idempotent."""
    from .services import citizen_ideas_purge_unconfirmed

    with acting_as(system_actor("ideas-housekeeping")):
        return citizen_ideas_purge_unconfirmed()
