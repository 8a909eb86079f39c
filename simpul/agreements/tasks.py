"""Background work for agreements. Scheduled daily by simpul.core.schedule (see apps.py)."""

from django.utils import timezone
from django_tasks import task

from simpul.core import zones


@task()
def daily_agreement_housekeeping(zone: str | None = None) -> dict:
    """Send expiry reminders and move agreements past their end date to expired: with `zone`,
    those registered by an organisation in that zone, on its local date (the schedule runs
    once per zone); without, every agreement on the server's date.
    Idempotent: running it twice in a day sends nothing twice and moves nothing twice."""
    from .services.reminders import agreements_expire_due, agreements_send_expiry_reminders

    today = zones.today_in(zone) if zone else timezone.localdate()
    sent = agreements_send_expiry_reminders(today, zone=zone)
    expired = agreements_expire_due(today, zone=zone)
    return {"reminders_sent": sent, "expired": len(expired)}
