"""Demo surveys for `make demo` (seed_demo_surveys).

On the Kartamantul waste agreement (from seed_demo_agreements), run by Kota Yogyakarta:

- a closed survey on satisfaction with waste collection, with 48 answers spread over its
  window, published results, and a link to a qualitative or number indicator of the
  agreement when seed_demo_monitoring made one;
- an open survey on the TPS3R (reduce-reuse-recycle points), open for another month, with a
  dozen answers so far.

Safe to run again: a survey is found by its agreement and title before it is built. Surveys
and questions are saved with the ORM (audited) inside the caller's acting_as; responses and
answers (anonymous, not audited) with bulk_create. Answers come from a seeded random
generator, so every run gives the same numbers.
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from simpul.agreements.models import Agreement
from simpul.monitoring.models import Indicator

from .models import Answer, Choice, Question, Response, Survey

ACTOR = "seed_demo_surveys"
KARTAMANTUL_WASTE = "Pengelolaan Sampah Regional Kartamantul di TPST Piyungan"

CLOSED_TITLE = "Kepuasan warga terhadap pengangkutan sampah Kartamantul 2026"
OPEN_TITLE = "Survei pemanfaatan TPS3R di Kartamantul"

QUESTIONS = {
    CLOSED_TITLE: [
        (
            "single",
            "Seberapa sering sampah di lingkungan Anda diangkut?",
            True,
            ["Setiap hari", "2–3 kali seminggu", "Seminggu sekali", "Tidak tentu"],
        ),
        (
            "multiple",
            "Apa yang paling perlu diperbaiki?",
            False,
            ["Jadwal pengangkutan", "Kebersihan TPS", "Bau dan lalat", "Informasi kepada warga"],
        ),
        (
            "scale",
            "Secara keseluruhan, seberapa puas Anda dengan layanan pengangkutan sampah?",
            True,
            [],
        ),
        ("text", "Saran Anda untuk pengelolaan sampah bersama Kartamantul", False, []),
    ],
    OPEN_TITLE: [
        (
            "single",
            "Apakah Anda pernah membawa sampah terpilah ke TPS3R?",
            True,
            ["Ya, rutin", "Pernah sesekali", "Belum pernah"],
        ),
        ("scale", "Seberapa mudah menjangkau TPS3R terdekat?", True, []),
        ("text", "Apa yang membuat Anda lebih mau memilah sampah?", False, []),
    ],
}
SUGGESTIONS = [
    "Mohon jadwal angkut diumumkan lewat RT.",
    "TPS di dekat pasar perlu dibersihkan lebih sering.",
    "Bank sampah di kampung kami sangat membantu.",
    "Truk pengangkut sebaiknya tertutup supaya tidak bau.",
    "Tambah tempat sampah terpilah di taman kota.",
]


@dataclass
class Seeded:
    surveys: int = 0
    responses: int = 0
    skipped: list[str] = field(default_factory=list)


def _questions(survey: Survey, title: str) -> list[Question]:
    questions = []
    for position, (kind, text, required, choices) in enumerate(QUESTIONS[title]):
        question = Question.objects.create(
            survey=survey,
            position=position,
            kind=kind,
            text=text,
            required=required,
            feeds_indicator=kind == "scale" and title == CLOSED_TITLE,
        )
        Choice.objects.bulk_create(
            Choice(question=question, position=i, label=label) for i, label in enumerate(choices)
        )
        questions.append(question)
    return questions


def _responses(survey: Survey, questions: list[Question], count: int, rng) -> int:
    start, end = survey.opens_at, min(survey.closes_at, timezone.now())
    span = max(1, int((end - start).total_seconds()))
    responses = Response.objects.bulk_create(
        Response(survey=survey, submitted_at=start + timedelta(seconds=rng.randrange(span)))
        for _ in range(count)
    )
    choices = {q.pk: list(q.choices.all()) for q in questions}
    answers, links = [], []
    for response in responses:
        for question in questions:
            if question.kind == "text":
                if rng.random() < 0.3:
                    answers.append(
                        Answer(response=response, question=question, text=rng.choice(SUGGESTIONS))
                    )
            elif question.kind == "scale":
                score = rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 4, 6, 3])[0]
                answers.append(Answer(response=response, question=question, scale=score))
            else:
                picked = (
                    [rng.choice(choices[question.pk])]
                    if question.kind == "single"
                    else rng.sample(choices[question.pk], rng.randint(1, 2))
                )
                answer = Answer(response=response, question=question)
                answers.append(answer)
                links.append((answer, picked))
    Answer.objects.bulk_create(answers)
    through = Answer.choices.through
    through.objects.bulk_create(
        through(answer_id=answer.pk, choice_id=choice.pk)
        for answer, picked in links
        for choice in picked
    )
    return len(responses)


@transaction.atomic
def demo_surveys_seed() -> Seeded:
    seeded = Seeded()
    agreement = Agreement.objects.filter(title=KARTAMANTUL_WASTE).first()
    if agreement is None:
        seeded.skipped.append("surveys: the Kartamantul waste agreement is missing")
        return seeded
    party = agreement.parties.filter(organization_id=agreement.owner_id).first()
    party = party or agreement.parties.first()
    # Only a qualitative indicator may take a satisfaction score: a number indicator of the
    # demo measures tons or connections, and a mean of 3.6 would read as a tonnage.
    indicator = (
        Indicator.objects.filter(agreement=agreement, kind=Indicator.Kind.QUALITATIVE)
        .order_by("position")
        .first()
    )
    now = timezone.now().replace(microsecond=0)
    plans = [
        (CLOSED_TITLE, now - timedelta(days=75), now - timedelta(days=15), "closed", 48),
        (OPEN_TITLE, now - timedelta(days=10), now + timedelta(days=30), "open", 12),
    ]
    rng = random.Random(20260501)  # noqa: S311 - invented demo answers, not security
    for title, opens_at, closes_at, status, count in plans:
        if Survey.objects.filter(agreement=agreement, title=title).exists():
            continue
        survey = Survey.objects.create(
            agreement=agreement,
            party=party,
            title=title,
            description=(
                "Survei ini diselenggarakan bersama oleh Kota Yogyakarta, Kabupaten Sleman dan "
                "Kabupaten Bantul. Jawaban Anda anonim."
            ),
            opens_at=opens_at,
            closes_at=closes_at,
            status=status,
            indicator=indicator if title == CLOSED_TITLE else None,
        )
        questions = _questions(survey, title)
        seeded.surveys += 1
        seeded.responses += _responses(survey, questions, count, rng)
    return seeded
