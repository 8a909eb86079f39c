"""Expiry: reminders before an agreement's end date, and moving expired agreements.

    agreements_send_expiry_reminders(today, zone=None) -> int   (people notified)
    agreements_expire_due(today, zone=None) -> list[int]        (agreements moved to expired)

With `zone`, only agreements whose registering organisation is in that zone
(simpul.core.zones.zone_of): the worker runs them per zone on that zone's local date.

Both are idempotent; the daily housekeeping task (tasks.py) calls them.

Reminders go out at 180, 90 and 30 days before the end date and on the day it passes
(threshold 0), to the admins and coordinators of every party organisation (and the
registering one), one notification per person per threshold (kind "agreements.expiry",
e-mailed at once unless the person chose otherwise). The threshold sent is the nearest
one that has been reached, so a worker that was down for a week still sends the reminder
it missed, and an agreement registered 20 days before its end gets only the 30-day one.
An ExpiryReminder row (unique per agreement, end date, threshold) marks it sent; a changed
end date (an addendum) starts the reminders again. The marker and the e-mails (outbox rows,
simpul.core.outbox) commit in one transaction and the worker delivers them afterwards, so a
crash part-way neither loses a reminder nor sends one twice.
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.audit.context import acting_as, system_actor
from simpul.core import zones
from simpul.core.errors import DomainError
from simpul.core.formats import long_date
from simpul.notifications.services import notify, per_person
from simpul.organizations.models import Membership

from ..models import ACTIVE_STATES, Agreement, ExpiryReminder
from ..notification_kinds import EXPIRY
from ..workflow import agreement_transition

logger = logging.getLogger("simpul.agreements")

THRESHOLDS = (180, 90, 30, 0)
EXPIRING_STATES = ("active", "extended")
REMINDER_ROLES = (Membership.Role.ADMIN, Membership.Role.COORDINATOR)


def threshold_for(days_left: int) -> int | None:
    """The nearest threshold reached: 100 days left → 180; 10 → 30; past the end → 0."""
    if days_left <= 0:
        return 0
    reached = [t for t in THRESHOLDS if t > 0 and days_left <= t]
    return min(reached) if reached else None


def _recipients(agreement: Agreement) -> list:
    org_ids = set(agreement.parties.values_list("organization_id", flat=True))
    org_ids.add(agreement.owner_id)
    memberships = (
        Membership.objects.filter(
            organization_id__in=org_ids, role__in=REMINDER_ROLES, user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    )
    people = {}
    for membership in memberships:
        people.setdefault(membership.user_id, membership.user)
    return list(people.values())


def _notify(agreement: Agreement, people: list, days_before: int) -> int:
    """One notification per person (e-mailed at once unless they chose otherwise), each
    in their own language."""

    def values() -> dict:
        return {
            "code": agreement.reference_code,
            "title": agreement.title,
            "end": long_date(agreement.end_date),
            "days": days_before,
        }

    def title() -> str:
        if days_before == 0:
            return _("Agreement %(code)s has reached its end date") % values()
        return _("Agreement %(code)s ends in %(days)s days") % values()

    def body() -> str:
        if days_before == 0:
            lead = _("The agreement %(code)s “%(title)s” ended on %(end)s.") % values()
        else:
            lead = (
                _("The agreement %(code)s “%(title)s” ends on %(end)s, in %(days)s days.")
                % values()
            )
        advice = _(
            "If the cooperation should continue, prepare an addendum to extend it; "
            "otherwise plan its end and evaluation."
        )
        return f"{lead}\n\n{advice}"

    return notify(
        kind=EXPIRY,
        recipients=people,
        key=f"agreement-expiry:{agreement.pk}:{agreement.end_date.isoformat()}:{days_before}",
        title=per_person(title),
        body=per_person(body),
        url=agreement.get_absolute_url(),
        subject=f"agreement:{agreement.pk}",
        group=f"agreement:{agreement.pk}",
        group_label=f"{agreement.reference_code} {agreement.title}",
    )


def _in_zone(agreements, zone: str | None) -> list[Agreement]:
    if zone is None:
        return list(agreements)
    return [a for a in agreements.select_related("owner__region") if zones.zone_of(a.owner) == zone]


def agreements_send_expiry_reminders(today=None, zone: str | None = None) -> int:
    """Enqueue the reminders due on `today`; returns the number of e-mails enqueued."""
    today = today or timezone.localdate()
    sent = 0
    candidates = Agreement.objects.filter(
        state__in=ACTIVE_STATES,
        end_date__isnull=False,
        end_date__lte=today + timedelta(days=THRESHOLDS[0]),
    ).order_by("end_date", "pk")
    with acting_as(system_actor("expiry_reminders")):
        for agreement in _in_zone(candidates, zone):
            threshold = threshold_for((agreement.end_date - today).days)
            if threshold is None:
                continue
            try:
                with transaction.atomic():
                    ExpiryReminder.objects.create(
                        agreement=agreement,
                        end_date=agreement.end_date,
                        days_before=threshold,
                        sent_at=timezone.now(),
                    )
                    sent += _notify(agreement, _recipients(agreement), threshold)
            except IntegrityError:
                continue  # sent already
    return sent


def agreements_expire_due(today=None, zone: str | None = None) -> list[int]:
    """Move active (or extended) agreements whose end date has passed to expired, each with a
    system event (no actor, label "system:expiry"). Returns the ids moved."""
    today = today or timezone.localdate()
    moved = []
    due = Agreement.objects.filter(state__in=EXPIRING_STATES, end_date__lt=today).order_by("pk")
    with acting_as(system_actor("expiry")):
        for agreement in _in_zone(due, zone):
            try:
                agreement_transition(
                    agreement=agreement,
                    transition_code="expire",
                    user=None,
                    note=_("The end date (%(end)s) has passed.")
                    % {"end": long_date(agreement.end_date)},
                    accept_warnings=True,
                    expected_version=agreement.version,
                    actor_label="system:expiry",
                )
            except DomainError as error:
                logger.warning("Agreement %s not expired: %s", agreement.pk, error)
                continue
            moved.append(agreement.pk)
    return moved
