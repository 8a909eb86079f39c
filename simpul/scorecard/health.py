"""Collaboration health: how well the parties of a cooperation work together, from records.

For a set of agreements and a year Y, each **measure** counts, per agreement and per party
(the organisation of a `Party`), a numerator and a denominator; the share is their ratio in
percent, and None ("no data") when the denominator is 0, never 0. The window is Y from
1 January up to now (or the end of Y); "due" means due on a day of Y before today.

**An agreement's meetings** are its own meetings and the forum meetings with an accepted
agenda item about it (`AgendaItem.agreement`): a forum such as Sekber Kartamantul meets for
several cooperations, and what was recorded at such a meeting (attendance, actions, minutes)
counts for each agreement it discussed.

meetings_held
    The agreement's meetings starting in the window that were held, of those scheduled in it
    (cancelled ones included), or of what a linked forum's declared cadence expects in the
    window (twelve a year for monthly, prorated), whichever is more. Per party: the meetings
    it hosted. An agreement declares no cadence of its own.
attendance
    Held meetings of the window with an attendance list: those the party was present or
    represented at (the meetings app's rule, `meetings.health.ATTENDED`). The agreement's
    figure counts every party at every such meeting.
actions_on_time
    Action items of the agreement's meetings due in the window: those done by their due date.
    Per party: the items its organisation owns.
data_on_time
    Monitoring submissions of Y's reporting periods whose lateness is decided (the kernel's
    stored `Submission.is_late`, never recomputed here): those not late.
obligations_fulfilled
    The party's obligations due in the window, or fulfilled with a due date in Y: fulfilled.
minutes_signed
    Sign-offs the party owed on minutes circulated in the window: those given within
    SCORECARD_SIGN_OFF_DAYS (default 7) days of circulation. A round still waiting for the
    party after that many days counts as owed and not given.
knowledge_shared
    Knowledge items the party's organisation owns, published in Y, counted up to
    SCORECARD_KNOWLEDGE_TARGET (default 2) a year; the denominator is that target, for an
    organisation that has published at least one item by the window's end (else no data).
knowledge_adopted
    The party's published practices, case studies and research (up to the window's end): those
    another organisation decided to adopt or adapt.
questions_answered
    Questions asked of the party in the agreement's threads in the window (a post flagged as a
    question to it, or mentioning it: discussions' `Question`): those a member of the party has
    answered. Beside the share, the median response time in working days (the asked
    party's zone, weekends and national holidays off) and in hours
    (`discussions.selectors.response_times_per_party`); the agreement's figure counts every
    party's questions.

Each measure is one function returning `Counts` in one or two grouped queries, whatever the
number of agreements. **Adding an input** is one such function and one `Measure(...)` line in
`MEASURES` (its weight in the collaboration score is 1 unless `services.COLLABORATION_WEIGHTS`
says otherwise). What a panel shows beside a share (questions_answered's median response time)
goes into `Scope.details[key]`, read by `agreement_health` as each `Figure.detail`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Obligation, Party
from simpul.discussions.selectors import response_times_per_party
from simpul.knowledge.access import ADOPTABLE_KINDS
from simpul.knowledge.models import Adoption, KnowledgeItem
from simpul.meetings.health import ATTENDED, EXPECTED_PER_YEAR
from simpul.meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Cadence,
    Meeting,
    MinutesVersion,
    SignOff,
)
from simpul.monitoring.models import Submission

HUNDRED = Decimal(100)
# (agreement id, organisation id or None for the whole agreement) -> [numerator, denominator]
Counts = dict[tuple[int, int | None], list[int]]


def sign_off_days() -> int:
    return max(1, int(getattr(settings, "SCORECARD_SIGN_OFF_DAYS", 7)))


def knowledge_target() -> int:
    return max(1, int(getattr(settings, "SCORECARD_KNOWLEDGE_TARGET", 2)))


@dataclass
class Scope:
    """What every measure needs: the agreements (ids, or a queryset of pks used as a
    subquery), their parties' organisations, and the year's window. With `forums`, the
    forum meetings linked to an agreement (`forum_links`: meeting id -> agreement ids) count
    as that agreement's meetings."""

    agreements: Any
    parties: dict[int, list[int]]
    year: int
    start: datetime
    end: datetime
    today: date
    forums: bool = True
    forum_links: dict[int, list[int]] = field(default_factory=dict)
    # Meetings each linked forum's declared cadence expects in the window, per agreement.
    forum_expected: dict[int, int] = field(default_factory=dict)
    # What a measure shows beside its share, per measure key and (agreement id, org id).
    details: dict[str, dict[tuple[int, int | None], dict[str, Any]]] = field(default_factory=dict)

    @property
    def first_day(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last_due_day(self) -> date:
        """The last day something due counts: yesterday, or 31 December of a past year."""
        return min(self.today - timedelta(days=1), date(self.year, 12, 31))

    def add(self, counts: Counts, agreement_id: int, org_id: int | None, num: int, den: int):
        """Add to the party's row (when the organisation is a party) and to the agreement's."""
        if org_id is not None and org_id in self.parties.get(agreement_id, ()):
            row = counts.setdefault((agreement_id, org_id), [0, 0])
            row[0] += num
            row[1] += den
        total = counts.setdefault((agreement_id, None), [0, 0])
        total[0] += num
        total[1] += den

    def party_orgs(self) -> Any:
        return Party.objects.filter(agreement_id__in=self.agreements).values("organization_id")

    def in_window(self) -> Q:
        return Q(starts_at__gte=self.start, starts_at__lt=self.end)

    def linked_forum_meetings(self) -> Any:
        """The window's forum meetings with an agenda item about one of the agreements."""
        return AgendaItem.objects.filter(
            agreement_id__in=self.agreements,
            status=AgendaItem.Status.ACCEPTED,
            meeting__forum__isnull=False,
            meeting__starts_at__gte=self.start,
            meeting__starts_at__lt=self.end,
        ).values("meeting_id")

    def meeting_rows(self, queryset: Any, path: str, fields: list[str], **annotations: Any):
        """(agreement id, row) for `queryset` (of a model reaching Meeting by `path`, "" for
        Meeting itself) grouped by `fields`: the rows of the agreements' own meetings (one
        query), then those of linked forum meetings, grouped per meeting and given to each
        agreement it was about (one query)."""
        prefix = f"{path}__" if path else ""
        own = (
            queryset.filter(**{f"{prefix}agreement_id__in": self.agreements})
            .values(f"{prefix}agreement_id", *fields)
            .annotate(**annotations)
            .order_by()
        )
        for row in own:
            yield row[f"{prefix}agreement_id"], row
        if not self.forums:
            return
        meeting_key = f"{prefix}pk" if not path else f"{path}_id"
        linked = (
            queryset.filter(**{f"{meeting_key}__in": self.linked_forum_meetings()})
            .values(meeting_key, *fields)
            .annotate(**annotations)
            .order_by()
        )
        for row in linked:
            for agreement_id in self.forum_links.get(row[meeting_key], ()):
                yield agreement_id, row


def _forum_links(scope: Scope) -> None:
    """Fill the scope's forum links and each linked forum's expectation (one query)."""
    elapsed = (scope.end - scope.start).days
    cadences: dict[int, dict[int, str]] = defaultdict(dict)
    for meeting_id, agreement_id, forum_id, cadence in (
        scope.linked_forum_meetings()
        .values_list("meeting_id", "agreement_id", "meeting__forum_id", "meeting__forum__cadence")
        .order_by()
        .distinct()
    ):
        if agreement_id not in scope.forum_links.setdefault(meeting_id, []):
            scope.forum_links[meeting_id].append(agreement_id)
        cadences[agreement_id][forum_id] = cadence
    for agreement_id, forums in cadences.items():
        scope.forum_expected[agreement_id] = sum(
            EXPECTED_PER_YEAR.get(Cadence(cadence), 0) * elapsed // 365
            for cadence in forums.values()
            if cadence
        )


# --- the measures ----------------------------------------------------------------------------


def _meetings_held(scope: Scope) -> Counts:
    counts: Counts = {}
    scheduled: dict[int, int] = defaultdict(int)
    for agreement_id, row in scope.meeting_rows(
        Meeting.objects.filter(scope.in_window()),
        "",
        ["host_id"],
        held=Count("pk", filter=Q(status=Meeting.Status.HELD)),
        scheduled=Count("pk"),
    ):
        scope.add(counts, agreement_id, row["host_id"], row["held"], row["scheduled"])
        scheduled[agreement_id] += row["scheduled"]
    # A linked forum's declared cadence: fewer meetings than it promises count as missed.
    for agreement_id, expected in scope.forum_expected.items():
        if expected > scheduled[agreement_id]:
            scope.add(counts, agreement_id, None, 0, expected - scheduled[agreement_id])
    return counts


def _attendance(scope: Scope) -> Counts:
    counts: Counts = {}
    listed = Meeting.objects.filter(scope.in_window(), status=Meeting.Status.HELD).filter(
        Exists(Attendance.objects.filter(meeting=OuterRef("pk")))
    )
    meetings: dict[int, int] = defaultdict(int)
    for agreement_id, row in scope.meeting_rows(listed, "", [], n=Count("pk")):
        meetings[agreement_id] += row["n"]
    attended: dict[tuple[int, int], int] = defaultdict(int)
    for agreement_id, row in scope.meeting_rows(
        Attendance.objects.filter(
            meeting__in=listed.values("pk"), status__in=ATTENDED, organization__isnull=False
        ),
        "meeting",
        ["organization_id"],
        n=Count("meeting_id", distinct=True),
    ):
        attended[(agreement_id, row["organization_id"])] += row["n"]
    for agreement_id, held in meetings.items():
        for org_id in scope.parties.get(agreement_id, ()):
            scope.add(counts, agreement_id, org_id, attended.get((agreement_id, org_id), 0), held)
    return counts


def _actions_on_time(scope: Scope) -> Counts:
    counts: Counts = {}
    for agreement_id, row in scope.meeting_rows(
        ActionItem.objects.filter(due_date__gte=scope.first_day, due_date__lte=scope.last_due_day),
        "agenda_item__meeting",
        ["owner_organization_id"],
        due=Count("pk"),
        on_time=Count(
            "pk", filter=Q(status=ActionItem.Status.DONE, done_at__date__lte=F("due_date"))
        ),
    ):
        scope.add(counts, agreement_id, row["owner_organization_id"], row["on_time"], row["due"])
    return counts


def _data_on_time(scope: Scope) -> Counts:
    counts: Counts = {}
    rows = (
        Submission.objects.filter(
            period__agreement_id__in=scope.agreements,
            period__year=scope.year,
            is_late__isnull=False,
        )
        .values("period__agreement_id", "party__organization_id")
        .annotate(decided=Count("pk"), on_time=Count("pk", filter=Q(is_late=False)))
        .order_by()
    )
    for row in rows:
        scope.add(
            counts,
            row["period__agreement_id"],
            row["party__organization_id"],
            row["on_time"],
            row["decided"],
        )
    return counts


def _obligations_fulfilled(scope: Scope) -> Counts:
    counts: Counts = {}
    fulfilled = Q(status=Obligation.Status.FULFILLED)
    rows = (
        Obligation.objects.filter(
            party__agreement_id__in=scope.agreements, due_date__year=scope.year
        )
        .filter(fulfilled | Q(due_date__lte=scope.last_due_day))
        .values("party__agreement_id", "party__organization_id")
        .annotate(due=Count("pk"), done=Count("pk", filter=fulfilled))
        .order_by()
    )
    for row in rows:
        scope.add(
            counts,
            row["party__agreement_id"],
            row["party__organization_id"],
            row["done"],
            row["due"],
        )
    return counts


def _minutes_signed(scope: Scope) -> Counts:
    counts: Counts = {}
    grace = timedelta(days=sign_off_days())
    versions = MinutesVersion.objects.filter(
        circulated_at__gte=scope.start, circulated_at__lt=scope.end
    )
    for agreement_id, row in scope.meeting_rows(
        SignOff.objects.filter(version__in=versions.values("pk")),
        "version__minutes__meeting",
        ["organization_id"],
        n=Count("pk"),
        prompt=Count("pk", filter=Q(signed_at__lte=F("version__circulated_at") + grace)),
    ):
        scope.add(counts, agreement_id, row["organization_id"], row["prompt"], row["n"])
    # Rounds still waiting past the grace period: owed by every party that has not answered.
    waiting = [
        (agreement_id, row["pk"], row["round"])
        for agreement_id, row in scope.meeting_rows(
            versions.filter(
                status=MinutesVersion.Status.CIRCULATED,
                circulated_at__lt=timezone.now() - grace,
            ),
            "minutes__meeting",
            ["pk", "round"],
        )
    ]
    answered = set(
        SignOff.objects.filter(version_id__in=[pk for _a, pk, _r in waiting]).values_list(
            "version_id", "round", "organization_id"
        )
    )
    for agreement_id, version_id, round_ in waiting:
        for org_id in scope.parties.get(agreement_id, ()):
            if (version_id, round_, org_id) not in answered:
                scope.add(counts, agreement_id, org_id, 0, 1)
    return counts


def _per_owner(scope: Scope, rows: dict[int, tuple[int, int]]) -> Counts:
    """Spread counts kept per organisation over every agreement it is a party to."""
    counts: Counts = {}
    for agreement_id, org_ids in scope.parties.items():
        for org_id in org_ids:
            num, den = rows.get(org_id, (0, 0))
            scope.add(counts, agreement_id, org_id, num, den)
    return counts


def _knowledge_shared(scope: Scope) -> Counts:
    target = knowledge_target()
    in_window = Q(published_at__gte=scope.start)
    rows = (
        KnowledgeItem.objects.filter(
            owner_id__in=scope.party_orgs(),
            status=KnowledgeItem.Status.PUBLISHED,
            published_at__lt=scope.end,
        )
        .values("owner_id")
        .annotate(n=Count("pk", filter=in_window))
        .order_by()
    )
    # Only organisations that have ever published are judged: a platform not yet used for
    # knowledge is "no data", not a zero pulling every score down.
    return _per_owner(scope, {row["owner_id"]: (min(row["n"], target), target) for row in rows})


def _knowledge_adopted(scope: Scope) -> Counts:
    taken_up = Adoption.objects.filter(
        item=OuterRef("pk"),
        decision__in=(Adoption.Decision.ADOPT, Adoption.Decision.ADAPT),
        decided_at__lt=scope.end,
    ).exclude(organization_id=OuterRef("owner_id"))
    rows = (
        KnowledgeItem.objects.filter(
            owner_id__in=scope.party_orgs(),
            status=KnowledgeItem.Status.PUBLISHED,
            kind__in=ADOPTABLE_KINDS,
            published_at__lt=scope.end,
        )
        .annotate(adopted=Exists(taken_up))
        .values("owner_id")
        .annotate(n=Count("pk"), adopted_n=Count("pk", filter=Q(adopted=True)))
        .order_by()
    )
    return _per_owner(scope, {row["owner_id"]: (row["adopted_n"], row["n"]) for row in rows})


def _questions_answered(scope: Scope) -> Counts:
    counts: Counts = {}
    details = scope.details.setdefault("questions_answered", {})
    times = response_times_per_party(scope.agreements, since=scope.start, until=scope.end)
    # The agreement's row (org None) counts every question of its threads, a non-party's too.
    for (agreement_id, org_id), figures in times.items():
        if org_id is None or org_id in scope.parties.get(agreement_id, ()):
            counts[(agreement_id, org_id)] = [figures["answered"], figures["asked"]]
            details[(agreement_id, org_id)] = figures
    return counts


@dataclass(frozen=True)
class Measure:
    key: str
    label: str | Promise
    # The numerator and the denominator in words, for the panel's formula column.
    formula: str | Promise
    count: Callable[[Scope], Counts]


MEASURES: list[Measure] = [
    Measure(
        "meetings_held",
        _("Meetings held"),
        _("meetings held ÷ meetings scheduled in the year (a party: those it hosted)"),
        _meetings_held,
    ),
    Measure(
        "attendance",
        _("Attendance"),
        _("meetings attended (present or represented) ÷ held meetings with an attendance list"),
        _attendance,
    ),
    Measure(
        "actions_on_time",
        _("Action items on time"),
        _("action items done by their due date ÷ action items due (a party: those it owns)"),
        _actions_on_time,
    ),
    Measure(
        "data_on_time",
        _("Data on time"),
        _("data submissions on time ÷ submissions whose lateness is decided, this year's periods"),
        _data_on_time,
    ),
    Measure(
        "obligations_fulfilled",
        _("Obligations fulfilled"),
        _("obligations fulfilled ÷ obligations due in the year"),
        _obligations_fulfilled,
    ),
    Measure(
        "minutes_signed",
        _("Minutes signed promptly"),
        _("minutes sign-offs given within the sign-off period ÷ sign-offs owed"),
        _minutes_signed,
    ),
    Measure(
        "knowledge_shared",
        _("Knowledge shared"),
        _("knowledge items published in the year (counted up to the yearly target) ÷ the target"),
        _knowledge_shared,
    ),
    Measure(
        "knowledge_adopted",
        _("Knowledge adopted by others"),
        _("published practices another organisation adopts or adapts ÷ published practices"),
        _knowledge_adopted,
    ),
    Measure(
        "questions_answered",
        _("Questions answered"),
        _(
            "questions asked of the party in the agreement's threads that a member answered"
            " ÷ questions asked (beside it: the median response time)"
        ),
        _questions_answered,
    ),
]


# --- putting it together ---------------------------------------------------------------------


def share(num: int, den: int) -> Decimal | None:
    if not den:
        return None
    return (Decimal(num) * HUNDRED / den).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Figure:
    measure: Measure
    num: int
    den: int
    # questions_answered: response_times' figures (median_workdays, median_hours, ...).
    detail: dict[str, Any] | None = None

    @property
    def share(self) -> Decimal | None:
        return share(self.num, self.den)


@dataclass
class Health:
    """One agreement's (organization=None) or one party's figures, in MEASURES order."""

    organization_id: int | None
    figures: list[Figure] = field(default_factory=list)

    @property
    def score(self) -> Decimal | None:
        """The mean of the available shares, weighted like the scorecard's dimension."""
        from .services import collaboration_score

        return collaboration_score({f.measure.key: (f.num, f.den) for f in self.figures})


def _window(year: int, now: datetime) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date(year, 1, 1), time.min), zone)
    year_end = timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min), zone)
    return start, min(now, year_end)


def collaboration_counts(
    agreements: Any,
    year: int,
    *,
    now: datetime | None = None,
    keys: Any = None,
    forums: bool = True,
) -> tuple[dict[int, list[int]], dict[str, Counts]]:
    """(each agreement's party organisations, each measure's Counts) for `agreements` (ids
    or a queryset of pks) and `year`: one query for the parties, one for the linked forum
    meetings (unless `forums` is False) and one to three per measure (only the measures
    named in `keys`, when given)."""
    scope = _scope(agreements, year, now=now, forums=forums)
    return scope.parties, _counts(scope, keys)


def _counts(scope: Scope, keys: Any = None) -> dict[str, Counts]:
    return {
        measure.key: measure.count(scope)
        for measure in MEASURES
        if keys is None or measure.key in keys
    }


def _scope(agreements: Any, year: int, *, now: datetime | None, forums: bool) -> Scope:
    now = now or timezone.now()
    start, end = _window(year, now)
    parties: dict[int, list[int]] = defaultdict(list)
    for agreement_id, org_id in (
        Party.objects.filter(agreement_id__in=agreements)
        .order_by("agreement_id", "position", "pk")
        .values_list("agreement_id", "organization_id")
    ):
        if org_id not in parties[agreement_id]:
            parties[agreement_id].append(org_id)
    scope = Scope(
        agreements, dict(parties), year, start, end, timezone.localdate(now), forums=forums
    )
    if forums:
        _forum_links(scope)
    return scope


def _health(scope: Scope, counts: dict[str, Counts], key: tuple[int, int | None]) -> Health:
    figures = []
    for measure in MEASURES:
        num, den = counts[measure.key].get(key, (0, 0))
        detail = scope.details.get(measure.key, {}).get(key)
        figures.append(Figure(measure, num, den, detail=detail))
    return Health(organization_id=key[1], figures=figures)


@dataclass
class AgreementHealth:
    year: int
    whole: Health
    parties: list[Health]


def agreement_health(agreement_id: int, year: int, *, now: datetime | None = None):
    """One agreement's health and its parties', for the agreement's panel."""
    scope = _scope([agreement_id], year, now=now, forums=True)
    counts = _counts(scope)
    return AgreementHealth(
        year=year,
        whole=_health(scope, counts, (agreement_id, None)),
        parties=[
            _health(scope, counts, (agreement_id, org))
            for org in scope.parties.get(agreement_id, [])
        ],
    )


def flat_inputs(counts: dict[str, Counts], agreement_id: int) -> dict[str, int]:
    """An agreement's figures as Score.inputs keeps them: `<key>` and `<key>_of` (numerator
    and denominator), so a region's pooled inputs are plain sums."""
    flat: dict[str, int] = {}
    for measure in MEASURES:
        num, den = counts[measure.key].get((agreement_id, None), (0, 0))
        flat[measure.key] = num
        flat[f"{measure.key}_of"] = den
    return flat
