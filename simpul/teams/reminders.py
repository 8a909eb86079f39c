"""Reminders of ending terms: a team's term (its latest decree) and each member's own term,
90 and 30 days before the end and on the day, to the team's current chair and the owning
organisation's admins, as notifications of the kind `teams.term` (`notify`: e-mailed at once
by default, through the outbox, each with its one-click unsubscribe; a person may choose the
digest, the app only, or off).

The threshold sent is the nearest one reached (a worker down for a week still sends the one it
missed; the on-the-day one is caught up for a week, no longer). No marker table: the
notification key (`team-term:…:{end}:{days}`) is deterministic and (recipient, kind, key) is
unique, so a re-run notifies nobody again, and a changed end date (a new decree) starts again.
Keys carry the end date, so no purge ever lets one go out twice.
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.core import zones
from simpul.core.formats import long_date
from simpul.notifications.services import notify, per_person
from simpul.organizations.models import Membership

from .models import REMINDER_DAYS, Team, TeamMember
from .notification_kinds import TERM

CATCH_UP_DAYS = 7


def threshold_for(days_left: int) -> int | None:
    """90 for 31–90 days left, 30 for 1–30, 0 on the day (and for a week after)."""
    if -CATCH_UP_DAYS <= days_left <= 0:
        return 0
    reached = [t for t in REMINDER_DAYS if t > 0 and 0 < days_left <= t]
    return min(reached) if reached else None


def _recipients(team: Team, today: date) -> list[User]:
    people: dict[int, User] = {}
    admins = Membership.objects.filter(
        organization_id=team.organization_id, role=Membership.Role.ADMIN, user__is_active=True
    ).select_related("user")
    chairs = TeamMember.objects.filter(
        team=team,
        role=TeamMember.Role.CHAIR,
        term_start__lte=today,
        term_end__gte=today - timedelta(days=CATCH_UP_DAYS),
        user__is_active=True,
    ).select_related("user")
    for chair in chairs:
        people.setdefault(chair.user.pk, chair.user)
    for admin in admins:
        people.setdefault(admin.user.pk, admin.user)
    return sorted(people.values(), key=lambda user: user.pk)


def _notify(team: Team, people: list[User], *, whose: str, end: date, days: int, key: str) -> None:
    def values() -> dict[str, object]:
        # Rendered per recipient, in their language (a member's name stays as it is).
        return {"team": team.name, "whose": whose or _("the team"), "end": long_date(end)}

    def title() -> str:
        if days == 0:
            return _("The term of %(whose)s in %(team)s has ended") % values()
        return _("The term of %(whose)s in %(team)s ends in %(days)s days") % {
            **values(),
            "days": days,
        }

    def body() -> str:
        if days == 0:
            lead = _("The term of %(whose)s in %(team)s ended on %(end)s.") % values()
        else:
            lead = _("The term of %(whose)s in %(team)s ends on %(end)s, in %(days)s days.") % {
                **values(),
                "days": days,
            }
        return "\n\n".join(
            [lead, _("Record the new decree (SK) or the member's new term on the team's page.")]
        )

    notify(
        kind=TERM,
        recipients=people,
        key=f"{key}:{end.isoformat()}:{days}",
        title=per_person(title),
        body=per_person(body),
        url=team.get_absolute_url(),
        group=f"organization:{team.organization_id}",
        group_label=team.organization.name,
    )


def _in_zone(team: Team, zone: str | None) -> bool:
    return zone is None or zones.zone_of(team.organization) == zone


def teams_send_term_reminders(today: date | None = None, zone: str | None = None) -> int:
    """Enqueue the reminders due on `today` (in `zone`, for teams of organisations there);
    returns the number of (reminder, person) pairs due. Idempotent: a re-run adds no mail."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=max(REMINDER_DAYS))
    since = today - timedelta(days=CATCH_UP_DAYS)
    teams = (
        Team.objects.filter(
            Q(term_end__range=(since, horizon)) | Q(members__term_end__range=(since, horizon))
        )
        .distinct()
        .select_related("organization__region")
        .order_by("pk")
    )
    sent = 0
    for team in teams:
        if not _in_zone(team, zone):
            continue
        with transaction.atomic():
            recipients = _recipients(team, today)
            due = []
            if team.term_end and (days := threshold_for((team.term_end - today).days)) is not None:
                due.append(("", team.term_end, days, f"team-term:{team.pk}"))
            members = team.members.filter(term_end__range=(since, horizon)).select_related("user")
            for member in members:
                if member.term_end == team.term_end:
                    continue  # the team's own reminder says it
                days = threshold_for((member.term_end - today).days)
                if days is not None:
                    due.append(
                        (member.user.full_name, member.term_end, days, f"member-term:{member.pk}")
                    )
            for whose, end, days, key in due:
                _notify(team, recipients, whose=whose, end=end, days=days, key=key)
                sent += len(recipients)
    return sent
