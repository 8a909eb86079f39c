"""Data collection: reporting periods, submissions, values, evidence and late-data reminders.

A package by concern: `periods` (the period grid, the period and submission machines, who
reports what), `entry` (the lines a party fills in), `values` (reading and checking values,
outliers), `submissions` (save, submit, verify, return, evidence), `reminders` (late data),
`common` (the states that count and how things are named). Import from the package: every
public name is re-exported here.

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

from .common import (
    DONE,
    EDITABLE,
    Status,
    ValuesInvalid,
    disaggregation_name,
    indicator_name,
    option_name,
    period_name,
)
from .entry import (
    EntryCell,
    IndicatorLine,
    entry_lines,
)
from .periods import (
    MAX_PERIOD_YEARS,
    PERIOD,
    SUBMISSION,
    party_indicators,
    period_close,
    period_indicators,
    period_lock,
    period_open,
    period_reopen,
    period_status_change,
    periods_ensure,
    setup_for,
    submission_for,
)
from .reminders import (
    LateSubmission,
    data_entry_users,
    indicator_rows,
    late_data_reminders_send,
    late_submissions,
    reporting_party_ids,
)
from .submissions import (
    evidence_add,
    submission_return,
    submission_submit,
    submission_verify,
    values_save,
)
from .values import (
    AMBIGUOUS,
    GROUPED,
    MAD_TO_SIGMA,
    MAX_ABS_VALUE,
    MAX_TEXT,
    NO_WORDS,
    OUTLIER_MAD_FACTOR,
    OUTLIER_MIN_HISTORY,
    OUTLIER_RELATIVE_CHANGE,
    YES_WORDS,
    AmbiguousNumber,
    CleanRow,
    SaveResult,
    clean_value,
    is_outlier,
    parse_number,
    plain_number,
    values_validate,
    verified_history,
)

__all__ = [
    "AMBIGUOUS",
    "AmbiguousNumber",
    "CleanRow",
    "DONE",
    "EDITABLE",
    "EntryCell",
    "GROUPED",
    "IndicatorLine",
    "LateSubmission",
    "MAD_TO_SIGMA",
    "MAX_ABS_VALUE",
    "MAX_PERIOD_YEARS",
    "MAX_TEXT",
    "NO_WORDS",
    "OUTLIER_MAD_FACTOR",
    "OUTLIER_MIN_HISTORY",
    "OUTLIER_RELATIVE_CHANGE",
    "PERIOD",
    "SUBMISSION",
    "SaveResult",
    "Status",
    "ValuesInvalid",
    "YES_WORDS",
    "clean_value",
    "data_entry_users",
    "disaggregation_name",
    "entry_lines",
    "evidence_add",
    "indicator_name",
    "indicator_rows",
    "is_outlier",
    "late_data_reminders_send",
    "late_submissions",
    "option_name",
    "parse_number",
    "party_indicators",
    "period_close",
    "period_indicators",
    "period_lock",
    "period_name",
    "period_open",
    "period_reopen",
    "period_status_change",
    "periods_ensure",
    "plain_number",
    "reporting_party_ids",
    "setup_for",
    "submission_for",
    "submission_return",
    "submission_submit",
    "submission_verify",
    "values_save",
    "values_validate",
    "verified_history",
]
