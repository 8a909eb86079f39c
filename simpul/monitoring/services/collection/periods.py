"""Reporting periods, their and the submissions' status machines, and who reports which
indicator in a period."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.agreements.models import Agreement, Party
from simpul.core.errors import InvalidInput
from simpul.core.machines import Machine, Move

from ...access import (
    agreement_can_edit,
)
from ...models import (
    Indicator,
    MonitoringSetup,
    ReportingPeriod,
    Submission,
)
from ...periods import period_bounds, periods_between
from .common import DONE, EDITABLE, Status, period_name

# A period grid longer than this is a data error (an end date in 2205), not a plan.
MAX_PERIOD_YEARS = 30


def setup_for(agreement: Agreement) -> MonitoringSetup:
    setup = MonitoringSetup.objects.filter(agreement=agreement).first()
    return setup or MonitoringSetup(agreement=agreement)


def _period_range(agreement: Agreement, indicators) -> tuple[date, date]:
    today = timezone.localdate()
    starts = [i.start_date for i in indicators if i.start_date]
    start = agreement.start_date or (min(starts) if starts else today)
    end = agreement.end_date or today + timedelta(days=365)
    end = min(end, start.replace(year=start.year + MAX_PERIOD_YEARS))
    return start, end


@transaction.atomic
def periods_ensure(agreement: Agreement) -> list[ReportingPeriod]:
    """Create the missing reporting periods (status planned); return the created ones."""
    setup = setup_for(agreement)
    indicators = list(Indicator.objects.filter(agreement=agreement).only("frequency", "start_date"))
    frequencies = {setup.reporting_frequency, *(i.frequency for i in indicators)}
    start, end = _period_range(agreement, indicators)
    existing = set(
        ReportingPeriod.objects.filter(agreement=agreement).values_list(
            "frequency", "year", "number"
        )
    )
    created = []
    for frequency in sorted(frequencies):
        for year, number in periods_between(frequency, start, end):
            if (frequency, year, number) in existing:
                continue
            period_start, period_end = period_bounds(frequency, year, number)
            created.append(
                ReportingPeriod.objects.create(
                    agreement=agreement,
                    frequency=frequency,
                    year=year,
                    number=number,
                    start=period_start,
                    end=period_end,
                    due_date=period_end + timedelta(days=setup.due_days),
                )
            )
    return created


# `done` is the participle the refusal uses ("… it cannot be reopened").
PERIOD = Machine(
    "reporting period",
    Move(
        "open",
        gettext_lazy("Open"),
        (Status.PLANNED,),
        Status.OPEN,
        extra={"done": gettext_lazy("opened")},
    ),
    Move(
        "close",
        gettext_lazy("Close"),
        (Status.OPEN,),
        Status.CLOSED,
        extra={"done": gettext_lazy("closed")},
    ),
    Move(
        "lock",
        gettext_lazy("Lock"),
        (Status.OPEN, Status.CLOSED),
        Status.LOCKED,
        extra={"done": gettext_lazy("locked")},
    ),
    Move(
        "reopen",
        gettext_lazy("Reopen"),
        (Status.CLOSED, Status.LOCKED),
        Status.OPEN,
        extra={"done": gettext_lazy("reopened")},
    ),
)
SUBMISSION = Machine(
    "submission",
    Move("submit", gettext_lazy("Submit"), EDITABLE, Submission.Status.SUBMITTED),
    Move(
        "verify", gettext_lazy("Verify"), (Submission.Status.SUBMITTED,), Submission.Status.VERIFIED
    ),
    Move("return", gettext_lazy("Return"), DONE, Submission.Status.RETURNED, note_required=True),
)


@transaction.atomic
def period_status_change(*, period: ReportingPeriod, user, action: str) -> ReportingPeriod:
    move = PERIOD.move(action)
    if not agreement_can_edit(user, period.agreement):
        raise InvalidInput(_("You may not open, close or lock this agreement's periods."))
    # Periods carry no version; the row lock serialises two coordinators' clicks.
    locked = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if not move.applies_to(locked.status):
        raise InvalidInput(
            _("%(period)s is %(status)s; it cannot be %(action)s.")
            % {
                "period": period_name(locked),
                "status": locked.get_status_display().lower(),
                "action": move.extra["done"],
            },
            code="period_status",
        )
    target = move.target
    locked.status = target
    locked.status_changed_at = timezone.now()
    locked.status_changed_by = user if user is not None and user.is_authenticated else None
    locked.save(update_fields=["status", "status_changed_at", "status_changed_by"])
    period.status = locked.status
    period.status_changed_at = locked.status_changed_at
    period.status_changed_by = locked.status_changed_by
    return period


def period_open(*, period, user):
    return period_status_change(period=period, user=user, action="open")


def period_close(*, period, user):
    return period_status_change(period=period, user=user, action="close")


def period_lock(*, period, user):
    return period_status_change(period=period, user=user, action="lock")


def period_reopen(*, period, user):
    return period_status_change(period=period, user=user, action="reopen")


# --- Which indicators a party reports --------------------------------------------------------


def period_indicators(period: ReportingPeriod):
    """Indicators of the period's frequency measured during the period."""
    return Indicator.objects.filter(
        agreement_id=period.agreement_id, frequency=period.frequency
    ).filter(
        Q(start_date__isnull=True) | Q(start_date__lte=period.end),
        Q(end_date__isnull=True) | Q(end_date__gte=period.start),
    )


def party_indicators(period: ReportingPeriod, party: Party):
    return period_indicators(period).filter(
        Q(responsible_party=party) | Q(responsible_party__isnull=True)
    )


def submission_for(period: ReportingPeriod, party: Party) -> Submission:
    if party.agreement_id != period.agreement_id:
        raise InvalidInput(_("That party is not a party to this agreement."))
    try:
        with transaction.atomic():
            submission, _created = Submission.objects.get_or_create(period=period, party=party)
    except IntegrityError:  # created by someone else at the same moment
        submission = Submission.objects.get(period=period, party=party)
    return submission
