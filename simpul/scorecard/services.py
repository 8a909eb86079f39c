"""Governance scores computed from what the platform records (never self-assessed).

For a set of agreements and a year, `agreement_inputs()` gathers the counts every score is
computed from in a fixed number of queries, whatever the number of agreements (each query
groups by agreement in the database; Python only sorts the grouped rows into dicts).
`scores_from_inputs()` turns counts into six scores 0–100 and an overall; a region's
inputs are the sum of its public agreements' inputs (`pool_inputs`), so the same formulas
apply. A score is None ("no data") when there is nothing to judge, never 0.

The six scores, for an agreement A and a year Y (today = the day of computation):

transparency
    required = the per-agreement kinds of information whose default rule (PublicationRule)
    makes them public at A's current stage; published = those of them that are public now
    (no decision unpublished them, and A's summary is public); on time = published kinds
    that became public within SCORECARD_ON_TIME_DAYS (default 30) days of A entering its
    stage: a kind public by its default rule became public at the moment of entering the
    stage (on time); a kind published by a decision is on time when the decision was taken
    no later than N days after entering the stage. Entering the stage = the time of the
    latest AgreementEvent moving A into its current state (A's creation when there is none).
    Score = 50 % × published / required + 50 % × on time / required. Documents and reports
    are decided one by one and are not part of it, nor (yet) the meetings' schedule and
    decisions. Measured as of the computation.
accountability
    periods = A's reporting periods of Y that are closed or locked or have ended; a period
    counts when at least one party must report in it (the responsible party of an indicator
    of the period's frequency measured during the period, or every party when such an
    indicator has none — the rule of late-data reminders); complete = periods where every
    such party's submission is verified. budget lines = the budget lines of fiscal year Y
    with a planned amount in A's latest approved plan version; reported = lines with a
    realised amount above zero.
    Score = mean of the available shares (complete/periods, reported/lines).
participation
    consultations = A's consultations (not drafts) opening in Y; comments = their approved
    comments; answered = approved comments with an answer; stakeholders = distinct e-mail
    addresses of confirmed commenters + survey responses submitted in Y, capped at
    SCORECARD_STAKEHOLDER_CAP (default 20). Score = weighted mean (PARTICIPATION_WEIGHTS)
    of: held (100 when ≥1 consultation, else 0), answered/comments (only when there are
    comments), min(stakeholders, cap)/cap.
responsiveness
    complaints = complaints about A received in Y (confirmed, not rejected as outside our
    remit) that were answered or whose answer deadline has passed; the answer deadline is
    the follow-up due date (the verification due date while none is set); on time =
    answered no later than the deadline (in the responsible region's calendar day). Score =
    on time / complaints. The median answer time (received → answered) is shown, in working
    days when simpul.complaints.workdays exists, else in calendar days.
effectiveness
    From verified data only (the monitoring rules, simpul.monitoring.services.analysis):
    indicators = A's quantitative indicators with a scored period in Y; on track = those
    whose latest scored period in Y is on track; targets = targets of Y whose period has
    ended; met = those whose progress reached 100 %. Score = mean of the available shares.
collaboration
    The collaboration health of A's parties (simpul.scorecard.health, whose doc gives each
    input): the weighted mean (COLLABORATION_WEIGHTS, 1 for an input not listed) of the
    available shares of meetings held, attendance, action items on time, data on time,
    obligations fulfilled, minutes signed promptly, knowledge shared and knowledge adopted,
    each counted over all of A's parties.
overall
    The mean of the available scores.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from simpul.agreements.models import Agreement, AgreementEvent, Party
from simpul.complaints.models import Complaint
from simpul.consultations.models import Comment, Consultation
from simpul.core import zones
from simpul.monitoring.models import Indicator, ReportingPeriod, Submission
from simpul.monitoring.periods import period_bounds
from simpul.monitoring.services.analysis import evaluate, targets_of, verified_totals
from simpul.organizations.models import Organization
from simpul.plans.models import ApprovedBudgetLine
from simpul.publication.kinds import PER_OBJECT_KINDS, InfoKind
from simpul.publication.models import PublicationDecision, PublicationRule
from simpul.publication.selectors import public_agreements
from simpul.surveys.models import Response

from . import health
from .models import DIMENSIONS, Score

HUNDRED = Decimal(100)
CHUNK = 500  # indicators evaluated per batch (three queries each)
ONE_PLACE = Decimal("0.1")

# Every weight of every formula, in one place (each group sums to 1).
TRANSPARENCY_WEIGHTS = {"published": Decimal("0.5"), "on_time": Decimal("0.5")}
ACCOUNTABILITY_WEIGHTS = {"periods": Decimal("0.5"), "budget": Decimal("0.5")}
PARTICIPATION_WEIGHTS = {
    "held": Decimal("0.4"),
    "answered": Decimal("0.4"),
    "people": Decimal("0.2"),
}
EFFECTIVENESS_WEIGHTS = {"on_track": Decimal("0.5"), "targets_met": Decimal("0.5")}
# Collaboration health's inputs (health.MEASURES); an input not listed weighs 1. Knowledge
# weighs half: sharing is welcome, but no party is obliged to publish practices.
COLLABORATION_WEIGHTS = {
    "knowledge_shared": Decimal("0.5"),
    "knowledge_adopted": Decimal("0.5"),
}

CLOSED_PERIOD_STATUSES = [ReportingPeriod.Status.CLOSED, ReportingPeriod.Status.LOCKED]
UNCOUNTED_COMPLAINTS = [Complaint.Status.UNCONFIRMED, Complaint.Status.REJECTED]


def on_time_days() -> int:
    return int(getattr(settings, "SCORECARD_ON_TIME_DAYS", 30))


def stakeholder_cap() -> int:
    return max(1, int(getattr(settings, "SCORECARD_STAKEHOLDER_CAP", 20)))


def empty_inputs() -> dict:
    """The counts of one agreement (or a pool of them) for one year; all zero."""
    return {
        "transparency": {"required": 0, "published": 0, "on_time": 0},
        "accountability": {"periods": 0, "periods_complete": 0, "lines": 0, "lines_reported": 0},
        "participation": {"consultations": 0, "comments": 0, "answered": 0, "people": 0},
        "responsiveness": {"complaints": 0, "on_time": 0, "answered": 0, "answer_days": []},
        "effectiveness": {"indicators": 0, "on_track": 0, "targets": 0, "targets_met": 0},
        "collaboration": {
            key: 0 for measure in health.MEASURES for key in (measure.key, f"{measure.key}_of")
        },
    }


# --- gathering the inputs (a fixed number of queries for any number of agreements) ----------

# Kinds not scored yet: the meetings' (schedule, decisions), whose use issue 12 leaves to the
# communication issue, and the knowledge items naming an agreement (issue 13). Scored, an
# agreement without a single meeting or shared practice would earn points for an empty list.
# The parties' progress updates (issue 14) and the stakeholder register (issue 15) likewise:
# collaboration health and recognition count what lies behind them instead.
UNSCORED_KINDS = frozenset(
    {
        InfoKind.MEETINGS,
        InfoKind.DECISIONS,
        InfoKind.KNOWLEDGE,
        InfoKind.PROGRESS_UPDATE,
        InfoKind.STAKEHOLDERS,
    }
)


def _transparency(ids, inputs: dict) -> None:
    rules: dict[str, set[str]] = defaultdict(set)
    for kind, stage in PublicationRule.objects.filter(is_public=True).values_list(
        "kind", "stage_code"
    ):
        if kind not in PER_OBJECT_KINDS and kind not in UNSCORED_KINDS:
            rules[stage].add(kind)
    entered = (
        AgreementEvent.objects.filter(agreement_id=OuterRef("pk"), to_state=OuterRef("state"))
        .order_by("-occurred_at", "-seq")
        .values("occurred_at")[:1]
    )
    agreements = Agreement.objects.filter(pk__in=ids).annotate(entered=Subquery(entered))
    stages = {
        pk: (state, entered or created)
        for pk, state, entered, created in agreements.values_list(
            "pk", "state", "entered", "created_at"
        )
    }
    decisions: dict[int, dict[str, tuple[bool, datetime]]] = defaultdict(dict)
    for agreement_id, kind, public, decided_at in PublicationDecision.objects.filter(
        agreement_id__in=ids, target_id=0
    ).values_list("agreement_id", "kind", "is_public", "decided_at"):
        decisions[agreement_id][kind] = (public, decided_at)
    grace = timedelta(days=on_time_days())
    for pk, (state, entered) in stages.items():
        required = rules.get(state, set())
        mine = decisions.get(pk, {})
        summary_public = mine.get(InfoKind.SUMMARY, (InfoKind.SUMMARY in rules.get(state, ()),))[0]
        counts = inputs[pk]["transparency"]
        counts["required"] = len(required)
        for kind in required:
            public, decided_at = mine.get(kind, (True, None))
            if not (public and summary_public):
                continue
            counts["published"] += 1
            if decided_at is None or decided_at <= entered + grace:
                counts["on_time"] += 1


def _accountability(ids, year: int, today: date, inputs: dict) -> None:
    measured = Indicator.objects.filter(
        agreement_id=OuterRef(OuterRef("agreement_id")),
        frequency=OuterRef(OuterRef("frequency")),
    ).filter(
        Q(start_date__isnull=True) | Q(start_date__lte=OuterRef(OuterRef("end"))),
        Q(end_date__isnull=True) | Q(end_date__gte=OuterRef(OuterRef("start"))),
        Q(responsible_party__isnull=True) | Q(responsible_party_id=OuterRef("pk")),
    )
    verified = Submission.objects.filter(
        period_id=OuterRef(OuterRef("pk")),
        party_id=OuterRef("pk"),
        status=Submission.Status.VERIFIED,
    )
    reporting = Party.objects.filter(agreement_id=OuterRef("agreement_id")).filter(Exists(measured))
    periods = (
        ReportingPeriod.objects.filter(agreement_id__in=ids, year=year)
        .filter(Q(status__in=CLOSED_PERIOD_STATUSES) | Q(end__lt=today))
        .annotate(
            must_report=Exists(reporting),
            missing=Exists(reporting.exclude(Exists(verified))),
        )
        .filter(must_report=True)
        .values("agreement_id")
        .annotate(n=Count("pk"), complete=Count("pk", filter=Q(missing=False)))
        .order_by()
    )
    for row in periods:
        counts = inputs[row["agreement_id"]]["accountability"]
        counts["periods"] = row["n"]
        counts["periods_complete"] = row["complete"]
    # The approved plan's lines: scores are public, and a draft revision is not.
    lines = (
        ApprovedBudgetLine.objects.filter(
            plan__agreement_id__in=ids, fiscal_year=year, planned__gt=0
        )
        .values(agreement_id=F("plan__agreement_id"))
        .annotate(n=Count("pk"), reported=Count("pk", filter=Q(realised__gt=0)))
        .order_by()
    )
    for row in lines:
        counts = inputs[row["agreement_id"]]["accountability"]
        counts["lines"] = row["n"]
        counts["lines_reported"] = row["reported"]


def _participation(ids, year: int, inputs: dict) -> None:
    held = (
        Consultation.objects.filter(agreement_id__in=ids, opens_at__year=year)
        .exclude(status=Consultation.Status.DRAFT)
        .values("agreement_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in held:
        inputs[row["agreement_id"]]["participation"]["consultations"] = row["n"]
    comments = (
        Comment.objects.filter(
            section__consultation__agreement_id__in=ids,
            section__consultation__opens_at__year=year,
        )
        .exclude(section__consultation__status=Consultation.Status.DRAFT)
        .exclude(status=Comment.Status.UNCONFIRMED)
        .values(agreement_id=F("section__consultation__agreement_id"))
        .annotate(
            approved=Count("pk", filter=Q(status=Comment.Status.APPROVED)),
            answered=Count("pk", filter=Q(status=Comment.Status.APPROVED, answer__isnull=False)),
            people=Count("email", distinct=True),
        )
        .order_by()
    )
    for row in comments:
        counts = inputs[row["agreement_id"]]["participation"]
        counts["comments"] = row["approved"]
        counts["answered"] = row["answered"]
        counts["people"] += row["people"]
    responses = (
        Response.objects.filter(survey__agreement_id__in=ids, submitted_at__year=year)
        .values(agreement_id=F("survey__agreement_id"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in responses:
        inputs[row["agreement_id"]]["participation"]["people"] += row["n"]


def _day_counter(start: date | None = None, end: date | None = None):
    """(function counting the days from one date to another, unit name): working days when
    the complaints app provides them (the days off between start and end read once), else
    calendar days."""
    try:
        from simpul.complaints.workdays import days_off, working_days_between
    except ImportError:
        return (lambda first, last: (last - first).days), "calendar"
    off = days_off(start, end) if start and end else None
    return (lambda first, last: working_days_between(first, last, off)), "working"


def _responsiveness(ids, year: int, today: date, inputs: dict) -> str:
    rows = list(
        Complaint.objects.filter(agreement_id__in=ids, received_at__year=year)
        .exclude(status__in=UNCOUNTED_COMPLAINTS)
        .values_list(
            "agreement_id",
            "received_at",
            "answered_at",
            "follow_up_due",
            "verify_due",
            "responsible__region__timezone",
            "region__timezone",
        )
    )
    answered = [row for row in rows if row[2] is not None]
    if answered:
        count_days, unit = _day_counter(
            min(row[1] for row in answered).date() - timedelta(days=1),
            max(row[2] for row in answered).date() + timedelta(days=1),
        )
    else:
        count_days, unit = _day_counter()
    for agreement_id, received_at, answered_at, follow_up_due, verify_due, *zone_names in rows:
        due = follow_up_due or verify_due
        # The handling organisation's zone, as the complaints app counts its deadlines.
        zone = zones.zone_info(next((name for name in zone_names if name), None))
        if answered_at is None:
            if due is not None and due < today:
                inputs[agreement_id]["responsiveness"]["complaints"] += 1
            continue
        counts = inputs[agreement_id]["responsiveness"]
        counts["complaints"] += 1
        counts["answered"] += 1
        answered_on = zones.local_date(answered_at, zone)
        if due is None or not zones.is_late(answered_at, due, zone):
            counts["on_time"] += 1
        received_on = zones.local_date(received_at, zone)
        counts["answer_days"].append(max(0, count_days(received_on, answered_on)))
    return unit


def _effectiveness(ids, year: int, today: date, inputs: dict) -> None:
    indicators = list(
        Indicator.objects.filter(agreement_id__in=ids)
        .exclude(kind=Indicator.Kind.QUALITATIVE)
        .only(
            "pk",
            "agreement_id",
            "kind",
            "frequency",
            "accumulation",
            "direction",
            "baseline_value",
            "on_track_from",
            "at_risk_from",
        )
    )
    if not indicators:
        return
    for start in range(0, len(indicators), CHUNK):
        _effectiveness_chunk(indicators[start : start + CHUNK], year, today, inputs)


def _effectiveness_chunk(indicators: list, year: int, today: date, inputs: dict) -> None:
    indicator_ids = [indicator.pk for indicator in indicators]
    totals = verified_totals(indicator_ids)
    targets = targets_of(indicator_ids)
    for indicator in indicators:
        points = [
            point
            for point in evaluate(
                indicator, totals.get(indicator.pk, []), targets.get(indicator.pk, {})
            )
            if point.year == year
        ]
        counts = inputs[indicator.agreement_id]["effectiveness"]
        scored = [point for point in points if point.progress is not None]
        if scored:
            counts["indicators"] += 1
            counts["on_track"] += scored[-1].status == Indicator.Status.ON_TRACK
        for point in points:
            if point.target is None:
                continue
            if period_bounds(indicator.frequency, point.year, point.number)[1] >= today:
                continue
            counts["targets"] += 1
            counts["targets_met"] += point.progress is not None and point.progress >= HUNDRED


def _collaboration(ids, year: int, today: date, inputs: dict) -> None:
    # The moment the window ends: now, or the end of `today` when computing as of another day.
    now = timezone.now()
    if today != timezone.localdate(now):
        now = timezone.make_aware(datetime.combine(today, time.max))
    _parties, counts = health.collaboration_counts(ids, year, now=now)
    for pk in inputs:
        inputs[pk]["collaboration"] = health.flat_inputs(counts, pk)


def agreement_inputs(agreement_ids, year: int, today: date | None = None) -> dict[int, dict]:
    """The inputs of every agreement in `agreement_ids` (ids, or a queryset of agreements'
    pks used as a subquery, which spares the database a list of 20,000 parameters) for
    `year` (see the module doc)."""
    today = today or timezone.localdate()
    if isinstance(agreement_ids, QuerySet):
        subset = agreement_ids
        ids = sorted(agreement_ids.values_list("pk", flat=True))
    else:
        ids = sorted({int(pk) for pk in agreement_ids})
        subset = ids
    inputs = {pk: empty_inputs() for pk in ids}
    if not ids:
        return inputs
    _transparency(subset, inputs)
    _accountability(subset, year, today, inputs)
    _participation(subset, year, inputs)
    unit = _responsiveness(subset, year, today, inputs)
    _effectiveness(subset, year, today, inputs)
    _collaboration(subset, year, today, inputs)
    for pk in ids:
        inputs[pk]["responsiveness"]["day_unit"] = unit
    return inputs


def pool_inputs(many) -> dict:
    """The sum of several agreements' inputs (a region's pooled inputs)."""
    pooled = empty_inputs()
    for inputs in many:
        for dimension, counts in inputs.items():
            for key, value in counts.items():
                if key == "answer_days":
                    pooled[dimension][key].extend(value)
                elif key == "day_unit":
                    pooled[dimension][key] = value
                else:
                    pooled[dimension][key] += value
    return pooled


# --- from inputs to scores -------------------------------------------------------------------


def share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return Decimal(part) * HUNDRED / Decimal(whole)


def weighted(parts: dict[str, Decimal | None], weights: dict[str, Decimal]) -> Decimal | None:
    """Weighted mean of the available parts (weights of the missing ones are left out)."""
    available = {key: value for key, value in parts.items() if value is not None}
    if not available:
        return None
    total = sum((weights[key] for key in available), Decimal(0))
    return sum((value * weights[key] for key, value in available.items()), Decimal(0)) / total


def _round(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def parts_from_inputs(inputs: dict) -> dict[str, dict[str, Decimal | None]]:
    """Each score's parts in percent (None when that part has no data)."""
    t = inputs["transparency"]
    a = inputs["accountability"]
    p = inputs["participation"]
    r = inputs["responsiveness"]
    e = inputs["effectiveness"]
    cap = stakeholder_cap()
    return {
        "transparency": {
            "published": share(t["published"], t["required"]),
            "on_time": share(t["on_time"], t["required"]),
        },
        "accountability": {
            "periods": share(a["periods_complete"], a["periods"]),
            "budget": share(a["lines_reported"], a["lines"]),
        },
        "participation": {
            "held": HUNDRED if p["consultations"] else Decimal(0),
            "answered": share(p["answered"], p["comments"]),
            "people": share(min(p["people"], cap), cap),
        },
        "responsiveness": {"on_time": share(r["on_time"], r["complaints"])},
        "effectiveness": {
            "on_track": share(e["on_track"], e["indicators"]),
            "targets_met": share(e["targets_met"], e["targets"]),
        },
        "collaboration": {
            measure.key: share(
                inputs["collaboration"].get(measure.key, 0),
                inputs["collaboration"].get(f"{measure.key}_of", 0),
            )
            for measure in health.MEASURES
        },
    }


def collaboration_weights() -> dict[str, Decimal]:
    return {
        measure.key: COLLABORATION_WEIGHTS.get(measure.key, Decimal(1))
        for measure in health.MEASURES
    }


def collaboration_score(figures: dict[str, tuple[int, int]]) -> Decimal | None:
    """The collaboration score of (numerator, denominator) per input (a party's, on the
    agreement's panel): the same weighted mean as the scorecard's dimension."""
    parts = {key: share(num, den) for key, (num, den) in figures.items()}
    return _round(weighted(parts, collaboration_weights()))


WEIGHTS = {
    "transparency": TRANSPARENCY_WEIGHTS,
    "accountability": ACCOUNTABILITY_WEIGHTS,
    "participation": PARTICIPATION_WEIGHTS,
    "responsiveness": {"on_time": Decimal(1)},
    "effectiveness": EFFECTIVENESS_WEIGHTS,
}


def _weights(dimension: str) -> dict[str, Decimal]:
    return collaboration_weights() if dimension == "collaboration" else WEIGHTS[dimension]


def scores_from_inputs(inputs: dict) -> dict[str, Decimal | None]:
    """The six scores (0–100, one decimal, None = no data) and the overall."""
    parts = parts_from_inputs(inputs)
    scores = {
        dimension: _round(weighted(parts[dimension], _weights(dimension)))
        for dimension in DIMENSIONS
    }
    available = [value for value in scores.values() if value is not None]
    scores["overall"] = _round(sum(available, Decimal(0)) / len(available)) if available else None
    return scores


def stored_inputs(inputs: dict) -> dict:
    """The inputs as kept in Score.inputs: the answer times reduced to their median."""
    result = {dimension: dict(counts) for dimension, counts in inputs.items()}
    days = result["responsiveness"].pop("answer_days", [])
    result["responsiveness"]["median_days"] = float(median(days)) if days else None
    result["transparency"]["on_time_days"] = on_time_days()
    result["participation"]["cap"] = stakeholder_cap()
    return result


# --- regions ---------------------------------------------------------------------------------


def region_agreement_pairs(agreement_ids) -> list[tuple[int, int]]:
    """(region id, agreement id) for every agreement whose party is a region's government."""
    return list(
        Party.objects.filter(
            agreement_id__in=agreement_ids,
            organization__kind=Organization.Kind.REGIONAL_GOVERNMENT,
            organization__region__isnull=False,
        )
        .values_list("organization__region_id", "agreement_id")
        .distinct()
        .order_by()
    )


def scored_agreements(year: int):
    """The agreements scored for a year: public (summary public) and existing in that year
    (registered by its end, or starting by its end, for agreements entered afterwards)."""
    last_day = date(year, 12, 31)
    end = timezone.make_aware(datetime.combine(last_day, time.max))
    return public_agreements().filter(Q(created_at__lte=end) | Q(start_date__lte=last_day))


# --- refresh ---------------------------------------------------------------------------------


def scores_refresh(year: int | None = None, *, today: date | None = None) -> dict:
    """Recompute every Score row of a year (default: this year) for the public agreements
    and the regions with at least one of them; rows of agreements no longer public and of
    regions no longer concerned are removed. Idempotent; a fixed number of queries."""
    today = today or timezone.localdate()
    year = year or today.year
    now = timezone.now()
    subset = scored_agreements(year).values("pk")
    inputs = agreement_inputs(subset, year, today)
    by_region: dict[int, list[int]] = defaultdict(list)
    for region_id, agreement_id in region_agreement_pairs(subset):
        by_region[region_id].append(agreement_id)

    wanted: dict[tuple[str, int], dict] = {}
    for pk, agreement_inputs_ in inputs.items():
        wanted[("agreement", pk)] = agreement_inputs_
    for region_id, agreement_ids in by_region.items():
        wanted[("region", region_id)] = pool_inputs(inputs[pk] for pk in agreement_ids)

    with transaction.atomic():
        existing = {
            ("agreement", row.agreement_id) if row.agreement_id else ("region", row.region_id): row
            for row in Score.objects.filter(year=year)
        }
        stale = [row.pk for key, row in existing.items() if key not in wanted]
        to_update, to_create = [], []
        for (subject, pk), subject_inputs in wanted.items():
            scores = scores_from_inputs(subject_inputs)
            row = existing.get((subject, pk)) or Score(year=year, **{f"{subject}_id": pk})
            for field, value in scores.items():
                setattr(row, field, value)
            row.inputs = stored_inputs(subject_inputs)
            if subject == "region":
                row.inputs["agreements"] = len(by_region[pk])
            row.computed_at = now
            (to_update if row.pk else to_create).append(row)
        if stale:
            Score.objects.filter(pk__in=stale).delete()
        Score.objects.bulk_update(
            to_update, [*DIMENSIONS, "overall", "inputs", "computed_at"], batch_size=500
        )
        Score.objects.bulk_create(to_create, batch_size=500)
    return {
        "year": year,
        "agreements": len(inputs),
        "regions": len(by_region),
        "created": len(to_create),
        "updated": len(to_update),
        "removed": len(stale),
    }
