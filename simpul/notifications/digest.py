"""The daily digest: one e-mail per person, at the hour they chose in their own zone, with
their unread notifications of digest kinds that no digest carried yet, grouped by agreement
or forum.

    send_due_digests(now=None) -> int   the scheduled job (every 15 minutes): digests sent
    digest_send(user, now) -> bool      one person's digest, if due

Exactly once per person and local date, even if the worker dies half-way: the person's
`DigestSchedule` row is locked, the mail enqueued under the key
`notify-digest:{user}:{local date}` and the rows marked digested in one transaction, and
`last_sent_on` (the local date) says the day is done. A rerun after a kill finds either
nothing done (the transaction rolled back) or the day done.
"""

from datetime import datetime
from itertools import groupby
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.core import outbox, zones

from . import registry, selectors, unsubscribe
from .models import Channel, DigestSchedule, Notification, Preference
from .services import absolute


def waiting() -> Any:
    """Notifications waiting for a digest (unread, never digested)."""
    return Notification.objects.filter(
        channel=Channel.DIGEST, read_at__isnull=True, digested_at__isnull=True
    )


def send_due_digests(now: datetime | None = None) -> int:
    now = now or timezone.now()
    people = User.objects.filter(
        pk__in=waiting().values("recipient_id").distinct(), is_active=True
    ).order_by("pk")
    return sum(1 for user in people if digest_send(user, now))


def _groups(rows: list[Notification]) -> list[dict[str, Any]]:
    ordered = sorted(rows, key=lambda row: (row.group_label == "", row.group_label, row.pk))
    return [
        {"label": label, "items": list(items)}
        for label, items in groupby(ordered, key=lambda row: row.group_label)
    ]


def digest_send(user: User, now: datetime) -> bool:
    """Send the person's digest if their hour has come today in their zone and today's has
    not gone yet; True when a digest was enqueued."""
    zone = selectors.user_zone(user)
    local = timezone.localtime(now, zones.zone_info(zone))
    with transaction.atomic():
        DigestSchedule.objects.get_or_create(user=user)
        schedule = DigestSchedule.objects.select_for_update().get(user=user)
        if local.hour < schedule.hour or schedule.last_sent_on == local.date():
            return False
        off = Preference.objects.filter(user=user, channel=Channel.OFF).values("kind")
        rows = list(waiting().filter(recipient=user).exclude(kind__in=off))
        if not rows:
            return False
        counts: dict[str, int] = {}
        for row in rows:
            counts[row.kind] = counts.get(row.kind, 0) + 1
        main_kind = max(counts, key=lambda key: counts[key])
        with translation.override(user.language):
            kinds = [
                {
                    "label": _kind_label(key),
                    "unsubscribe_url": unsubscribe.url_for(user.pk, key),
                }
                for key in sorted(counts)
            ]
            context = {
                "user": user,
                "groups": _groups(rows),
                "kinds": kinds,
                "count": len(rows),
                "date": local.date(),
                "zone_label": zones.label(zone),
                "site_url": absolute(""),
                "list_url": absolute(reverse("notifications:notification-list")),
                "preferences_url": absolute(reverse("notifications:preferences")),
            }
            subject = _("Simpul: your daily digest, %(count)d new") % {"count": len(rows)}
            text = render_to_string("notifications/email/digest.txt", context)
        outbox.enqueue(
            key=f"notify-digest:{user.pk}:{local.date().isoformat()}",
            to=user.email,
            subject=subject,
            text=text,
            language=user.language,
            headers=unsubscribe.headers_for(user.pk, main_kind),
        )
        Notification.objects.filter(pk__in=[row.pk for row in rows]).update(digested_at=now)
        schedule.last_sent_on = local.date()
        schedule.save(update_fields=["last_sent_on", "updated_at"])
    return True


def _kind_label(key: str) -> str:
    try:
        return str(registry.kind(key).label)
    except LookupError:  # a kind whose app is gone: its rows still go out, plainly named
        return key
