"""Background work of consultations: telling the moderators about a confirmed comment, and
closing consultations whose window has ended (daily, simpul.core.schedule in apps.py)."""

from django_tasks import task

from simpul.audit.context import acting_as, system_actor


@task()
def notify_moderators(comment_id: int) -> int:
    """E-mail the moderators that a confirmed comment waits for them. Runs once per
    confirmation; a comment already moderated sends nothing."""
    from .services import moderators_notify

    with acting_as(system_actor("consultations-notify")):
        return moderators_notify(comment_id)


@task()
def daily_consultations_housekeeping() -> dict:
    """Close open consultations whose window has ended. Idempotent."""
    from .services import consultations_close_expired

    with acting_as(system_actor("consultations-housekeeping")):
        return {"closed": consultations_close_expired()}
