"""Background work for agreements. Scheduled daily by simpul.core.schedule (see apps.py)."""

from django.utils import timezone
from django_tasks import task


@task()
def daily_agreement_housekeeping() -> dict:
    """Send expiry reminders and move agreements past their end date to expired.
    Idempotent: running it twice in a day sends nothing twice and moves nothing twice."""
    from .services.reminders import agreements_expire_due, agreements_send_expiry_reminders

    today = timezone.localdate()
    sent = agreements_send_expiry_reminders(today)
    expired = agreements_expire_due(today)
    return {"reminders_sent": sent, "expired": len(expired)}
