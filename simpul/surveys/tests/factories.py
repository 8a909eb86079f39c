"""Cheap survey data for tests: a survey with one question of each kind, and responses."""

from datetime import timedelta

from django.utils import timezone

from simpul.agreements.tests.factories import make_agreement
from simpul.surveys.models import Answer, Choice, Question, Response, Survey


def make_survey(cast=None, *, agreement=None, status="open", state="active", **fields) -> Survey:
    agreement = agreement or make_agreement(cast, state=state)
    # The registering organisation's party, or the first party when it registered an agreement
    # it is no party to (as in the permission matrix).
    parties = agreement.parties.order_by("position", "pk")
    party = (
        fields.pop("party", None)
        or parties.filter(organization_id=agreement.owner_id).first()
        or parties.first()
    )
    now = timezone.now()
    defaults = {
        "title": "Kepuasan layanan TPST Piyungan",
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=29),
    }
    defaults.update(fields)
    survey = Survey.objects.create(agreement=agreement, party=party, status=status, **defaults)
    single = Question.objects.create(
        survey=survey, position=0, kind="single", text="Seberapa sering?"
    )
    Choice.objects.bulk_create(
        Choice(question=single, position=i, label=label)
        for i, label in enumerate(["Setiap hari", "Setiap minggu", "Jarang"])
    )
    multiple = Question.objects.create(
        survey=survey, position=1, kind="multiple", text="Layanan apa?", required=False
    )
    Choice.objects.bulk_create(
        Choice(question=multiple, position=i, label=label)
        for i, label in enumerate(["Angkut", "Pilah", "Kompos"])
    )
    Question.objects.create(
        survey=survey, position=2, kind="scale", text="Kepuasan Anda?", feeds_indicator=True
    )
    Question.objects.create(survey=survey, position=3, kind="text", text="Saran?", required=False)
    return survey


def questions_of(survey: Survey) -> dict[str, Question]:
    return {q.kind: q for q in survey.questions.prefetch_related("choices")}


def add_response(survey: Survey, *, scale=4, choice_index=0, text="", when=None) -> Response:
    q = questions_of(survey)
    response = Response.objects.create(survey=survey, submitted_at=when or timezone.now())
    single_choices = list(q["single"].choices.all())
    Answer.objects.create(response=response, question=q["single"]).choices.set(
        [single_choices[choice_index % len(single_choices)]]
    )
    Answer.objects.create(response=response, question=q["multiple"]).choices.set(
        list(q["multiple"].choices.all())[:2]
    )
    Answer.objects.create(response=response, question=q["scale"], scale=scale)
    if text:
        Answer.objects.create(response=response, question=q["text"], text=text)
    return response
