"""Reads of the notification centre: a person's list, unread count and channel choices."""

from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When

from simpul.accounts.models import User
from simpul.core import zones
from simpul.organizations.access import memberships_of

from . import registry
from .models import DigestSchedule, Notification, Preference

# The header shows "99+" beyond this: counting stops there, so a person with a million
# unread rows costs what one with a hundred does.
COUNT_CAP = 99


def unread_count(user: User) -> int:
    """Unread notifications, counted up to COUNT_CAP + 1 (one indexed query)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    # A sliced count is SELECT COUNT(*) FROM (SELECT … LIMIT 100): it stops at the cap.
    return unread.values("id")[: COUNT_CAP + 1].count()


def count_label(count: int) -> str:
    return f"{COUNT_CAP}+" if count > COUNT_CAP else str(count)


def notifications_for(user: User, *, order: str = "unread") -> QuerySet[Notification]:
    """The person's own notifications, unread first (then newest) or newest first."""
    rows = Notification.objects.filter(recipient=user).select_related("actor")
    if order == "newest":
        return rows.order_by("-created_at", "-id")
    return rows.annotate(
        unread=Case(
            When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("unread", "-created_at", "-id")


def user_zone(user: User) -> str:
    """The person's zone: their first organisation's region's (as the pages show times)."""
    for membership in memberships_of(user):
        region = membership.organization.region
        if region is not None:
            return zones.zone_of(region)
    return zones.WIB


def preferences_for(user: User) -> list[dict[str, Any]]:
    """Each registered kind with the person's channel (their own or the default for their
    roles) and whether it is their own choice."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "channel"))
    roles = {membership.role for membership in memberships_of(user)}
    rows = []
    for spec in registry.kinds():
        default = spec.default_for(roles)
        rows.append(
            {
                "kind": spec,
                "channel": chosen.get(spec.key, default),
                "default": default,
                "own": spec.key in chosen,
            }
        )
    return rows


def digest_hour(user: User) -> int:
    row = DigestSchedule.objects.filter(user=user).first()
    return row.hour if row else DigestSchedule._meta.get_field("hour").get_default()
