"""Reads for the agreement engine: who is behind on obligations, what expires soon."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from simpul.core import zones

from .access import agreements_visible_to
from .models import Agreement, Obligation, Party


def party_obligation_summary(agreement: Agreement) -> list[dict]:
    """Per party (in order): counts of pending / fulfilled / late obligations, the money
    total, and `behind` (has a late obligation, or a pending one past the end of its due
    date in the party's own zone, simpul.core.zones). Two queries whatever the number of
    parties or obligations."""
    # A date before today in a zone is exactly a deadline whose end has passed there; count
    # per zone in SQL and keep the party's own (zones.zone_of) in Python.
    now = timezone.now()
    overdue_in = {
        zone: Count(
            "obligations",
            filter=Q(
                obligations__status=Obligation.Status.PENDING,
                obligations__due_date__lt=zones.local_date(now, zone),
            ),
        )
        for zone in zones.ZONES
    }
    parties = (
        Party.objects.filter(agreement=agreement)
        .select_related("organization__region")
        .defer("organization__region__boundary", "organization__region__bbox")
        .annotate(
            pending=Count("obligations", filter=Q(obligations__status=Obligation.Status.PENDING)),
            fulfilled=Count(
                "obligations", filter=Q(obligations__status=Obligation.Status.FULFILLED)
            ),
            late=Count("obligations", filter=Q(obligations__status=Obligation.Status.LATE)),
            **{f"overdue_{zones.LABELS[zone]}": count for zone, count in overdue_in.items()},
            money_total=Sum(
                "obligations__amount", filter=Q(obligations__kind=Obligation.Kind.MONEY)
            ),
        )
        .order_by("position", "pk")
    )
    summaries = []
    for party in parties:
        overdue = getattr(party, f"overdue_{zones.LABELS[zones.zone_of(party)]}")
        summaries.append(
            {
                "party": party,
                "pending": party.pending,
                "fulfilled": party.fulfilled,
                "late": party.late,
                "overdue": overdue,
                "money_total": party.money_total or Decimal("0"),
                "behind": bool(party.late or overdue),
            }
        )
    return summaries


def agreements_expiring_for(user, days: int = 180):
    """Agreements in force that the user can see and that end within `days` (soonest first),
    for the dashboard."""
    today = timezone.localdate()
    return (
        agreements_visible_to(user)
        .in_force()
        .filter(end_date__gte=today, end_date__lte=today + timedelta(days=days))
        .select_related("owner")
        .order_by("end_date", "pk")
    )
