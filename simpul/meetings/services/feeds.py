"""A person's secret calendar-feed address: started, looked up by its token, revoked."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import CalendarFeed


def feed_start(*, user: Any) -> CalendarFeed:
    """The person's live feed, made on first use (one live feed per person)."""
    live = CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()
    if live is not None:
        return live
    try:
        with transaction.atomic():
            return CalendarFeed.objects.create(user=user)
    except IntegrityError:  # a second tab made it at the same moment
        return CalendarFeed.objects.get(user=user, revoked_at__isnull=True)


def feed_revoke(*, user: Any) -> int:
    """Stop the person's feed address for good; a new one can be started."""
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), updated_at=timezone.now()
    )


def feed_for_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 64:
        return None
    return (
        CalendarFeed.objects.filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .select_related("user")
        .first()
    )
