"""Whether a party's data for a reporting period was late, decided once and stored.

A period's data is due by the end of its due date *in the reporting party's own zone*
(simpul.core.zones: its region's WIB, WITA or WIT), whoever looks and wherever the worker
runs. `Submission.is_late` holds the decision:

- at the first submit (collection.submission_submit): late when submitted at or after that
  moment; a submission already marked late stays late;
- when the moment passes with nothing submitted (`lateness_settle`, run by the worker per
  zone just after that zone's midnight, and again before reminders): the party's submission
  — a new draft when it has none — is marked late.

Badges, late-data reminders, the late-data warning and the overview read `is_late`; none
recomputes it from the server's clock.
"""

from collections import defaultdict
from datetime import date, datetime

from django.db import IntegrityError, transaction

from simpul.agreements.models import Party
from simpul.audit.context import acting_as, system_actor
from simpul.audit.services import record as audit_record
from simpul.core import zones

from ..models import ReportingPeriod, Submission
from .collection import DONE, indicator_rows, reporting_party_ids


def submitted_late(period: ReportingPeriod, party: Party, moment: datetime) -> bool:
    """The decision for data of `party` handed in at `moment`."""
    return zones.is_late(moment, period.due_date, zones.zone_of(party))


def _mark(submission: Submission) -> int:
    marked = (
        Submission.objects.filter(pk=submission.pk, is_late__isnull=True)
        .exclude(status__in=DONE)
        .update(is_late=True)
    )
    if marked:
        submission.is_late = True
        audit_record(action="update", obj=submission, changes={"is_late": [None, True]})
    return marked


def _create_late(period: ReportingPeriod, party: Party) -> Submission | None:
    try:
        with transaction.atomic():
            return Submission.objects.create(period=period, party=party, is_late=True)
    except IntegrityError:  # the party opened its form at the same moment
        return None


@transaction.atomic
def lateness_settle(*, zone: str | None = None, today: date | None = None) -> int:
    """Mark late every reporting party of an open period whose due date has ended in the
    party's zone while it has submitted nothing. With `zone`, only parties in that zone;
    `today` replaces each party's own local date (a caller that already knows it). Idempotent;
    returns how many submissions were marked."""
    latest = today or max(zones.today_in(z) for z in zones.ZONES)
    periods = list(
        ReportingPeriod.objects.filter(
            status=ReportingPeriod.Status.OPEN, due_date__lt=latest
        ).order_by("due_date", "pk")
    )
    if not periods:
        return 0
    agreement_ids = {p.agreement_id for p in periods}
    parties = defaultdict(list)
    for party in Party.objects.filter(agreement_id__in=agreement_ids).select_related(
        "organization__region"
    ):
        parties[party.agreement_id].append(party)
    indicators = indicator_rows(agreement_ids)
    submissions = {
        (s.period_id, s.party_id): s
        for s in Submission.objects.filter(period__in=[p.pk for p in periods]).only(
            "pk", "period_id", "party_id", "status", "is_late"
        )
    }
    marked = 0
    with acting_as(system_actor("lateness")):
        for period in periods:
            reporting = reporting_party_ids(
                period, indicators[(period.agreement_id, period.frequency)]
            )
            for party in parties[period.agreement_id]:
                if reporting is not None and party.pk not in reporting:
                    continue
                party_zone = zones.zone_of(party)
                if zone is not None and party_zone != zone:
                    continue
                if period.due_date >= (today or zones.today_in(party_zone)):
                    continue
                submission = submissions.get((period.pk, party.pk))
                if submission is None:
                    submission = _create_late(period, party)
                    if submission is not None:
                        marked += 1
                        continue
                    submission = Submission.objects.get(period=period, party=party)
                if submission.is_late is None and submission.status not in DONE:
                    marked += _mark(submission)
    return marked
