"""Evaluations (issue 4 §7): periodic evaluations of an agreement with findings,
recommendations and follow-up actions; an evaluation may propose a plan revision.

    evaluation_create / evaluation_update / evaluation_finalise
    finding_save / finding_delete, recommendation_save / recommendation_delete,
    follow_up_save / follow_up_delete, follow_up_set_status
    evaluation_revise_plan(evaluation, user)     starts a plan revision (plans.services)
    evaluation_schedule(agreement) -> dict       when the next evaluation is due

A final evaluation is read-only, with its findings, recommendations and follow-ups; only a
follow-up's status keeps moving after it, since that is what the follow-ups are for. Every
write checks the evaluation is still a draft inside the transaction, after re-reading it
under a row lock, so a finalisation that lands between a form's load and its save wins.
Permissions are the views' business (access.py); services check state only.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.agreements.models import Agreement, Party
from simpul.core import public_cache
from simpul.core.errors import InvalidInput

from ..models import Evaluation, Finding, FollowUp, Indicator, MonitoringSetup, Recommendation
from .warnings import evaluation_interval_months, evaluation_next_due

EVALUATION_FIELDS = (
    "title",
    "period_start",
    "period_end",
    "conducted_on",
    "method",
    "summary",
    "proposes_revision",
    "revision_note",
)


class EvaluationFinal(InvalidInput):
    def __init__(self):
        super().__init__(_("This evaluation is final and can no longer be changed."), code="final")


def _locked_draft(evaluation: Evaluation) -> Evaluation:
    """Re-read the evaluation under a lock and refuse if it is final."""
    current = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if current.status == Evaluation.Status.FINAL:
        evaluation.status = current.status
        raise EvaluationFinal()
    return current


def _apply(instance, data: dict, allowed) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields for {type(instance).__name__}: {sorted(unknown)}")
    for name, value in data.items():
        setattr(instance, name, value)


def _check_evaluation(evaluation: Evaluation) -> None:
    errors = {}
    start, end = evaluation.period_start, evaluation.period_end
    if start and end and end < start:
        errors["period_end"] = _("The period covered cannot end before it starts.")
    if evaluation.proposes_revision and not (evaluation.revision_note or "").strip():
        errors["revision_note"] = _("Say what the plan revision should change.")
    if errors:
        raise ValidationError(errors)
    evaluation.full_clean()


@transaction.atomic
def evaluation_create(*, agreement: Agreement, user, **data) -> Evaluation:
    evaluation = Evaluation(agreement=agreement, created_by=user)
    _apply(evaluation, data, EVALUATION_FIELDS)
    _check_evaluation(evaluation)
    evaluation.save()
    return evaluation


@transaction.atomic
def evaluation_update(*, evaluation: Evaluation, user, **data) -> Evaluation:
    current = _locked_draft(evaluation)
    _apply(current, data, EVALUATION_FIELDS)
    _check_evaluation(current)
    current.save()
    return current


@transaction.atomic
def evaluation_finalise(*, evaluation: Evaluation, user) -> Evaluation:
    """Freeze the evaluation. It needs a summary and at least one finding, so a final
    evaluation always says something."""
    current = _locked_draft(evaluation)
    errors = []
    if not current.summary.strip():
        errors.append(_("Write a summary before finalising the evaluation."))
    if not current.findings.exists():
        errors.append(_("Record at least one finding before finalising the evaluation."))
    if errors:
        raise ValidationError(errors, code="incomplete")
    current.status = Evaluation.Status.FINAL
    if current.conducted_on is None:
        current.conducted_on = timezone.localdate()
    current.save()
    public_cache.bump()  # final evaluations are an information kind the public may see
    return current


# --- findings, recommendations, follow-ups -------------------------------------------------


def _next_position(queryset) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def finding_save(
    *, evaluation: Evaluation, user, finding: Finding | None = None, kind: str, text: str
) -> Finding:
    _locked_draft(evaluation)
    if finding is None:
        finding = Finding(evaluation=evaluation, position=_next_position(evaluation.findings.all()))
    elif finding.evaluation_id != evaluation.pk:
        raise ValidationError(_("That finding belongs to another evaluation."))
    finding.kind, finding.text = kind, text
    finding.full_clean()
    finding.save()
    return finding


@transaction.atomic
def finding_delete(*, finding: Finding, user) -> None:
    _locked_draft(finding.evaluation)
    finding.delete()


@transaction.atomic
def recommendation_save(
    *,
    evaluation: Evaluation,
    user,
    recommendation: Recommendation | None = None,
    finding: Finding | None,
    text: str,
) -> Recommendation:
    _locked_draft(evaluation)
    if finding is not None and finding.evaluation_id != evaluation.pk:
        raise ValidationError({"finding": _("That finding belongs to another evaluation.")})
    if recommendation is None:
        recommendation = Recommendation(
            evaluation=evaluation, position=_next_position(evaluation.recommendations.all())
        )
    elif recommendation.evaluation_id != evaluation.pk:
        raise ValidationError(_("That recommendation belongs to another evaluation."))
    recommendation.finding, recommendation.text = finding, text
    recommendation.full_clean()
    recommendation.save()
    return recommendation


@transaction.atomic
def recommendation_delete(*, recommendation: Recommendation, user) -> None:
    _locked_draft(recommendation.evaluation)
    recommendation.delete()


def _check_owner(evaluation: Evaluation, owner: Party) -> None:
    if owner.agreement_id != evaluation.agreement_id:
        raise ValidationError({"owner": _("The owner must be a party to this agreement.")})


@transaction.atomic
def follow_up_save(
    *,
    recommendation: Recommendation,
    user,
    follow_up: FollowUp | None = None,
    action: str,
    owner: Party,
    due_date: date,
    note: str = "",
) -> FollowUp:
    _locked_draft(recommendation.evaluation)
    _check_owner(recommendation.evaluation, owner)
    if follow_up is None:
        follow_up = FollowUp(recommendation=recommendation)
    elif follow_up.recommendation_id != recommendation.pk:
        raise ValidationError(_("That follow-up belongs to another recommendation."))
    follow_up.action, follow_up.owner, follow_up.due_date, follow_up.note = (
        action,
        owner,
        due_date,
        note,
    )
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_delete(*, follow_up: FollowUp, user) -> None:
    _locked_draft(follow_up.recommendation.evaluation)
    follow_up.delete()


@transaction.atomic
def follow_up_set_status(
    *, follow_up: FollowUp, user, status: str, done_on: date | None = None, note: str | None = None
) -> FollowUp:
    """Move a follow-up on; allowed on final evaluations too. Done needs a date (today by
    default, never in the future); any other status clears it."""
    current = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if status not in FollowUp.Status.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    today = timezone.localdate()
    if status == FollowUp.Status.DONE:
        done_on = done_on or today
        if done_on > today:
            raise ValidationError({"done_on": _("The date it was done cannot be in the future.")})
    else:
        done_on = None
    current.status, current.done_on = status, done_on
    if note is not None:
        current.note = note
    current.full_clean()
    current.save()
    if current.recommendation.evaluation.status == Evaluation.Status.FINAL:
        public_cache.bump()  # the follow-up of a final (possibly public) evaluation
    return current


# --- plan revision -------------------------------------------------------------------------


def evaluation_revise_plan(*, evaluation: Evaluation, user):
    """Start a revision of the agreement's approved plan, as the evaluation proposes.
    plans.services.plan_revise refuses (ValidationError) unless the plan is approved."""
    from simpul.plans.access import plan_for
    from simpul.plans.services import plan_revise

    if not evaluation.proposes_revision:
        raise ValidationError(_("This evaluation does not propose a plan revision."))
    plan = plan_for(evaluation.agreement)
    note = _("Proposed by the evaluation “%(title)s”: %(note)s") % {
        "title": evaluation.title,
        "note": evaluation.revision_note.strip(),
    }
    return plan_revise(plan=plan, user=user, note=note)


# --- reading -------------------------------------------------------------------------------


def evaluation_schedule(agreement: Agreement, today: date | None = None) -> dict:
    """How often the agreement is evaluated and when the next evaluation is due (from the
    end of the period the last final evaluation covered, else from the agreement's start)."""
    today = today or timezone.localdate()
    setup = MonitoringSetup.objects.filter(agreement=agreement).first()
    per_year = setup.evaluations_per_year if setup else 1
    last = (
        Evaluation.objects.filter(agreement=agreement, status=Evaluation.Status.FINAL)
        .order_by("-period_end", "-pk")
        .first()
    )
    due = evaluation_next_due(
        start=agreement.start_date,
        last_period_end=last.period_end if last else None,
        evaluations_per_year=per_year,
    )
    return {
        "per_year": max(1, per_year or 1),
        "interval_months": evaluation_interval_months(per_year),
        "last": last,
        "next_due": due,
        "overdue": due is not None and due < today,
        "next_period_start": (
            last.period_end + timedelta(days=1) if last else agreement.start_date
        ),
    }


def indicator_status_counts(agreement: Agreement) -> list[dict]:
    """The agreement's indicators counted by status, in the status order, in one query."""
    counts = dict(
        Indicator.objects.filter(agreement=agreement)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        {"status": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Indicator.Status.choices
    ]
