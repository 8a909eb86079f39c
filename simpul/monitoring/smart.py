"""The SMART check of indicators: Specific, Measurable, Achievable, Relevant, Time-bound.

`indicator_smart_check(indicator)` says, in the reader's language, which letter fails and how
to fix it. Failures block the plan's submission (`plan_submit_check`, registered with
simpul.plans.checks by MonitoringConfig.ready); a target implausibly far from the baseline is
only a warning, because ambitious targets can be right.

To check many indicators without a query each, load them with `smart_queryset()` (agreement,
result and its parent joined, targets prefetched).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.core.templatetags.simpul_format import number

from .models import Frequency, Indicator
from .periods import period_label

# A target more than this many times the baseline, or below the baseline divided by it, is
# flagged as possibly unachievable (a warning, shown with the factor).
IMPLAUSIBLE_FACTOR = Decimal(3)
# How many far-off periods one warning names before saying "and N more".
NAMED_PERIODS = 3

LETTERS = ("S", "M", "A", "R", "T")
LETTER_NAMES = {
    "S": gettext_lazy("Specific"),
    "M": gettext_lazy("Measurable"),
    "A": gettext_lazy("Achievable"),
    "R": gettext_lazy("Relevant"),
    "T": gettext_lazy("Time-bound"),
}
NO_UNIT_NEEDED = {Indicator.Kind.BOOLEAN, Indicator.Kind.QUALITATIVE}


@dataclass(frozen=True)
class SmartIssue:
    code: str  # stable, for tests and data attributes: "no_definition", "implausible_target", …
    letters: tuple[str, ...]
    text: str  # what fails and how to fix it, in the active language
    warning: bool = False

    @property
    def blocking(self) -> bool:
        return not self.warning


@dataclass(frozen=True)
class LetterStatus:
    letter: str
    name: str
    state: str  # "pass", "fail" or "warn"
    reasons: tuple[str, ...] = field(default=())

    @property
    def state_label(self) -> str:
        return {"pass": _("passes"), "fail": _("fails"), "warn": _("warning")}[self.state]


def smart_queryset(queryset: QuerySet[Indicator] | None = None) -> QuerySet[Indicator]:
    """Indicators with what the check reads, in a constant number of queries."""
    queryset = queryset if queryset is not None else Indicator.objects.all()
    return queryset.select_related("agreement", "result__parent").prefetch_related("targets")


def _linked_objective(indicator: Indicator) -> bool:
    if indicator.objective_id:
        return True
    result = indicator.result
    while result is not None:
        if result.objective_id:
            return True
        result = result.parent
    return False


def _target_set(indicator: Indicator, targets) -> list:
    if indicator.kind == Indicator.Kind.QUALITATIVE:
        return [t for t in targets if (t.text or "").strip()]
    return [t for t in targets if t.value is not None]


def _far_targets(indicator: Indicator, targets) -> list[tuple[object, str]]:
    """(target, why) for each target outside the plausible range."""
    if indicator.kind not in (Indicator.Kind.NUMBER, Indicator.Kind.PERCENTAGE):
        return []
    far = []
    baseline = indicator.baseline_value
    factor = IMPLAUSIBLE_FACTOR
    for target in targets:
        value = target.value
        if indicator.kind == Indicator.Kind.PERCENTAGE and value > 100:
            far.append((target, "over_100"))
        elif indicator.direction == Indicator.Direction.LOWER and value < 0:
            far.append((target, "negative"))
        elif baseline is not None and baseline > 0 and value > baseline * factor:
            far.append((target, "above"))
        elif baseline is not None and baseline > 0 and value < baseline / factor:
            far.append((target, "below"))
    return far


def _implausible_issue(indicator: Indicator, far) -> SmartIssue:
    target, why = far[0]
    values = {
        "period": period_label(indicator.frequency, target.year, target.number),
        "target": number(target.value),
        "baseline": number(indicator.baseline_value),
        "factor": number(IMPLAUSIBLE_FACTOR),
    }
    if why == "over_100":
        text = _("The target for %(period)s is %(target)s%%, above 100%%.") % values
    elif why == "negative":
        text = _("The target for %(period)s (%(target)s) is below zero.") % values
    elif why == "above":
        text = (
            _(
                "The target for %(period)s (%(target)s) is more than %(factor)s times the "
                "baseline (%(baseline)s)."
            )
            % values
        )
    else:
        text = (
            _(
                "The target for %(period)s (%(target)s) is less than the baseline "
                "(%(baseline)s) divided by %(factor)s."
            )
            % values
        )
    if len(far) > 1:
        text += " " + _("%(count)s other targets are also far from the baseline.") % {
            "count": len(far) - 1
        }
    text += " " + _(
        "Check that it can be reached with the planned resources, or correct the baseline."
    )
    return SmartIssue("implausible_target", ("A",), text, warning=True)


def indicator_smart_check(indicator: Indicator, targets=None) -> list[SmartIssue]:
    """What keeps the indicator from being SMART. `targets` defaults to the indicator's saved
    targets (the prefetched ones when loaded with smart_queryset)."""
    if targets is None:
        targets = list(indicator.targets.all())
    issues: list[SmartIssue] = []
    kind = indicator.kind
    if not (indicator.definition or "").strip():
        issues.append(
            SmartIssue(
                "no_definition",
                ("S", "M"),
                _(
                    "No definition: write exactly what is counted, where and how, so two people "
                    "measuring it would get the same value."
                ),
            )
        )
    if kind not in NO_UNIT_NEEDED and not (indicator.unit or "").strip():
        issues.append(
            SmartIssue(
                "no_unit",
                ("S", "M"),
                _("No unit: say what the numbers are in, e.g. tons/day, households or %."),
            )
        )
    if kind != Indicator.Kind.QUALITATIVE and (
        indicator.baseline_value is None or indicator.baseline_date is None
    ):
        issues.append(
            SmartIssue(
                "no_baseline",
                ("M", "A"),
                _(
                    "No baseline: enter the value before the cooperation started and the date it "
                    "was measured, so progress can be judged."
                ),
            )
        )
    with_target = _target_set(indicator, targets)
    if not with_target:
        issues.append(
            SmartIssue(
                "no_target",
                ("M", "A"),
                _("No target: enter what should be reached in at least one period."),
            )
        )
    if not _linked_objective(indicator):
        issues.append(
            SmartIssue(
                "no_objective",
                ("R",),
                _(
                    "Not linked to an objective: choose the plan objective it measures, or a "
                    "result that contributes to one."
                ),
            )
        )
    if indicator.frequency not in Frequency.values:
        issues.append(
            SmartIssue(
                "no_frequency",
                ("T",),
                _("No reporting period: choose how often it is measured (e.g. quarterly)."),
            )
        )
    if indicator.end_date is None and indicator.agreement.end_date is None:
        issues.append(
            SmartIssue(
                "no_end_date",
                ("T",),
                _(
                    "No end date: set until when it is measured (or give the agreement an end "
                    "date)."
                ),
            )
        )
    far = _far_targets(indicator, with_target)
    if far:
        issues.append(_implausible_issue(indicator, far))
    return issues


def smart_letters(issues: list[SmartIssue]) -> list[LetterStatus]:
    """One status per letter: fails if a blocking issue names it, warns if only a warning does."""
    statuses = []
    for letter in LETTERS:
        failing = [i.text for i in issues if letter in i.letters and i.blocking]
        warning = [i.text for i in issues if letter in i.letters and i.warning]
        if failing:
            state, reasons = "fail", failing + warning
        elif warning:
            state, reasons = "warn", warning
        else:
            state, reasons = "pass", []
        statuses.append(LetterStatus(letter, str(LETTER_NAMES[letter]), state, tuple(reasons)))
    return statuses


def smart_passes(issues: list[SmartIssue]) -> bool:
    return not any(i.blocking for i in issues)


def plan_submit_check(plan) -> list:
    """Every indicator of the plan's agreement must pass; warnings are shown, not blocking."""
    from simpul.plans.checks import CheckMessage

    agreement_pk = plan.agreement_id
    indicators = list(smart_queryset(Indicator.objects.filter(agreement_id=agreement_pk)))
    if not indicators:
        return [
            CheckMessage(
                text=_(
                    "Add at least one indicator, so the parties can see how success will be "
                    "measured."
                ),
                blocking=True,
                url=reverse("monitoring:indicator-create", kwargs={"agreement_pk": agreement_pk}),
            )
        ]
    messages = []
    for indicator in indicators:
        url = reverse(
            "monitoring:indicator-edit", kwargs={"agreement_pk": agreement_pk, "pk": indicator.pk}
        )
        for issue in indicator_smart_check(indicator):
            messages.append(
                CheckMessage(
                    text=issue.text,
                    blocking=issue.blocking,
                    subject=indicator.code,
                    url=url,
                    letters=issue.letters,
                )
            )
    return messages
