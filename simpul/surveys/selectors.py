"""Reads of surveys: the public list and the results, aggregated in the database.

    public_surveys(agreement=None) -> QuerySet[Survey]      open or closed, public agreements
    survey_questions(survey) -> list[Question]              with their choices
    survey_results(survey, *, with_texts=True) -> Results   a fixed number of queries

The results never load one row per response: choice counts, the scale distribution and
mean, the answered counts and the responses per day are GROUP BY queries, so the page costs
the same for 20 responses as for 20 000. Free-text answers are listed (newest first, at most
TEXT_LIMIT) for the parties only; the public sees their count.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from simpul.core.charts import count_chart
from simpul.core.formats import short_date
from simpul.publication.selectors import public_agreements

from .models import Answer, Choice, Question, Response, Survey

TEXT_LIMIT = 300
SCALE = (1, 2, 3, 4, 5)


def public_surveys(agreement=None) -> QuerySet[Survey]:
    """Surveys the public may see: open or closed (never drafts) of public agreements."""
    qs = Survey.objects.filter(
        status__in=(Survey.Status.OPEN, Survey.Status.CLOSED),
        agreement__in=public_agreements().values("pk"),
    ).select_related("agreement", "party__organization")
    if agreement is not None:
        qs = qs.filter(agreement=agreement)
    return qs


def agreement_surveys(agreement) -> QuerySet[Survey]:
    return (
        Survey.objects.filter(agreement=agreement)
        .select_related("party__organization", "indicator")
        .annotate(
            question_count=Count("questions", distinct=True),
            response_count=Count("responses", distinct=True),
        )
    )


def survey_questions(survey: Survey) -> list[Question]:
    return list(survey.questions.prefetch_related("choices"))


def _percent(count: int, total: int) -> Decimal | None:
    if not total:
        return None
    return (Decimal(count) * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Row:
    label: str
    count: int
    percent: Decimal | None


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    rows: list[Row] = field(default_factory=list)
    mean: Decimal | None = None
    texts: list[str] = field(default_factory=list)
    chart: str = ""


@dataclass
class Results:
    survey: Survey
    responses: int
    questions: list[QuestionResult]
    per_day: list[tuple[date, int]]
    per_day_chart: str = ""


def scale_label(value: int) -> str:
    if value == 1:
        return _("1 (lowest)")
    if value == 5:
        return _("5 (highest)")
    return str(value)


def survey_results(survey: Survey, *, with_texts: bool = True, charts: bool = True) -> Results:
    questions = survey_questions(survey)
    answers = Answer.objects.filter(question__survey=survey)
    answered = {
        row["question_id"]: row
        for row in answers.filter(Q(scale__isnull=False) | ~Q(text="") | Q(choices__isnull=False))
        .values("question_id")
        .annotate(n=Count("pk", distinct=True), mean=Avg("scale"))
        .order_by()
    }
    choice_counts = dict(
        Choice.objects.filter(question__survey=survey)
        .annotate(n=Count("answers"))
        .values_list("pk", "n")
    )
    scale_counts = {
        (row["question_id"], row["scale"]): row["n"]
        for row in answers.filter(scale__isnull=False)
        .values("question_id", "scale")
        .annotate(n=Count("pk"))
        .order_by()
    }
    texts: dict[int, list[str]] = {}
    if with_texts:
        for question_id, text in (
            answers.filter(question__kind=Question.Kind.TEXT)
            .exclude(text="")
            .order_by("-response__submitted_at", "-pk")
            .values_list("question_id", "text")[:TEXT_LIMIT]
        ):
            texts.setdefault(question_id, []).append(text)
    per_day = list(
        Response.objects.filter(survey=survey)
        .annotate(day=TruncDate("submitted_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    total = sum(n for _day, n in per_day)

    results = []
    for question in questions:
        info = answered.get(question.pk) or {}
        result = QuestionResult(question=question, answered=info.get("n", 0))
        if question.kind == Question.Kind.SCALE:
            result.rows = [
                Row(
                    scale_label(value),
                    scale_counts.get((question.pk, value), 0),
                    _percent(scale_counts.get((question.pk, value), 0), result.answered),
                )
                for value in SCALE
            ]
            if info.get("mean") is not None:
                result.mean = Decimal(str(info["mean"])).quantize(
                    Decimal("0.01"), rounding=ROUND_HALF_UP
                )
        elif question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            result.rows = [
                Row(
                    choice.label,
                    choice_counts.get(choice.pk, 0),
                    _percent(choice_counts.get(choice.pk, 0), result.answered),
                )
                for choice in question.choices.all()
            ]
        else:
            result.texts = texts.get(question.pk, [])
        if charts and result.rows and result.answered:
            result.chart = count_chart(
                [(row.label, row.count) for row in result.rows],
                title=question.text,
                desc=ngettext(
                    "Number of answers per option; %(n)s person answered.",
                    "Number of answers per option; %(n)s people answered.",
                    result.answered,
                )
                % {"n": result.answered}
                + " "
                + "; ".join(f"{row.label}: {row.count}" for row in result.rows),
            )
        results.append(result)
    outcome = Results(survey=survey, responses=total, questions=results, per_day=per_day)
    if charts and per_day:
        # Every day, like the table beside the chart: a reader compares them row by row.
        outcome.per_day_chart = count_chart(
            [(short_date(day), n) for day, n in per_day],
            title=_("Responses per day"),
        )
    return outcome


def scale_summary(survey: Survey, question: Question, start: date, end: date) -> dict:
    """Mean, n and distribution of a scale question over responses submitted from start to
    end (local dates, inclusive): one query."""
    answers = Answer.objects.filter(
        question=question,
        scale__isnull=False,
        response__survey=survey,
        response__submitted_at__date__gte=start,
        response__submitted_at__date__lte=end,
    )
    distribution = {
        row["scale"]: row["n"] for row in answers.values("scale").annotate(n=Count("pk")).order_by()
    }
    n = sum(distribution.values())
    mean = None
    if n:
        mean = (
            Decimal(sum(value * count for value, count in distribution.items())) / Decimal(n)
        ).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return {"n": n, "mean": mean, "distribution": {v: distribution.get(v, 0) for v in SCALE}}
