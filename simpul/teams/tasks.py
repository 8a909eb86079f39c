"""Background work for teams. Scheduled daily by simpul.core.schedule (see apps.py)."""

from django.utils import timezone
from django_tasks import task

from simpul.audit.context import acting_as, system_actor
from simpul.core import zones


@task()
def daily_team_reminders(zone: str | None = None) -> dict[str, int]:
    """Term reminders for the teams of organisations in `zone`, on its local date (the
    schedule runs once per zone); idempotent, so a second run sends nothing twice."""
    from .reminders import teams_send_term_reminders

    today = zones.today_in(zone) if zone else timezone.localdate()
    with acting_as(system_actor("team_reminders")):
        return {"reminders": teams_send_term_reminders(today, zone=zone)}
