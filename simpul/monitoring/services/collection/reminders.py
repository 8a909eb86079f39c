"""Late data: which submissions are late and the once-a-day reminders to the parties."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.agreements.models import Party
from simpul.audit.context import acting_as, system_actor
from simpul.core import zones
from simpul.core.formats import long_date
from simpul.notifications.services import notify, per_person
from simpul.organizations.models import Membership

from ...access import (
    DATA_ENTRY_ROLES,
)
from ...models import (
    Indicator,
    LateDataReminder,
    ReportingPeriod,
    Submission,
)
from ...notification_kinds import LATE_DATA
from .common import DONE, Status, period_name


def indicator_rows(agreement_ids) -> dict:
    """(agreement id, frequency) → what reporting_party_ids needs of each indicator."""
    rows = defaultdict(list)
    for row in Indicator.objects.filter(agreement_id__in=agreement_ids).values(
        "agreement_id", "frequency", "responsible_party_id", "start_date", "end_date"
    ):
        rows[(row["agreement_id"], row["frequency"])].append(row)
    return rows


def reporting_party_ids(period: ReportingPeriod, rows) -> set[int] | None:
    """Who reports in the period (see party_indicators): None when every party does (an
    indicator without a responsible party is measured), else the responsible parties' ids
    (empty when nothing is measured)."""
    measured = [
        row
        for row in rows
        if (row["start_date"] is None or row["start_date"] <= period.end)
        and (row["end_date"] is None or row["end_date"] >= period.start)
    ]
    if any(row["responsible_party_id"] is None for row in measured):
        return None
    return {row["responsible_party_id"] for row in measured}


@dataclass
class LateSubmission:
    period: ReportingPeriod
    party: Party
    submission: Submission

    @property
    def days_late(self) -> int:
        return (zones.today_in(zones.zone_of(self.party)) - self.period.due_date).days


def late_submissions(zone: str | None = None) -> list[LateSubmission]:
    """Submissions marked late (services/lateness.py) that are still not submitted or
    verified, in open periods; with `zone`, only those of parties in that zone."""
    rows = (
        Submission.objects.filter(is_late=True, period__status=Status.OPEN)
        .exclude(status__in=DONE)
        .select_related("period__agreement", "party__organization__region")
        .order_by("period__due_date", "period_id", "party_id")
    )
    return [
        LateSubmission(row.period, row.party, row)
        for row in rows
        if zone is None or zones.zone_of(row.party) == zone
    ]


def data_entry_users(party: Party) -> list:
    """Active data officers and up of the party's organisation and its agencies."""
    memberships = (
        Membership.objects.filter(
            Q(organization_id=party.organization_id)
            | Q(organization__parent_id=party.organization_id),
            role__in=DATA_ENTRY_ROLES,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user_id")
    )
    people: dict[int, User] = {}
    for membership in memberships:
        people.setdefault(membership.user_id, membership.user)
    return list(people.values())


def _claim_day(period: ReportingPeriod, party: Party, today: date) -> bool:
    """True for the first caller of the day for (period, party): the unique row decides."""
    try:
        with transaction.atomic():
            LateDataReminder.objects.create(period=period, party=party, sent_on=today)
    except IntegrityError:
        return False
    return True


def _notify_late(late: LateSubmission, people: list[User], today: date) -> int:
    """One notification per data-entry user, each in their own language."""
    period, party = late.period, late.party
    url = reverse(
        "monitoring:period-detail", kwargs={"agreement_pk": period.agreement_id, "pk": period.pk}
    )

    def values() -> dict:
        return {
            "code": period.agreement.reference_code,
            "period": period_name(period),
            "party": party.organization.name,
            "due": long_date(period.due_date),
            "days": (today - period.due_date).days,
        }

    def body() -> str:
        return "\n\n".join(
            [
                _(
                    "The data of %(party)s for %(period)s of agreement %(code)s was due on "
                    "%(due)s (%(days)s days ago) and has not been submitted yet."
                )
                % values(),
                _("Enter the values (or upload the Excel form) and submit them here:"),
                settings.SITE_URL + url,
            ]
        )

    return notify(
        kind=LATE_DATA,
        recipients=people,
        key=f"late-data:{period.pk}:{party.pk}:{today.isoformat()}",
        title=per_person(lambda: _("Data for %(period)s of %(code)s is late") % values()),
        body=per_person(body),
        url=url,
        subject=f"agreement:{period.agreement_id}",
        group=f"agreement:{period.agreement_id}",
        group_label=f"{period.agreement.reference_code} {period.agreement.title}",
    )


def late_data_reminders_send(today: date | None = None, zone: str | None = None) -> int:
    """One e-mail per late (period, party) to each of its data-entry users, at most once a
    day (the party's local day unless `today` is given); with `zone`, only parties in that
    zone. Settles lateness first, so nothing waits for the midnight run. Returns the number
    of people notified (e-mailed at once unless they chose otherwise). Safe to run again
    (idempotent per day): the day's LateDataReminder row, the notifications and the outbox
    rows commit together, and the worker delivers the rows afterwards."""
    from ..lateness import lateness_settle

    lateness_settle(zone=zone, today=today)
    sent = 0
    with acting_as(system_actor("late_data_reminders")):
        for late in late_submissions(zone):
            day = today or zones.today_in(zones.zone_of(late.party))
            recipients = data_entry_users(late.party)
            if not recipients:
                continue
            with transaction.atomic():
                if not _claim_day(late.period, late.party, day):
                    continue
                sent += _notify_late(late, recipients, day)
    return sent
