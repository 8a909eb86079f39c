"""Who may see a notification: its recipient, nobody else (not even an overseer or admin)."""

from django.http import Http404

from simpul.accounts.access import AnyUser

from .models import Notification


def notification_get_for_user(user: AnyUser, pk: int) -> Notification:
    """The person's own notification, or 404 (someone else's is not known to exist)."""
    if not user.is_authenticated:
        raise Http404
    row = Notification.objects.filter(recipient_id=user.pk, pk=pk).first()
    if row is None:
        raise Http404
    return row
