"""Writes of the notification centre: notify people, follow subjects, read, choose channels.

notify(*, kind, recipients, key, title, url, body="", actor=None, subject="", group="",
       group_label="", attachments=None) -> int
follow(user, subject, *, auto=False) / unfollow(user, subject)
is_following(user, subject) -> bool / followers(subject) -> QuerySet[User]
notification_mark_read(*, row) / notifications_mark_all_read(*, user) -> int
preference_set(*, user, kind, channel) / digest_hour_set(*, user, hour)
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.core import outbox
from simpul.core.errors import InvalidInput
from simpul.organizations.models import Membership

from . import registry, unsubscribe
from .models import Channel, DigestSchedule, Follow, Notification, Preference

Text = str | Promise


def per_person(render: Callable[[], str]) -> Promise:
    """A text rendered again for each recipient with their language active: for texts that
    `format_lazy` cannot express (a "%(name)s" message, a date in the reader's words).

        title=per_person(lambda: _("Agreement %(code)s ends") % {"code": code})
    """
    # lazy() is typed as returning the wrapped function's result type; it is a Promise.
    return lazy(render, str)()  # type: ignore[return-value]


def channels_for(users: list[User], kind: str) -> dict[int, str]:
    """Each person's channel for a kind: their own choice, else the kind's default for their
    roles. At most two queries, whatever the number of people."""
    spec = registry.kind(kind)
    pks = [user.pk for user in users]
    chosen = dict(
        Preference.objects.filter(kind=kind, user_id__in=pks).values_list("user_id", "channel")
    )
    missing = [pk for pk in pks if pk not in chosen]
    roles: dict[int, set[str]] = defaultdict(set)
    if missing and spec.defaults_by_role:
        memberships = Membership.objects.filter(
            user_id__in=missing, organization__is_active=True
        ).values_list("user_id", "role")
        for user_pk, role in memberships:
            roles[user_pk].add(role)
    return {pk: chosen.get(pk) or spec.default_for(roles[pk]) for pk in pks}


def _outbox_key(kind: str, key: str) -> str:
    """The mail's outbox key: the effect's own key (so the outbox reads as before the
    notification centre: "meeting-update:7:2:31") and the kind; (key, recipient) is unique
    in the outbox, so the person is not part of it."""
    full = f"{key}:{kind}"
    if len(full) <= 200:
        return full
    return hashlib.sha256(key.encode()).hexdigest() + f":{kind}"


def absolute(url: str) -> str:
    return settings.SITE_URL + url if url.startswith("/") else url


def _mail(
    user: User,
    row: Notification,
    attachments: list[outbox.Attachment] | None,
    html: Text = "",
) -> outbox.Mail:
    context = {
        "notification": row,
        "link": absolute(row.url),
        "unsubscribe_url": unsubscribe.url_for(user.pk, row.kind),
        "kind_label": registry.kind(row.kind).label,
        "preferences_url": absolute(reverse("notifications:preferences")),
    }
    mail: outbox.Mail = {
        "key": _outbox_key(row.kind, row.key),
        "to": user.email,
        "subject": row.title,
        "text": render_to_string("notifications/email/notification.txt", context),
        "language": user.language,
        "headers": unsubscribe.headers_for(user.pk, row.kind),
    }
    if attachments:
        mail["attachments"] = attachments
    if html:
        mail["html"] = str(html)
    return mail


def notify(
    *,
    kind: str,
    recipients: Iterable[User],
    key: str,
    title: Text,
    url: str,
    body: Text = "",
    actor: User | None = None,
    subject: str = "",
    group: str = "",
    group_label: Text = "",
    attachments: list[outbox.Attachment] | None = None,
    email_html: Text = "",
) -> int:
    """Tell these people that something happened; returns how many were newly notified.

    Duplicates, the actor and inactive accounts are dropped, and so is anyone who turned the
    kind off. (recipient, kind, key) is unique: calling again with the same key creates and
    mails nothing twice. Texts are rendered in each person's language. In-app rows are
    inserted in one statement in the caller's transaction; people whose channel is "now" get
    an e-mail through the outbox (with the one-click unsubscribe headers, and `attachments`
    such as a meeting's .ics, and `email_html`, an HTML part rendered like the texts). A
    constant number of queries, whatever the number of people.
    """
    registry.kind(kind)  # LookupError for an unknown kind: a programming error
    if not key or len(key) > 200:
        raise ValueError("a notification key is 1 to 200 characters")
    people: dict[int, User] = {}
    for user in recipients:
        if user is None or not user.is_active or (actor is not None and user.pk == actor.pk):
            continue
        people.setdefault(user.pk, user)
    if not people:
        return 0
    channels = channels_for(list(people.values()), kind)
    wanted = [pk for pk in people if channels[pk] != Channel.OFF]
    if not wanted:
        return 0
    already = set(
        Notification.objects.filter(kind=kind, key=key, recipient_id__in=wanted).values_list(
            "recipient_id", flat=True
        )
    )
    rows: list[Notification] = []
    mails: list[outbox.Mail] = []
    for pk in wanted:
        if pk in already:
            continue
        user = people[pk]
        with translation.override(user.language):
            row = Notification(
                recipient=user,
                kind=kind,
                key=key,
                title=" ".join(str(title).split())[:300],
                body=str(body),
                url=url[:500],
                actor=actor,
                subject=subject[:100],
                group=group[:100],
                group_label=str(group_label)[:300],
                channel=channels[pk],
            )
            if row.channel == Channel.NOW:
                mails.append(_mail(user, row, attachments, email_html))
        rows.append(row)
    if rows:
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if mails:
        outbox.enqueue_many(mails)
    return len(rows)


# --- follows --------------------------------------------------------------------------------


def follow(user: User, subject: str, *, auto: bool = False) -> bool:
    """Follow a subject; True when the person follows it now. An app's automatic follow
    (`auto=True`: "the author of a thread follows it") never overrides an explicit unfollow."""
    if auto:
        row, _created = Follow.objects.get_or_create(user=user, subject=subject)
        return row.active
    Follow.objects.update_or_create(user=user, subject=subject, defaults={"active": True})
    return True


def unfollow(user: User, subject: str) -> None:
    """Stop following, and remember it (so no automatic follow comes back)."""
    Follow.objects.update_or_create(user=user, subject=subject, defaults={"active": False})


def is_following(user: Any, subject: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(user=user, subject=subject, active=True).exists()


def followers(subject: str) -> QuerySet[User]:
    """The active people who follow a subject."""
    return User.objects.filter(
        follows__subject=subject, follows__active=True, is_active=True
    ).distinct()


# --- reading and choosing -------------------------------------------------------------------


def notification_mark_read(*, row: Notification) -> Notification:
    """Mark a notification read (the caller got it through access.notification_get_for_user)."""
    if row.read_at is None:
        Notification.objects.filter(pk=row.pk, read_at__isnull=True).update(read_at=timezone.now())
    return row


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def preference_set(*, user: User, kind: str, channel: str) -> bool:
    """Set a person's channel for a kind; False when it was already that channel."""
    registry.kind(kind)
    if channel not in registry.CHANNELS:
        raise InvalidInput(_("Choose one of the offered channels."))
    with transaction.atomic():
        row, created = Preference.objects.get_or_create(
            user=user, kind=kind, defaults={"channel": channel}
        )
        if created:
            return True
        if row.channel == channel:
            return False
        row.channel = channel
        row.save(update_fields=["channel", "updated_at"])
        return True


def digest_hour_set(*, user: User, hour: int) -> None:
    if not 0 <= hour <= 23:
        raise InvalidInput(_("The digest hour is between 0 and 23."))
    DigestSchedule.objects.update_or_create(user=user, defaults={"hour": hour})
