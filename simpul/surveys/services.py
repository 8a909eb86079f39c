"""Writes of surveys: building, opening and closing, public responses, feeding an indicator.

    survey_create(*, agreement, user, **fields) -> Survey
    survey_update(*, survey, expected_version, user=None, **fields) -> Survey    (Conflict)
    question_save(*, survey, question=None, kind, text, required, feeds_indicator, choices,
                  expected_version=None, user=None)                                (Conflict)
    question_move(*, question, direction, user=None)  /  question_delete(*, question, user=None)
    survey_open(*, survey) / survey_close(*, survey)                   (the SURVEY machine)
    response_submit(*, survey, answers, fingerprint) -> Response
    feed_periods(survey) -> list[ReportingPeriod]
    survey_feed_indicator(*, survey, user, period) -> Submission

Decisions:

- The questions are versioned as a whole, on the survey row: every change to them (add, edit,
  move, delete) claims the survey and bumps its version, so an edit saved from a stale page
  conflicts (and the view merges it, simpul.core.merge) and a question deleted meanwhile is
  never recreated by someone's save.
- Questions are frozen once a response exists: changing them would change what earlier
  respondents answered (SurveyLocked, with a clear message).
- A survey opens only with at least one question; opening and closing change what the public
  sees, so they clear the public page cache.
- Feeding an indicator goes through the monitoring collection services as the run-by
  party's data for a period (submission_for + values_save): the value is a draft the party
  submits and the coordinators verify, exactly like data typed by hand. Only the responses
  submitted within the period count. A number indicator receives the mean score; a
  qualitative one a sentence with the mean; both keep n and the distribution in the
  narrative.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.core.claims import claim, claim_instance
from simpul.core.errors import Conflict, InvalidInput
from simpul.core.machines import Machine, Move
from simpul.core.public_cache import bump
from simpul.monitoring.models import Indicator, ReportingPeriod, Submission
from simpul.monitoring.services.collection import (
    EDITABLE,
    party_indicators,
    period_name,
    submission_for,
    values_save,
)

from .models import Answer, Choice, Question, Response, Survey
from .selectors import scale_summary

FEEDABLE_KINDS = (Indicator.Kind.NUMBER, Indicator.Kind.QUALITATIVE)
CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
MAX_CHOICES = 30
MAX_QUESTIONS = 100
MAX_TEXT_ANSWER = 2000


class SurveyLocked(InvalidInput):
    """The questions are frozen: people already answered them."""


SURVEY = Machine(
    "survey",
    Move(
        "open",
        gettext_lazy("Open"),
        (Survey.Status.DRAFT, Survey.Status.CLOSED),
        Survey.Status.OPEN,
    ),
    Move("close", gettext_lazy("Close"), (Survey.Status.OPEN,), Survey.Status.CLOSED),
)


def _locked() -> SurveyLocked:
    return SurveyLocked(
        _(
            "This survey already has responses, so its questions can no longer be changed: "
            "earlier respondents answered these questions. Close it and create a new survey "
            "instead."
        ),
        code="locked",
    )


def _check_window(opens_at, closes_at) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise InvalidInput({"closes_at": _("The survey must close after it opens.")})


def _check_links(agreement, party, indicator) -> None:
    if party is not None and party.agreement_id != agreement.pk:
        raise InvalidInput({"party": _("That party is not a party to this agreement.")})
    if indicator is not None:
        if indicator.agreement_id != agreement.pk:
            raise InvalidInput({"indicator": _("That indicator belongs to another agreement.")})
        if indicator.kind not in FEEDABLE_KINDS:
            raise InvalidInput(
                {
                    "indicator": _(
                        "Only a number or a qualitative indicator can take survey results."
                    )
                }
            )


@transaction.atomic
def survey_create(
    *, agreement, user, title, description, party, opens_at, closes_at, indicator=None
) -> Survey:
    _check_window(opens_at, closes_at)
    _check_links(agreement, party, indicator)
    return Survey.objects.create(
        agreement=agreement,
        party=party,
        title=title.strip(),
        description=description.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        indicator=indicator,
        created_by=user if user and user.is_authenticated else None,
    )


def survey_update(*, survey: Survey, expected_version: int, user=None, **fields) -> Survey:
    """A kernel claim on the version: the second of two simultaneous edits is refused
    (Conflict naming who saved first) and changes nothing."""
    _check_window(fields.get("opens_at"), fields.get("closes_at"))
    _check_links(survey.agreement, fields.get("party"), fields.get("indicator"))
    with transaction.atomic():
        claim(Survey, survey.pk, version=expected_version, by=user)
        fresh = Survey.objects.get(pk=survey.pk)
        for name, value in fields.items():
            setattr(fresh, name, value.strip() if isinstance(value, str) else value)
        fresh.save()  # audited, field by field
    if fresh.status != Survey.Status.DRAFT:
        bump()
    return fresh


def _has_responses(survey: Survey) -> bool:
    return Response.objects.filter(survey=survey).exists()


def clean_choices(kind: str, choices: list[str]) -> list[str]:
    cleaned: list[str] = []
    for label in choices:
        label = " ".join(label.split())
        if label and label not in cleaned:
            cleaned.append(label)
    if kind not in CHOICE_KINDS:
        return []
    if len(cleaned) < 2:
        raise InvalidInput({"choices": _("Give at least two choices, one per line.")})
    if len(cleaned) > MAX_CHOICES:
        raise InvalidInput(
            {"choices": _("Give at most %(limit)s choices.") % {"limit": MAX_CHOICES}}
        )
    if any(len(label) > 300 for label in cleaned):
        raise InvalidInput({"choices": _("A choice may be at most 300 characters long.")})
    return cleaned


@transaction.atomic
def question_save(
    *,
    survey: Survey,
    kind: str,
    text: str,
    required: bool = True,
    feeds_indicator: bool = False,
    choices: list[str] | None = None,
    question: Question | None = None,
    expected_version: int | None = None,
    user=None,
) -> Question:
    """Add a question, or change `question` if the survey is still at `expected_version`
    (when given; Conflict otherwise, naming who changed the survey's questions)."""
    claim(Survey, survey.pk, version=expected_version, by=user)
    if question is not None and not Question.objects.filter(pk=question.pk).exists():
        raise Conflict(_("This item was deleted by someone else in the meantime."), code="deleted")
    if _has_responses(survey):
        raise _locked()
    labels = clean_choices(kind, choices or [])
    if feeds_indicator and kind != Question.Kind.SCALE:
        raise InvalidInput(
            {"feeds_indicator": _("Only a scale 1–5 question can feed the indicator.")}
        )
    if question is None:
        if survey.questions.count() >= MAX_QUESTIONS:
            raise InvalidInput(
                _("A survey has at most %(limit)s questions.") % {"limit": MAX_QUESTIONS}
            )
        last = survey.questions.aggregate(last=Max("position"))["last"]
        question = Question(survey=survey, position=0 if last is None else last + 1)
    question.kind, question.text = kind, text.strip()
    question.required, question.feeds_indicator = required, feeds_indicator
    question.save()
    if feeds_indicator:
        survey.questions.exclude(pk=question.pk).filter(feeds_indicator=True).update(
            feeds_indicator=False
        )
    question.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(question=question, position=index, label=label) for index, label in enumerate(labels)
    )
    return question


def _renumber(survey: Survey, ordered: list[Question]) -> None:
    for index, question in enumerate(ordered):
        if question.position != index:
            question.position = index
            question.save(update_fields=["position"])


@transaction.atomic
def question_move(*, question: Question, direction: str, user=None) -> None:
    survey = question.survey
    claim(Survey, survey.pk, by=user)
    if _has_responses(survey):
        raise _locked()
    ordered = list(survey.questions.order_by("position", "pk"))
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(survey, ordered)


@transaction.atomic
def question_delete(*, question: Question, user=None) -> None:
    survey = question.survey
    claim(Survey, survey.pk, by=user)
    if _has_responses(survey):
        raise _locked()
    question.delete()
    _renumber(survey, list(survey.questions.order_by("position", "pk")))


def survey_open(*, survey: Survey, user=None) -> Survey:
    if survey.status == Survey.Status.OPEN:
        raise InvalidInput(_("This survey is already open."), code="status")
    if not survey.questions.exists():
        raise InvalidInput(_("Add at least one question before opening the survey."))
    if survey.closes_at <= timezone.now():
        raise InvalidInput(
            _("The survey's closing time has passed; move it to a later time first.")
        )
    return _move(survey, "open", user)


def survey_close(*, survey: Survey, user=None) -> Survey:
    if survey.status != Survey.Status.OPEN:
        raise InvalidInput(_("Only an open survey can be closed."), code="status")
    return _move(survey, "close", user)


def _move(survey: Survey, action: str, user) -> Survey:
    move = SURVEY.move(action, current=survey.status)
    # No version from the page here: the state condition alone stops a double step.
    claim_instance(survey, version=None, states=move.sources, by=user, set={"status": move.target})
    bump()
    return survey


@transaction.atomic
def response_submit(*, survey: Survey, answers: dict, fingerprint: str = "") -> Response:
    """Store one public response. `answers` maps each Question to its cleaned value: a list of
    Choice ids (choice questions), an int 1–5 (scale) or a string (text); empty values are
    skipped. The view's form has already checked every value against its own question."""
    if not survey.is_accepting:
        raise InvalidInput(_("This survey is not accepting answers."), code="closed")
    response = Response.objects.create(
        survey=survey, submitted_at=timezone.now(), ip_hash=fingerprint
    )
    for question, value in answers.items():
        if question.survey_id != survey.pk or value in (None, "", []):
            continue
        if question.kind in CHOICE_KINDS:
            ids = [int(v) for v in (value if isinstance(value, list | tuple) else [value])]
            allowed = {c.pk for c in question.choices.all()}
            if not set(ids) <= allowed:
                raise InvalidInput(_("That choice does not belong to this question."))
            answer = Answer.objects.create(response=response, question=question)
            answer.choices.set(ids)
        elif question.kind == Question.Kind.SCALE:
            scale = int(value)
            if not 1 <= scale <= 5:
                raise InvalidInput(_("Choose a value from 1 to 5."))
            Answer.objects.create(response=response, question=question, scale=scale)
        else:
            Answer.objects.create(
                response=response, question=question, text=str(value).strip()[:MAX_TEXT_ANSWER]
            )
    return response


# --- Feeding an indicator ----------------------------------------------------------------------


def feeding_question(survey: Survey) -> Question | None:
    return survey.questions.filter(feeds_indicator=True, kind=Question.Kind.SCALE).first()


def feed_periods(survey: Survey) -> list[ReportingPeriod]:
    """Open periods in which the run-by party reports the survey's indicator."""
    if survey.indicator_id is None:
        return []
    periods = ReportingPeriod.objects.filter(
        agreement_id=survey.agreement_id,
        status=ReportingPeriod.Status.OPEN,
        frequency=survey.indicator.frequency,
    ).order_by("start")
    return [
        period
        for period in periods
        if party_indicators(period, survey.party).filter(pk=survey.indicator_id).exists()
    ]


def _summary_text(survey: Survey, question: Question, summary: dict) -> tuple[str, str]:
    mean = number_format(summary["mean"], 2)
    text = _("Mean score %(mean)s of 5 (n = %(n)s) for “%(question)s”.") % {
        "mean": mean,
        "n": summary["n"],
        "question": question.text,
    }
    distribution = ", ".join(
        f"{value}: {count}" for value, count in summary["distribution"].items()
    )
    narrative = _(
        "From the survey “%(survey)s”: %(n)s answers, mean %(mean)s of 5. "
        "Answers per score (1 lowest, 5 highest): %(distribution)s."
    ) % {"survey": survey.title, "n": summary["n"], "mean": mean, "distribution": distribution}
    return text, narrative


def survey_feed_indicator(*, survey: Survey, user, period: ReportingPeriod) -> Submission:
    """Save the feeding question's mean for the period as the run-by party's draft value of
    the linked indicator. Raises InvalidInput or the collection errors, with clear messages."""
    indicator = survey.indicator
    if indicator is None:
        raise InvalidInput(_("Link the survey to an indicator first (edit the survey)."))
    if indicator.kind not in FEEDABLE_KINDS:
        raise InvalidInput(
            _(
                "The indicator %(indicator)s is of the kind “%(kind)s”; only a number or a "
                "qualitative indicator can take a survey's mean score."
            )
            % {"indicator": indicator.code, "kind": indicator.get_kind_display()}
        )
    question = feeding_question(survey)
    if question is None:
        raise InvalidInput(
            _("Mark a scale 1–5 question as “feeds the indicator” first (edit the question).")
        )
    if period.agreement_id != survey.agreement_id or period.status != ReportingPeriod.Status.OPEN:
        raise InvalidInput(
            _("%(period)s is not open for data entry.") % {"period": period_name(period)}
        )
    if not party_indicators(period, survey.party).filter(pk=indicator.pk).exists():
        raise InvalidInput(
            _("%(party)s does not report %(indicator)s in %(period)s.")
            % {
                "party": survey.party.organization.name,
                "indicator": indicator.code,
                "period": period_name(period),
            }
        )
    summary = scale_summary(survey, question, period.start, period.end)
    if not summary["n"]:
        raise InvalidInput(
            _("No answers to “%(question)s” were submitted during %(period)s.")
            % {"question": question.text, "period": period_name(period)}
        )
    text, narrative = _summary_text(survey, question, summary)
    submission = submission_for(period, survey.party)
    if submission.status not in EDITABLE:
        raise InvalidInput(
            _(
                "The data of %(party)s for %(period)s is already %(status)s; it can no longer "
                "be changed from here."
            )
            % {
                "party": survey.party.organization.name,
                "period": period_name(period),
                "status": str(Submission.Status(submission.status).label).lower(),
            }
        )
    if indicator.kind == Indicator.Kind.NUMBER:
        row = (indicator, None, summary["mean"], "", narrative)
    else:
        row = (indicator, None, None, text, narrative)
    values_save(submission=submission, user=user, rows=[row], expected_version=submission.version)
    return submission
