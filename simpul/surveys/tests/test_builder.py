import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from simpul.core.errors import Conflict
from simpul.monitoring.tests.permissions_collection import make_indicator
from simpul.surveys import services
from simpul.surveys.models import Question, Survey
from simpul.testing.merge import opened

from .factories import add_response, make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_en(client):
    client.cookies["django_language"] = "en"
    return client


def _url(name, survey, **extra):
    return reverse(name, kwargs={"agreement_pk": survey.agreement_id, "pk": survey.pk, **extra})


def test_an_editor_creates_a_survey_with_its_window_in_their_time_zone(cast, client_en):
    survey = make_survey(cast, status="draft")
    agreement = survey.agreement
    qualitative = make_indicator(agreement, code="K9", kind="qualitative")
    make_indicator(agreement, code="K8", kind="percentage")
    client_en.force_login(cast.sari)
    url = reverse("surveys:survey-create", kwargs={"agreement_pk": agreement.pk})
    page = client_en.get(url)
    # Only indicators that can take a mean (whole words: a random CSRF token may hold "K8").
    assert re.search(r"\bK9\b", page.text) and not re.search(r"\bK8\b", page.text)
    data = {
        "title": "Kepuasan warga",
        "party": survey.party_id,
        "opens_at": "2026-12-01T08:00",
        "closes_at": "2026-11-30T08:00",
        "indicator": qualitative.pk,
    }
    refused = client_en.post(url, data)
    assert refused.status_code == 400
    assert "must close after it opens" in refused.text
    assert 'value="Kepuasan warga"' in refused.text
    response = client_en.post(url, {**data, "closes_at": "2026-12-31T17:00"})
    created = Survey.objects.get(title="Kepuasan warga")
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    # Sari works in Yogyakarta (WIB, UTC+7): 08:00 there is 01:00 UTC.
    assert created.opens_at == datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
    assert (created.status, created.indicator, created.created_by) == (
        "draft",
        qualitative,
        cast.sari,
    )


def test_questions_are_added_with_choices_one_per_line_then_edited_and_reordered(cast, client_en):
    survey = make_survey(cast, status="draft")
    client_en.force_login(cast.sari)
    response = client_en.post(
        _url("surveys:question-create", survey),
        {"text": "Dari mana Anda tahu?", "kind": "single", "choices": "Radio\n\n  Teman \nRadio"},
    )
    assert response.status_code == 302
    question = survey.questions.get(text="Dari mana Anda tahu?")
    assert question.position == 4 and not question.required
    assert list(question.choices.values_list("label", flat=True)) == ["Radio", "Teman"]
    edit = _url("surveys:question-edit", survey, question_pk=question.pk)
    assert "Radio\nTeman" in client_en.get(edit).text
    client_en.post(
        edit,
        {
            "base": opened(client_en, edit),
            "text": "Sumber info?",
            "kind": "multiple",
            "choices": "TV\nKoran",
        },
    )
    question.refresh_from_db()
    assert (question.text, question.kind) == ("Sumber info?", "multiple")
    assert list(question.choices.values_list("label", flat=True)) == ["TV", "Koran"]
    client_en.post(
        _url("surveys:question-move", survey, question_pk=question.pk), {"direction": "up"}
    )
    order = list(survey.questions.values_list("text", flat=True))
    assert order[-2:] == ["Sumber info?", "Saran?"]
    client_en.post(_url("surveys:question-delete", survey, question_pk=question.pk))
    assert list(survey.questions.values_list("position", flat=True)) == [0, 1, 2, 3]


def test_a_choice_question_needs_two_choices_and_only_a_scale_feeds_the_indicator(cast, client_en):
    survey = make_survey(cast, status="draft")
    client_en.force_login(cast.sari)
    url = _url("surveys:question-create", survey)
    one = client_en.post(url, {"text": "Pilih", "kind": "single", "choices": "Ya"})
    assert one.status_code == 400
    assert "at least two choices" in one.text
    assert 'value="Pilih"' in one.text  # the input is kept
    feeding_text = client_en.post(url, {"text": "Saran", "kind": "text", "feeds_indicator": "on"})
    assert feeding_text.status_code == 400
    assert "Only a scale 1–5 question can feed the indicator" in feeding_text.text
    assert survey.questions.count() == 4
    # A new feeding scale question takes over from the old one: only one feeds.
    client_en.post(url, {"text": "Kebersihan?", "kind": "scale", "feeds_indicator": "on"})
    assert list(survey.questions.filter(feeds_indicator=True).values_list("text", flat=True)) == [
        "Kebersihan?"
    ]


def test_questions_cannot_change_once_responses_exist(cast, client_en):
    survey = make_survey(cast)
    add_response(survey)
    scale = survey.questions.get(kind="scale")
    client_en.force_login(cast.sari)
    added = client_en.post(
        _url("surveys:question-create", survey), {"text": "Baru", "kind": "text"}
    )
    assert added.status_code == 400
    assert "already has responses" in added.text
    edit = _url("surveys:question-edit", survey, question_pk=scale.pk)
    edited = client_en.post(
        edit, {"base": opened(client_en, edit), "text": "Diubah", "kind": "scale"}
    )
    assert edited.status_code == 400 and "already has responses" in edited.text
    deleted = client_en.post(
        _url("surveys:question-delete", survey, question_pk=scale.pk), follow=True
    )
    assert "already has responses" in deleted.text
    assert Question.objects.filter(survey=survey).count() == 4
    assert survey.questions.get(pk=scale.pk).text == "Kepuasan Anda?"


def test_a_survey_opens_only_with_questions_and_closing_publishes_its_results(
    cast, client_en, client
):
    survey = make_survey(cast, status="draft")
    client_en.force_login(cast.sari)
    status_url = _url("surveys:survey-status", survey)
    survey.questions.all().delete()
    page = client_en.post(status_url, {"action": "open"}, follow=True)
    assert "Add at least one question" in page.text
    Question.objects.create(survey=survey, kind="scale", text="Puas?")
    assert client.get(survey.get_public_url()).status_code == 404  # a draft is internal
    client_en.post(status_url, {"action": "open"})
    survey.refresh_from_db()
    assert survey.status == "open"
    assert survey.title in client.get(reverse("surveys_public:list")).text
    assert 'id="survey-answer-form"' in client.get(survey.get_public_url()).text
    client_en.post(status_url, {"action": "close"})
    public = client.get(survey.get_public_url())
    assert 'id="public-results"' in public.text and 'id="survey-answer-form"' not in public.text


def test_a_second_editor_saving_a_stale_survey_gets_a_conflict_naming_who_and_keeps_input(
    cast, client_en
):
    survey = make_survey(cast, status="draft")
    client_en.force_login(cast.sari)
    url = _url("surveys:survey-edit", survey)
    data = {
        "title": "Judul Sari",
        "party": survey.party_id,
        "opens_at": "2026-12-01T08:00",
        "closes_at": "2026-12-31T08:00",
        "base": opened(client_en, url),
    }
    assert client_en.post(url, data).status_code == 302
    stale = client_en.post(url, {**data, "title": "Judul Rina"})
    assert stale.status_code == 409
    assert f"{cast.sari.full_name} changed this at" in stale.text
    assert 'value="Judul Rina"' in stale.text
    survey.refresh_from_db()
    assert (survey.title, survey.version) == ("Judul Sari", 2)


def test_readers_see_the_surveys_tab_and_list_but_only_editors_may_build(cast, client_en):
    survey = make_survey(cast)
    add_response(survey)
    list_url = reverse("surveys:survey-list", kwargs={"agreement_pk": survey.agreement_id})
    client_en.force_login(cast.gita)  # oversight of DIY: reads, never builds
    listing = client_en.get(list_url)
    assert f'href="{list_url}"' in listing.text  # the agreement's "Surveys" tab
    assert survey.title in listing.text and 'id="survey-create"' not in listing.text
    detail = client_en.get(survey.get_absolute_url())
    assert "Kepuasan Anda?" in detail.text
    assert 'id="question-form"' not in detail.text and 'id="survey-open"' not in detail.text
    client_en.force_login(cast.sari)
    assert 'id="survey-create"' in client_en.get(list_url).text
    assert 'id="survey-close"' in client_en.get(survey.get_absolute_url()).text


def test_of_two_people_closing_a_survey_at_once_the_second_learns_who_closed_it(cast):
    survey = make_survey(cast, status="open")
    stale = Survey.objects.get(pk=survey.pk)
    services.survey_close(survey=survey, user=cast.sari)
    with pytest.raises(Conflict) as refused:
        services.survey_close(survey=stale, user=cast.budi)
    assert refused.value.who == cast.sari.full_name and refused.value.status == 409
    survey.refresh_from_db()
    assert (survey.status, survey.changed_by) == (Survey.Status.CLOSED, cast.sari)
