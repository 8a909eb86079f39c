"""Data collection: reporting periods, submissions, values, evidence and late-data reminders.

    periods_ensure(agreement) -> list[ReportingPeriod]            (created ones; idempotent)
    period_open / period_close / period_lock / period_reopen(*, period, user)
    submission_for(period, party) -> Submission                    (get_or_create, draft)
    entry_lines(period, party, submission=None) -> list[IndicatorLine]
    values_save(*, submission, user, rows, expected_version, action="saved") -> SaveResult
    submission_submit(*, submission, user, expected_version) -> Submission
    submission_verify(*, submission, user, comment="", expected_version=None) -> Submission
    submission_return(*, submission, user, comment, expected_version=None) -> Submission
    evidence_add(*, submission, user, uploaded_file, indicator=None, description="")
    late_submissions(zone=None) -> list[LateSubmission]            (stored lateness)
    late_data_reminders_send(today=None, zone=None) -> int         (e-mails enqueued)

Decisions, in one place:

- **Periods and frequencies.** An agreement reports at its MonitoringSetup frequency
  (quarterly by default); an indicator measured at another frequency (a yearly survey) gets
  periods of its own frequency too. A period's form holds the indicators of its frequency
  that are measured during it (start/end dates), so targets (per indicator frequency) and
  values always line up.
- **Who reports an indicator.** An indicator with a responsible party is reported by that
  party only; an indicator without one is reported by every party, each for its own region
  (values are always broken down by party). `party_indicators` is that rule.
- **Validation.** Numbers accept a decimal comma ("12,5") and refuse text with the indicator
  named; the indicator's lowest/highest valid value apply, percentages are 0–100 and yes/no
  is 1/0 (or ya/tidak, yes/no). Qualitative indicators take text.
- **Outliers** warn, never block: a value is unusual when it lies more than
  OUTLIER_MAD_FACTOR median absolute deviations from the median of the party's earlier
  verified values (at least OUTLIER_MIN_HISTORY of them; the deviation scaled by MAD_TO_SIGMA,
  so "3" means three standard deviations), or, with fewer, when it differs
  from the last verified value by more than OUTLIER_RELATIVE_CHANGE of it.
- **Concurrency.** Every write to a submission is a conditional UPDATE on its `version` (and
  status), so of two simultaneous submits the second finds nothing to update and is told
  "already submitted"; nothing is applied twice. The UPDATE bypasses the audit signals, so
  status changes are written to the audit chain explicitly (audit.services.record).
- **Locked periods** refuse every data change (values, evidence, submit, verify, return).
- **Lateness** is decided once and stored on the submission (`is_late`, see
  services/lateness.py): at the first submit, against the end of the due date in the
  party's zone, or by the worker when that moment passes with nothing submitted.
- **Late-data reminders** are idempotent per (period, party) and day: a `LateDataReminder`
  row, unique on (period, party, day), commits together with the reminders' outbox rows
  (simpul.core.outbox), so two workers never both enqueue and a crash loses nothing.
"""

import hashlib
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from statistics import median

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.agreements.models import Agreement, Party
from simpul.audit.context import acting_as, system_actor
from simpul.audit.services import record as audit_record
from simpul.core import outbox, zones
from simpul.core.claims import claim, conflict_for, moment_label, person_label
from simpul.core.errors import Conflict, InvalidInput
from simpul.core.machines import Machine, Move
from simpul.core.uploads import file_size, safe_display_name, validate_upload
from simpul.organizations.models import Membership

from ..access import (
    DATA_ENTRY_ROLES,
    agreement_can_edit,
    agreement_can_verify,
    submission_is_own_work,
)
from ..access import party_can_enter_data as _party_can_enter_data
from ..models import (
    DataValue,
    Disaggregation,
    DisaggregationOption,
    Evidence,
    Indicator,
    LateDataReminder,
    MonitoringSetup,
    ReportingPeriod,
    Submission,
    SubmissionEvent,
    Target,
)
from ..periods import period_bounds, period_label, periods_between

logger = logging.getLogger("simpul.monitoring")

# Outlier rule (see the module docstring): the one place its constants live.
OUTLIER_MAD_FACTOR = Decimal(3)
# Scales the median absolute deviation to a standard deviation for normally spread data, so
# the factor reads as "three standard deviations", robust to the outliers themselves.
MAD_TO_SIGMA = Decimal("1.4826")
OUTLIER_MIN_HISTORY = 4
OUTLIER_RELATIVE_CHANGE = Decimal("0.5")

# DataValue.value is DECIMAL(18, 4): 14 digits before the point.
MAX_ABS_VALUE = Decimal(10) ** 14
MAX_TEXT = 5000
# A period grid longer than this is a data error (an end date in 2205), not a plan.
MAX_PERIOD_YEARS = 30

EDITABLE = (Submission.Status.DRAFT, Submission.Status.RETURNED)
DONE = (Submission.Status.SUBMITTED, Submission.Status.VERIFIED)
YES_WORDS = {"1", "ya", "yes", "y", "true", "benar"}
NO_WORDS = {"0", "tidak", "no", "n", "false", "salah"}

Status = ReportingPeriod.Status


# --- Errors ------------------------------------------------------------------------------------


# Refusals are the kernel's InvalidInput (400); a submission changed or moved by someone else
# is its Conflict (409), naming who and when.


class ValuesInvalid(InvalidInput):
    """Some values are refused; `problems` pairs each message with its row key
    (indicator id, option id or None), so forms can show it beside the field."""

    def __init__(self, problems: list[tuple[tuple[int, int | None] | None, str]]):
        self.problems = problems
        super().__init__([message for _key, message in problems])


def _locked_error(period: ReportingPeriod) -> InvalidInput:
    return InvalidInput(
        _("%(period)s is locked: its data can no longer be changed.")
        % {"period": period_name(period)},
        code="locked",
    )


def period_name(period: ReportingPeriod) -> str:
    return period_label(period.frequency, period.year, period.number)


def indicator_name(indicator: Indicator) -> str:
    return f"{indicator.code} {indicator.name}"


def option_name(option: DisaggregationOption | None) -> str:
    if option is None:
        return _("Total")
    return option.name_en if translation.get_language() == "en" else option.name_id


def disaggregation_name(disaggregation: Disaggregation) -> str:
    if translation.get_language() == "en":
        return disaggregation.name_en
    return disaggregation.name_id


def _actor_label(user) -> str:
    if user is None:
        return "system"
    return (getattr(user, "full_name", "") or user.email)[:200]


def _event(submission, action, user, comment="") -> SubmissionEvent:
    return SubmissionEvent.objects.create(
        submission=submission,
        action=action,
        actor=user if user is not None and user.is_authenticated else None,
        actor_label=_actor_label(user),
        occurred_at=timezone.now(),
        comment=comment,
    )


# --- Periods -----------------------------------------------------------------------------------


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


# --- The entry lines (form, spreadsheet and read-only view share them) -----------------------


@dataclass
class EntryCell:
    option: DisaggregationOption | None
    value: DataValue | None = None

    @property
    def option_id(self) -> int | None:
        return self.option.pk if self.option is not None else None

    @property
    def label(self) -> str:
        return option_name(self.option)

    @property
    def group(self) -> str:
        """The disaggregation's name ("Sex"), empty for the total."""
        return disaggregation_name(self.option.disaggregation) if self.option else ""


@dataclass
class IndicatorLine:
    indicator: Indicator
    target: Target | None
    previous: Decimal | None
    history: dict = field(default_factory=dict)  # option id → [earlier verified values]
    cells: list[EntryCell] = field(default_factory=list)

    @property
    def total(self) -> EntryCell:
        return self.cells[0]

    @property
    def options(self) -> list[EntryCell]:
        return self.cells[1:]

    @property
    def has_outlier(self) -> bool:
        return any(cell.value is not None and cell.value.is_outlier for cell in self.cells)


def _history(party: Party, period: ReportingPeriod, indicator_ids) -> dict:
    """(indicator id, option id) → the party's earlier verified values, oldest first."""
    rows = (
        DataValue.objects.filter(
            submission__party=party,
            submission__status=Submission.Status.VERIFIED,
            submission__period__agreement_id=period.agreement_id,
            submission__period__frequency=period.frequency,
            submission__period__end__lt=period.start,
            indicator_id__in=indicator_ids,
            value__isnull=False,
        )
        .order_by("submission__period__end", "pk")
        .values_list("indicator_id", "option_id", "value")
    )
    history: dict = defaultdict(list)
    for indicator_id, option_id, value in rows:
        history[(indicator_id, option_id)].append(value)
    return history


def entry_lines(
    period: ReportingPeriod, party: Party, submission: Submission | None = None
) -> list[IndicatorLine]:
    """One line per indicator the party reports in the period, with its target, previous
    verified value and current values. A constant number of queries."""
    options = DisaggregationOption.objects.order_by("position", "code")
    indicators = list(
        party_indicators(period, party)
        .order_by("position", "code", "pk")
        .prefetch_related(
            Prefetch(
                "disaggregations",
                queryset=Disaggregation.objects.prefetch_related(
                    Prefetch("options", queryset=options)
                ),
            )
        )
    )
    ids = [i.pk for i in indicators]
    targets = {
        t.indicator_id: t
        for t in Target.objects.filter(indicator_id__in=ids, year=period.year, number=period.number)
    }
    values = {}
    if submission is not None and submission.pk:
        for value in DataValue.objects.filter(submission=submission, indicator_id__in=ids):
            values[(value.indicator_id, value.option_id)] = value
    history = _history(party, period, ids)
    lines = []
    for indicator in indicators:
        cells = [EntryCell(None, values.get((indicator.pk, None)))]
        for disaggregation in indicator.disaggregations.all():
            for option in disaggregation.options.all():
                option.disaggregation = disaggregation
                cells.append(EntryCell(option, values.get((indicator.pk, option.pk))))
        earlier = history.get((indicator.pk, None), [])
        lines.append(
            IndicatorLine(
                indicator=indicator,
                target=targets.get(indicator.pk),
                previous=earlier[-1] if earlier else None,
                history={key[1]: vals for key, vals in history.items() if key[0] == indicator.pk},
                cells=cells,
            )
        )
    return lines


# --- Values ------------------------------------------------------------------------------------


class AmbiguousNumber(ValueError):
    """ "1.250" is 1250 to an Indonesian reader and 1.25 to an English one."""


# One separator followed by exactly three digits, the leading part not 0: "1.250", "12,500".
AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")
GROUPED = (
    re.compile(r"^[+-]?\d{1,3}(\.\d{3}){2,}(,\d+)?$"),  # 1.250.000 or 1.250.000,5
    re.compile(r"^[+-]?\d{1,3}(,\d{3}){2,}(\.\d+)?$"),  # 1,250,000 or 1,250,000.5
)


def parse_number(raw) -> Decimal:
    """A number from a person or a spreadsheet: "12,5" and "12.5" alike; "1.250,5" (Indonesian
    grouping) and "1,250.5" (English) read as 1250.5, "1.250.000" as 1250000. A lone
    separator before exactly three digits ("1.250") means 1250 in Indonesian and 1.25 in
    English, so it is refused (AmbiguousNumber) rather than guessed. Raises ValueError for
    anything else that is not a number."""
    if isinstance(raw, bool):
        return Decimal(int(raw))
    if isinstance(raw, int | Decimal):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(repr(raw))
    else:
        text = str(raw).replace("\u00a0", "").replace(" ", "").strip()
        if AMBIGUOUS.match(text):
            raise AmbiguousNumber(raw)
        if GROUPED[0].match(text):
            text = text.replace(".", "").replace(",", ".")
        elif GROUPED[1].match(text):
            text = text.replace(",", "")
        elif "," in text and "." in text:
            decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
            grouping = "." if decimal_mark == "," else ","
            text = text.replace(grouping, "").replace(decimal_mark, ".")
        elif text.count(",") == 1:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(raw) from None
    if not number.is_finite():
        raise ValueError(raw)
    return number


def _is_empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def clean_value(indicator: Indicator, raw) -> Decimal | None:
    """The value to store for a quantitative indicator, or a ValidationError naming it."""
    if _is_empty(raw):
        return None
    name = indicator_name(indicator)
    shown = str(raw).strip()[:40]
    if indicator.kind == Indicator.Kind.BOOLEAN:
        word = str(raw).strip().lower()
        if isinstance(raw, bool):
            return Decimal(int(raw))
        if word in YES_WORDS:
            return Decimal(1)
        if word in NO_WORDS:
            return Decimal(0)
        try:
            number = parse_number(raw)
        except ValueError:
            number = None
        if number in (Decimal(0), Decimal(1)):
            return number
        raise ValidationError(
            _("“%(value)s” is not yes (1) or no (0) for %(indicator)s.")
            % {"value": shown, "indicator": name},
            code="boolean",
        )
    try:
        number = parse_number(raw)
    except AmbiguousNumber:
        raise ValidationError(
            _(
                "“%(value)s” for %(indicator)s could be read two ways; write it without a "
                "thousands separator (1250) or with a decimal comma and no trailing zeros (1,25)."
            )
            % {"value": shown, "indicator": name},
            code="ambiguous",
        ) from None
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not a number for %(indicator)s.")
            % {"value": shown, "indicator": name},
            code="not_a_number",
        ) from None
    if abs(number) >= MAX_ABS_VALUE:
        raise ValidationError(
            _("%(value)s is too large for %(indicator)s.") % {"value": shown, "indicator": name},
            code="too_large",
        )
    if indicator.kind == Indicator.Kind.PERCENTAGE and not Decimal(0) <= number <= Decimal(100):
        raise ValidationError(
            _("%(value)s%% is not a percentage between 0 and 100 for %(indicator)s.")
            % {"value": shown, "indicator": name},
            code="percentage",
        )
    if indicator.min_value is not None and number < indicator.min_value:
        raise ValidationError(
            _("%(value)s is below the lowest valid value (%(limit)s) for %(indicator)s.")
            % {"value": shown, "indicator": name, "limit": plain_number(indicator.min_value)},
            code="below_min",
        )
    if indicator.max_value is not None and number > indicator.max_value:
        raise ValidationError(
            _("%(value)s is above the highest valid value (%(limit)s) for %(indicator)s.")
            % {"value": shown, "indicator": name, "limit": plain_number(indicator.max_value)},
            code="above_max",
        )
    return number.quantize(Decimal("0.0001"))


def plain_number(number: Decimal) -> str:
    """12.5000 → "12.5", 10.0000 → "10" (never "1E+1")."""
    return format(number.normalize(), "f")


def is_outlier(value: Decimal | None, history: list[Decimal]) -> bool:
    """The outlier rule of the module docstring."""
    if value is None or not history:
        return False
    if len(history) >= OUTLIER_MIN_HISTORY:
        centre = median(history)
        mad = median([abs(v - centre) for v in history])
        if mad > 0:
            return abs(value - centre) > OUTLIER_MAD_FACTOR * MAD_TO_SIGMA * mad
        reference = centre
    else:
        reference = history[-1]
    if reference == 0:
        return False
    return abs(value - reference) > OUTLIER_RELATIVE_CHANGE * abs(reference)


@dataclass
class CleanRow:
    indicator: Indicator
    option: DisaggregationOption | None
    value: Decimal | None
    text: str
    narrative: str
    is_outlier: bool = False

    @property
    def key(self) -> tuple[int, int | None]:
        return (self.indicator.pk, self.option.pk if self.option is not None else None)

    @property
    def empty(self) -> bool:
        return self.value is None and not self.text and not self.narrative


@dataclass
class SaveResult:
    changed: int
    outliers: list[CleanRow]


def values_validate(
    *, submission: Submission, rows
) -> tuple[list[CleanRow], list[tuple[tuple[int, int | None] | None, str]]]:
    """Check rows (indicator, option|None, value|None, text, narrative) for this submission:
    the clean rows and the problems (row key, message)."""
    period, party = submission.period, submission.party
    allowed = {
        i.pk: i
        for i in party_indicators(period, party).prefetch_related("disaggregations__options")
    }
    history = _history(party, period, list(allowed))
    clean, problems, seen = [], [], set()
    for indicator, option, raw, text, narrative in rows:
        key = (indicator.pk, option.pk if option is not None else None)
        known = allowed.get(indicator.pk)
        if known is None:
            problems.append(
                (
                    key,
                    _("%(indicator)s is not reported by %(party)s in %(period)s.")
                    % {
                        "indicator": indicator_name(indicator),
                        "party": party.organization.name,
                        "period": period_name(period),
                    },
                )
            )
            continue
        if option is not None and option.disaggregation_id not in {
            d.pk for d in known.disaggregations.all()
        }:
            problems.append(
                (
                    key,
                    _("%(indicator)s is not broken down by %(option)s.")
                    % {"indicator": indicator_name(known), "option": option_name(option)},
                )
            )
            continue
        if key in seen:
            problems.append(
                (
                    key,
                    _("%(indicator)s (%(option)s) appears twice.")
                    % {"indicator": indicator_name(known), "option": option_name(option)},
                )
            )
            continue
        seen.add(key)
        text = (text or "").strip()
        narrative = (narrative or "").strip()
        if len(text) > MAX_TEXT or len(narrative) > MAX_TEXT:
            problems.append(
                (
                    key,
                    _("The text for %(indicator)s is longer than %(limit)s characters.")
                    % {"indicator": indicator_name(known), "limit": MAX_TEXT},
                )
            )
            continue
        value = None
        if known.is_quantitative:
            try:
                value = clean_value(known, raw)
            except ValidationError as error:
                problems.append((key, error.messages[0]))
                continue
        elif not _is_empty(raw) and not text:
            # A qualitative indicator's finding typed in the value column.
            text = str(raw).strip()
        outlier = known.kind != Indicator.Kind.BOOLEAN and is_outlier(value, history.get(key, []))
        clean.append(CleanRow(known, option, value, text, narrative, outlier))
    return clean, problems


def _check_editable(submission: Submission, user) -> ReportingPeriod:
    if not _party_can_enter_data(user, submission.party):
        raise InvalidInput(
            _("You may not enter data for %(party)s.")
            % {"party": submission.party.organization.name}
        )
    period = ReportingPeriod.objects.get(pk=submission.period_id)
    if period.status == Status.LOCKED:
        raise _locked_error(period)
    if period.status != Status.OPEN:
        raise InvalidInput(
            _("%(period)s is not open for data entry (it is %(status)s).")
            % {"period": period_name(period), "status": period.get_status_display().lower()},
            code="period_not_open",
        )
    return period


def _conflict(submission: Submission) -> Conflict:
    """A submitted submission names its submitter (who may differ from the last changer)."""
    fresh = (
        Submission.objects.filter(pk=submission.pk)
        .select_related("submitted_by")
        .only("status", "version", "submitted_at", "submitted_by")
        .first()
    )
    if fresh and fresh.status in DONE:
        who, when = person_label(fresh.submitted_by), fresh.submitted_at
        return Conflict(
            _("This submission was already submitted by %(who)s on %(when)s; nothing was changed.")
            % {"who": who, "when": moment_label(when)},
            code="already_submitted",
            who=who,
            when=when,
            state=fresh.get_status_display(),
            version=fresh.version,
        )
    return conflict_for(Submission, submission.pk)


def _bump(submission: Submission, expected_version, statuses, user=None, **changes) -> None:
    """The claim every submission write goes through."""
    now = timezone.now()
    changes["updated_at"] = now
    # Without an expected version (a coordinator's button) only the status condition applies.
    submission.version = claim(
        Submission,
        submission.pk,
        version=expected_version,
        states=statuses,
        by=user,
        set=changes,
        describe=lambda: _conflict(submission),
    )
    submission.changed_by = user if getattr(user, "pk", None) else None
    for name, value in changes.items():
        setattr(submission, name, value)


def _is_late_change(old, new) -> dict:
    return {} if old == new else {"is_late": [old, new]}


def _audit_status(submission: Submission, old_status: str, **extra) -> None:
    changes = {"status": [old_status, submission.status], **extra}
    audit_record(action="update", obj=submission, changes=changes)


@transaction.atomic
def values_save(
    *,
    submission: Submission,
    user,
    rows,
    expected_version: int,
    action: str = SubmissionEvent.Action.SAVED,
) -> SaveResult:
    """Validate and store values, all or nothing. Raises ValuesInvalid (nothing saved),
    Conflict or InvalidInput."""
    _check_editable(submission, user)
    if submission.status not in EDITABLE:
        raise _conflict(submission)
    clean, problems = values_validate(submission=submission, rows=rows)
    if problems:
        raise ValuesInvalid(problems)
    _bump(submission, expected_version, EDITABLE, user)
    keys = [row.key for row in clean]
    existing = {
        (v.indicator_id, v.option_id): v
        for v in DataValue.objects.filter(
            submission=submission, indicator_id__in={k[0] for k in keys}
        )
    }
    now = timezone.now()
    to_create, to_update, to_delete = [], [], []
    for row in clean:
        current = existing.get(row.key)
        if row.empty:
            if current is not None:
                to_delete.append(current.pk)
            continue
        if current is None:
            to_create.append(
                DataValue(
                    submission=submission,
                    indicator=row.indicator,
                    option=row.option,
                    value=row.value,
                    text=row.text,
                    narrative=row.narrative,
                    is_outlier=row.is_outlier,
                    updated_by=user,
                )
            )
            continue
        if (current.value, current.text, current.narrative, current.is_outlier) != (
            row.value,
            row.text,
            row.narrative,
            row.is_outlier,
        ):
            current.value, current.text, current.narrative = row.value, row.text, row.narrative
            current.is_outlier = row.is_outlier
            current.updated_at, current.updated_by = now, user
            to_update.append(current)
    DataValue.objects.filter(pk__in=to_delete).delete()
    DataValue.objects.bulk_create(to_create)
    DataValue.objects.bulk_update(
        to_update, ["value", "text", "narrative", "is_outlier", "updated_at", "updated_by"]
    )
    changed = len(to_create) + len(to_update) + len(to_delete)
    if changed or action == SubmissionEvent.Action.UPLOADED:
        _event(
            submission,
            action,
            user,
            comment=_("%(count)s values changed.") % {"count": changed},
        )
    return SaveResult(changed=changed, outliers=[row for row in clean if row.is_outlier])


@transaction.atomic
def submission_submit(*, submission: Submission, user, expected_version: int) -> Submission:
    period = _check_editable(submission, user)
    if not DataValue.objects.filter(submission=submission).exists():
        if submission.status in DONE:
            raise _conflict(submission)
        raise InvalidInput(
            _("Enter at least one value before submitting %(period)s.")
            % {"period": period_name(period)},
            code="empty",
        )
    old, was_late = submission.status, submission.is_late
    now = timezone.now()
    # Decided at the first submit only: marked late once (by the worker, or an earlier late
    # submit), a submission stays late; resubmitting after a return keeps the first decision.
    late = zones.is_late(now, period.due_date, zones.zone_of(submission.party))
    move = SUBMISSION.move("submit")
    _bump(
        submission,
        expected_version,
        move.sources,
        user,
        status=move.target,
        submitted_at=now,
        submitted_by=user,
        is_late=Coalesce(F("is_late"), Value(late)),
    )
    submission.refresh_from_db(fields=["is_late"])
    _audit_status(submission, old, **_is_late_change(was_late, submission.is_late))
    _event(submission, SubmissionEvent.Action.SUBMITTED, user)
    return submission


def _check_verifiable(submission: Submission, user) -> ReportingPeriod:
    period = ReportingPeriod.objects.select_related("agreement").get(pk=submission.period_id)
    if not agreement_can_verify(user, period.agreement):
        raise InvalidInput(_("Only the agreement's coordinators verify data."))
    if period.status == Status.LOCKED:
        raise _locked_error(period)
    return period


def _refresh_indicators(submission: Submission) -> None:
    from . import analysis

    ids = list(
        DataValue.objects.filter(submission=submission)
        .values_list("indicator_id", flat=True)
        .distinct()
    )
    analysis.indicator_refresh(ids)


def _status_refusal(submission: Submission, wanted: str) -> Conflict:
    found = conflict_for(Submission, submission.pk)
    current = Submission.objects.filter(pk=submission.pk).values_list("status", flat=True).first()
    label = Submission.Status(current).label if current else "—"
    if current == wanted:
        message = _("This submission is already %(status)s; nothing was changed.")
    else:
        message = _("This submission is %(status)s; it cannot be changed that way.")
    return Conflict(
        message % {"status": str(label).lower()},
        code="status",
        who=found.who,
        when=found.when,
        state=found.state,
        version=found.version,
    )


def submission_verify(
    *, submission: Submission, user, comment: str = "", expected_version: int | None = None
) -> Submission:
    with transaction.atomic():
        _check_verifiable(submission, user)
        if submission_is_own_work(user, submission):
            raise InvalidInput(
                _(
                    "You submitted this data or entered its values: another coordinator of "
                    "the agreement verifies it."
                ),
                code="own_work",
            )
        old = submission.status
        move = SUBMISSION.move("verify")
        try:
            _bump(
                submission,
                expected_version,
                move.sources,
                user,
                status=move.target,
                verified_at=timezone.now(),
                verified_by=user,
            )
        except Conflict:
            raise _status_refusal(submission, move.target) from None
        _audit_status(submission, old)
        _event(submission, SubmissionEvent.Action.VERIFIED, user, (comment or "").strip())
    _refresh_indicators(submission)
    return submission


def submission_return(
    *, submission: Submission, user, comment: str, expected_version: int | None = None
) -> Submission:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": _("Say why the data is returned, so the party knows what to correct.")}
        )
    with transaction.atomic():
        _check_verifiable(submission, user)
        old = submission.status
        move = SUBMISSION.move("return", note=comment)
        try:
            _bump(
                submission,
                expected_version,
                move.sources,
                user,
                status=move.target,
                verified_at=None,
                verified_by=None,
            )
        except Conflict:
            raise _status_refusal(submission, move.target) from None
        _audit_status(submission, old, comment=[None, comment])
        _event(submission, SubmissionEvent.Action.RETURNED, user, comment)
    _refresh_indicators(submission)
    return submission


# --- Evidence ----------------------------------------------------------------------------------


def _sha256(uploaded_file) -> str:
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    chunks = uploaded_file.chunks() if hasattr(uploaded_file, "chunks") else [uploaded_file.read()]
    for chunk in chunks:
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


@transaction.atomic
def evidence_add(
    *, submission: Submission, user, uploaded_file, indicator=None, description: str = ""
) -> Evidence:
    _check_editable(submission, user)
    if submission.status not in EDITABLE:
        raise _conflict(submission)
    if indicator is not None and not (
        party_indicators(submission.period, submission.party).filter(pk=indicator.pk).exists()
    ):
        raise ValidationError({"indicator": _("That indicator is not part of this form.")})
    try:
        detected = validate_upload(uploaded_file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    evidence = Evidence(
        submission=submission,
        indicator=indicator,
        original_name=safe_display_name(getattr(uploaded_file, "name", ""), default="bukti"),
        content_type=detected.mime,
        size=file_size(uploaded_file),
        sha256=_sha256(uploaded_file),
        description=(description or "").strip()[:300],
        uploaded_by=user,
    )
    evidence.file.save(evidence.original_name, uploaded_file, save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


# --- Late data ---------------------------------------------------------------------------------


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
    people = {}
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


def _enqueue_reminder(late: LateSubmission, user, today: date) -> None:
    period, party = late.period, late.party
    with translation.override(user.language):
        values = {
            "code": period.agreement.reference_code,
            "period": period_name(period),
            "party": party.organization.name,
            "due": period.due_date.strftime("%d-%m-%Y"),
            "days": (today - period.due_date).days,
        }
        subject = _("Data for %(period)s of %(code)s is late") % values
        url = settings.SITE_URL + reverse(
            "monitoring:period-detail",
            kwargs={"agreement_pk": period.agreement_id, "pk": period.pk},
        )
        body = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": user.full_name or user.email},
                _(
                    "The data of %(party)s for %(period)s of agreement %(code)s was due on "
                    "%(due)s (%(days)s days ago) and has not been submitted yet."
                )
                % values,
                _("Enter the values (or upload the Excel form) and submit them here:"),
                url,
            ]
        )
    outbox.enqueue(
        key=f"late-data:{period.pk}:{party.pk}:{today.isoformat()}:{user.pk}",
        to=user.email,
        subject=subject,
        text=body,
        language=user.language,
    )


def late_data_reminders_send(today: date | None = None, zone: str | None = None) -> int:
    """One e-mail per late (period, party) to each of its data-entry users, at most once a
    day (the party's local day unless `today` is given); with `zone`, only parties in that
    zone. Settles lateness first, so nothing waits for the midnight run. Returns the number
    of e-mails put in the outbox. Safe to run again (idempotent per day): the day's
    LateDataReminder row and the outbox rows commit together, and the worker delivers the
    rows afterwards."""
    from .lateness import lateness_settle

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
                for user in recipients:
                    _enqueue_reminder(late, user, day)
                    sent += 1
    return sent
