"""Who may open the survey pages (see simpul/testing/matrix.py).

The agreement: an active voluntary KSDD of Kota Yogyakarta, Sleman and Bantul registered by
Biro Tapem DIY; the survey is run by Yogyakarta's party and is open. Readers of the
agreement (sari, dewi, gita, hadi, rina) see its surveys, results and the responses' CSV.
Building, opening, closing and sending results to an indicator need an editor role in a
party or of the registering bureau: sari, fitri and rina; dewi (a data officer), agus (an
agency's editor) and the overseers get 404 like the outsiders budi and eko. Anonymous
visitors sign in first. The public pages (an open survey of a public agreement) answer 200
for everyone.
"""

from simpul.agreements.tests.factories import make_agreement
from simpul.testing.matrix import LOGIN, PARTY_STAFF_READ, Expect, everyone

from .factories import make_survey

READ = {
    "anonymous": LOGIN,
    "sari": 200,
    "budi": 404,
    "dewi": 200,
    "gita": 200,
    "hadi": 200,
    "eko": 404,
    "rina": 200,
    **PARTY_STAFF_READ,
}
# Building and running a survey: editors of a party (sari, wati; yanto for Pemkab Sleman) or
# of the registering bureau (fitri).
EDIT = {
    **READ,
    **dict.fromkeys(("dewi", "gita", "hadi", "tono", "vina", "joko", "agus"), 404),
}
EDIT_ACT = {**EDIT, **dict.fromkeys(("sari", "rina", "wati", "yanto", "fitri"), 302)}


def _agreement(cast) -> dict:
    return {"agreement_pk": make_agreement(cast, state="active").pk}


def _survey(cast, **fields) -> dict:
    survey = make_survey(cast, **fields)
    return {"agreement_pk": survey.agreement_id, "pk": survey.pk}


def _draft(cast) -> dict:
    return _survey(cast, status="draft")


def _question(cast) -> dict:
    survey = make_survey(cast, status="draft")
    return {
        "agreement_pk": survey.agreement_id,
        "pk": survey.pk,
        "question_pk": survey.questions.get(kind="scale").pk,
    }


def _public(cast) -> dict:
    return {"pk": make_survey(cast).pk}


QUESTION = {"text": "Apa yang perlu diperbaiki?", "kind": "text", "required": "on"}

EXPECTATIONS = {
    "surveys:survey-list": Expect(statuses=READ, kwargs=_agreement),
    "surveys:survey-create": Expect(statuses=EDIT, kwargs=_agreement),
    "surveys:survey-detail": Expect(statuses=READ, kwargs=_survey),
    "surveys:survey-edit": Expect(statuses=EDIT, kwargs=_survey),
    "surveys:survey-status": Expect(
        statuses=EDIT_ACT, kwargs=_survey, method="post", data=lambda cast: {"action": "close"}
    ),
    "surveys:question-create": Expect(
        statuses=EDIT_ACT, kwargs=_draft, method="post", data=lambda cast: QUESTION
    ),
    "surveys:question-edit": Expect(statuses=EDIT, kwargs=_question),
    "surveys:question-move": Expect(
        statuses=EDIT_ACT, kwargs=_question, method="post", data=lambda cast: {"direction": "up"}
    ),
    "surveys:question-delete": Expect(statuses=EDIT_ACT, kwargs=_question, method="post"),
    "surveys:survey-results": Expect(statuses=READ, kwargs=_survey),
    "surveys:survey-csv": Expect(statuses=READ, kwargs=_survey),
    "surveys:survey-feed": Expect(statuses=EDIT_ACT, kwargs=_survey, method="post"),
    "surveys_public:list": Expect(statuses=everyone(200)),
    "surveys_public:detail": Expect(statuses=everyone(200), kwargs=_public),
    "surveys_public:thanks": Expect(statuses=everyone(200), kwargs=_public),
}
