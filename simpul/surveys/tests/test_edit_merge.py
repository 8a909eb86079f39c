"""Two people edit one survey at the same time (simpul.core.merge): the survey's own fields
and, in the builder, a question (the questions are versioned as a whole on the survey row, and
merged question by question). Changes to different fields are both kept, the same field
changed twice asks which value to keep and saves nothing before that choice, and a field the
second person did not touch is never written back with what their page still showed."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from simpul.surveys.models import Question, Survey
from simpul.testing.merge import choices_asked, opened, shown_base

from .factories import make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(cast):
    return make_survey(cast, status="draft")


def _person(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _url(survey) -> str:
    return reverse(
        "surveys:survey-edit", kwargs={"agreement_pk": survey.agreement_id, "pk": survey.pk}
    )


def _question_url(question) -> str:
    survey = question.survey
    return reverse(
        "surveys:question-edit",
        kwargs={"agreement_pk": survey.agreement_id, "pk": survey.pk, "question_pk": question.pk},
    )


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _fields(survey, **changes) -> dict:
    data = {
        "title": survey.title,
        "description": survey.description,
        "party": survey.party_id,
        "opens_at": _moment(survey.opens_at),
        "closes_at": _moment(survey.closes_at),
        "indicator": survey.indicator_id or "",
    }
    data.update(changes)
    return data


def _question_fields(question, **changes) -> dict:
    data = {
        "text": question.text,
        "kind": question.kind,
        "choices": "\n".join(question.choices.values_list("label", flat=True)),
        "required": "on" if question.required else "",
        "feeds_indicator": "on" if question.feeds_indicator else "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value != ""}


def _fresh(survey) -> Survey:
    return Survey.objects.get(pk=survey.pk)


def test_two_people_changing_different_survey_fields_both_keep_their_change(cast, survey):
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _url(survey)), opened(wati, _url(survey))
    assert sari.post(_url(survey), {"base": sari_base, **_fields(survey, title="Judul Sari")})
    response = wati.post(
        _url(survey),
        {"base": wati_base, **_fields(survey, description="Untuk warga Piyungan")},
        follow=True,
    )
    assert response.status_code == 200 and "nothing was lost" in response.text
    fresh = _fresh(survey)
    assert (fresh.title, fresh.description) == ("Judul Sari", "Untuk warga Piyungan")


def test_the_same_survey_field_changed_twice_waits_for_the_second_persons_choice(cast, survey):
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _url(survey)), opened(wati, _url(survey))
    sari.post(_url(survey), {"base": sari_base, **_fields(survey, title="Judul Sari")})
    mine = _fields(survey, title="Judul Wati", description="Deskripsi Wati")
    response = wati.post(_url(survey), {"base": wati_base, **mine})
    assert response.status_code == 409
    assert 'class="merge-table"' in response.text and cast.sari.full_name in response.text
    assert choices_asked(response) == {"title"}
    assert (_fresh(survey).title, _fresh(survey).description) == ("Judul Sari", "")
    merged = {"base": shown_base(response), **mine}
    assert wati.post(_url(survey), merged).status_code == 400
    assert wati.post(_url(survey), {**merged, "merge_title": "mine"}).status_code == 302
    fresh = _fresh(survey)
    assert (fresh.title, fresh.description) == ("Judul Wati", "Deskripsi Wati")


def test_a_survey_field_the_second_person_did_not_touch_is_never_overwritten(cast, survey):
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _url(survey)), opened(wati, _url(survey))
    closes = _fresh(survey).closes_at + timezone.timedelta(days=7)
    sari.post(
        _url(survey),
        {"base": sari_base, **_fields(survey, closes_at=_moment(closes), description="Baru")},
    )
    assert wati.post(_url(survey), {"base": wati_base, **_fields(survey)}).status_code == 302
    fresh = _fresh(survey)
    assert (_moment(fresh.closes_at), fresh.description) == (_moment(closes), "Baru")


def test_editing_two_different_questions_at_once_keeps_both(cast, survey):
    single, scale = survey.questions.get(kind="single"), survey.questions.get(kind="scale")
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _question_url(single)), opened(wati, _question_url(scale))
    saved = sari.post(
        _question_url(single), {"base": sari_base, **_question_fields(single, text="Kapan?")}
    )
    assert saved.status_code == 302
    response = wati.post(
        _question_url(scale),
        {"base": wati_base, **_question_fields(scale, text="Puas?")},
    )
    assert response.status_code == 302
    assert Question.objects.get(pk=single.pk).text == "Kapan?"
    assert Question.objects.get(pk=scale.pk).text == "Puas?"


def test_one_question_changed_twice_merges_its_fields_and_asks_only_where_both_changed(
    cast, survey
):
    single = survey.questions.get(kind="single")
    sari, wati = _person(cast.sari), _person(cast.wati)
    sari_base, wati_base = opened(sari, _question_url(single)), opened(wati, _question_url(single))
    seen = _question_fields(single)  # the values both pages show
    sari_choices = "Setiap hari\nSetiap minggu\nSebulan sekali"
    sari.post(
        _question_url(single),
        {"base": sari_base, **seen, "text": "Versi Sari", "choices": sari_choices},
    )
    mine = {**seen, "text": "Versi Wati", "required": "on"}
    response = wati.post(_question_url(single), {"base": wati_base, **mine})
    assert response.status_code == 409
    assert choices_asked(response) == {"text"}
    assert "Versi Sari" in response.text and "Versi Wati" in response.text
    assert Question.objects.get(pk=single.pk).text == "Versi Sari"
    # The page now holds Sari's choices (only she changed them) and Wati's text and "required".
    merged = response.context["form"].data.dict()
    assert merged["base"] == shown_base(response)
    assert merged["choices"] == sari_choices
    assert wati.post(_question_url(single), merged).status_code == 400
    chosen = wati.post(_question_url(single), {**merged, "merge_text": "theirs"})
    assert chosen.status_code == 302
    question = Question.objects.get(pk=single.pk)
    # Sari's text and choices stay (Wati did not touch the choices); Wati's "required" lands.
    assert (question.text, question.required) == ("Versi Sari", True)
    assert list(question.choices.values_list("label", flat=True)) == sari_choices.split("\n")


def test_a_question_deleted_meanwhile_is_said_so_and_not_recreated(cast, survey):
    single = survey.questions.get(kind="single")
    sari, wati = _person(cast.sari), _person(cast.wati)
    wati_base = opened(wati, _question_url(single))
    delete = reverse(
        "surveys:question-delete",
        kwargs={"agreement_pk": survey.agreement_id, "pk": survey.pk, "question_pk": single.pk},
    )
    assert sari.post(delete).status_code == 302
    response = wati.post(
        _question_url(single), {"base": wati_base, **_question_fields(single, text="Masih?")}
    )
    assert response.status_code == 404
    assert not Question.objects.filter(pk=single.pk).exists()
