from datetime import UTC, datetime

from simpul.complaints import services
from simpul.notifications.models import Notification
from simpul.notifications.services import preference_set

from .factories import make_complaint


def test_a_deadline_reminder_is_a_notification_with_the_complaint_and_its_link(
    cast, public_agreement
):
    complaint = make_complaint(
        agreement=public_agreement, received_at=datetime(2026, 8, 10, 2, tzinfo=UTC)
    )
    services.complaints_housekeeping(datetime(2026, 8, 12, 2, tzinfo=UTC))
    notice = Notification.objects.get(recipient=cast.sari, kind="complaints.deadline")
    assert complaint.tracking_code in notice.title + notice.body
    assert "Hello," not in notice.body and "Halo," not in notice.body  # the content only
    assert notice.url.endswith(f"/{complaint.pk}/")
    assert notice.group == f"agreement:{public_agreement.pk}"


def test_an_admin_who_turned_complaint_deadlines_off_is_not_reminded(cast, public_agreement):
    from django.core import mail

    from simpul.core import outbox

    preference_set(user=cast.sari, kind="complaints.deadline", channel="off")
    make_complaint(agreement=public_agreement, received_at=datetime(2026, 8, 10, 2, tzinfo=UTC))
    services.complaints_housekeeping(datetime(2026, 8, 12, 2, tzinfo=UTC))
    outbox.deliver_due()
    assert cast.sari.email not in {address for m in mail.outbox for address in m.to}
