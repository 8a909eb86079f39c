from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from simpul.agreements.tests.factories import make_agreement
from simpul.surveys.models import Answer, Response
from simpul.surveys.selectors import public_surveys

from .factories import add_response, make_survey, questions_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(client):
    client.cookies["django_language"] = "en"
    return client


def _answers(survey, **overrides) -> dict:
    q = questions_of(survey)
    data = {
        f"q{q['single'].pk}": q["single"].choices.all()[1].pk,
        f"q{q['multiple'].pk}": [c.pk for c in q["multiple"].choices.all()[:2]],
        f"q{q['scale'].pk}": "5",
        f"q{q['text'].pk}": "Jadwal angkut lebih pagi",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_visitor_answers_every_kind_of_question_and_is_thanked(cast, visitor):
    survey = make_survey(cast)
    q = questions_of(survey)
    page = visitor.get(survey.get_public_url())
    assert page.status_code == 200
    # Choice groups and the scale are fieldsets with a legend; the scale has labelled radios.
    assert page.text.count("<fieldset") == 3 and "<legend>3. Kepuasan Anda?" in page.text
    assert "5 (highest)" in page.text and 'type="radio"' in page.text
    response = visitor.post(survey.get_public_url(), _answers(survey))
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys_public:thanks", kwargs={"pk": survey.pk})
    assert "Thank you" in visitor.get(response["Location"]).text
    stored = Response.objects.get(survey=survey)
    answers = {a.question_id: a for a in stored.answers.prefetch_related("choices")}
    assert [c.label for c in answers[q["single"].pk].choices.all()] == ["Setiap minggu"]
    assert [c.label for c in answers[q["multiple"].pk].choices.all()] == ["Angkut", "Pilah"]
    assert answers[q["scale"].pk].scale == 5
    assert answers[q["text"].pk].text == "Jadwal angkut lebih pagi"
    assert stored.ip_hash  # a keyed hash, never the address itself
    assert "127.0.0.1" not in stored.ip_hash


def test_a_missing_required_answer_is_refused_with_the_other_answers_kept(cast, visitor):
    survey = make_survey(cast)
    q = questions_of(survey)
    response = visitor.post(
        survey.get_public_url(), _answers(survey, **{f"q{q['scale'].pk}": None})
    )
    assert response.status_code == 400
    assert "Please answer this question." in response.text
    error_id = f"id_q{q['scale'].pk}_error"
    assert f'aria-describedby="{error_id}"' in response.text and f'id="{error_id}"' in response.text
    assert "Jadwal angkut lebih pagi</textarea>" in response.text
    assert not Response.objects.exists()


def test_a_scale_of_7_and_a_choice_of_another_question_are_refused(cast, visitor):
    survey = make_survey(cast)
    q = questions_of(survey)
    other_question_choice = q["multiple"].choices.first().pk
    response = visitor.post(
        survey.get_public_url(),
        _answers(
            survey,
            **{f"q{q['scale'].pk}": "7", f"q{q['single'].pk}": other_question_choice},
        ),
    )
    assert response.status_code == 400
    assert "Choose a value from 1 to 5." in response.text
    assert "Choose one of the options shown." in response.text
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_html_in_answers_and_titles_is_shown_escaped(cast, visitor):
    survey = make_survey(cast, title="<b>Survei</b>")
    q = questions_of(survey)
    visitor.post(
        survey.get_public_url(),
        _answers(survey, **{f"q{q['text'].pk}": "<script>alert(1)</script>"}),
    )
    assert "&lt;b&gt;Survei&lt;/b&gt;" in visitor.get(survey.get_public_url()).text
    visitor.force_login(cast.sari)
    results = visitor.get(
        reverse(
            "surveys:survey-results", kwargs={"agreement_pk": survey.agreement_id, "pk": survey.pk}
        )
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in results.text
    assert "<script>alert(1)" not in results.text


def test_a_flood_from_one_address_and_a_filled_honeypot_are_refused(cast, visitor, settings):
    settings.PUBLIC_FORM_LIMIT_PER_HOUR = 2
    survey = make_survey(cast)
    bot = visitor.post(survey.get_public_url(), _answers(survey, website="http://spam.example"))
    assert bot.status_code == 400 and not Response.objects.exists()
    for _attempt in range(2):
        assert visitor.post(survey.get_public_url(), _answers(survey)).status_code == 302
    flood = visitor.post(survey.get_public_url(), _answers(survey))
    assert flood.status_code == 429
    assert "Too many answers" in flood.text
    assert "Jadwal angkut lebih pagi</textarea>" in flood.text
    assert Response.objects.count() == 2
    # Another address is not affected.
    other = visitor.post(survey.get_public_url(), _answers(survey), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


def test_drafts_and_surveys_of_internal_agreements_are_not_public(cast, visitor):
    draft = make_survey(cast, status="draft", title="Draf rahasia")
    internal = make_survey(
        agreement=make_agreement(cast, state="draft"), title="Kerja sama internal"
    )
    public = make_survey(agreement=draft.agreement, title="Survei terbuka")
    for hidden in (draft, internal):
        assert visitor.get(hidden.get_public_url()).status_code == 404
        assert visitor.post(hidden.get_public_url(), _answers(hidden)).status_code == 404
        assert (
            visitor.get(reverse("surveys_public:thanks", kwargs={"pk": hidden.pk})).status_code
            == 404
        )
    listing = visitor.get(reverse("surveys_public:list")).text
    assert "Survei terbuka" in listing
    assert "Draf rahasia" not in listing and "Kerja sama internal" not in listing
    assert list(public_surveys()) == [public]
    assert not Response.objects.exists()


def test_an_ended_survey_shows_its_results_and_takes_no_more_answers(cast, visitor):
    now = timezone.now()
    survey = make_survey(
        cast, opens_at=now - timedelta(days=10), closes_at=now - timedelta(minutes=1)
    )
    add_response(survey, scale=5, text="Rahasia pribadi warga")
    add_response(survey, scale=2)
    page = visitor.post(survey.get_public_url(), _answers(survey))
    assert page.status_code == 200 and Response.objects.count() == 2
    assert 'id="public-results"' in page.text
    assert "mean 3.5 of 5" in page.text and "<svg" in page.text and "<table" in page.text
    assert "Rahasia pribadi warga" not in page.text  # written answers stay with the parties
    listing = visitor.get(reverse("surveys_public:list")).text
    assert 'id="ended-surveys"' in listing and survey.title in listing


def test_a_survey_that_has_not_started_says_when_it_opens(cast, visitor):
    now = timezone.now()
    survey = make_survey(cast, opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=9))
    page = visitor.get(survey.get_public_url())
    assert 'id="survey-not-yet"' in page.text and 'id="survey-answer-form"' not in page.text
    visitor.post(survey.get_public_url(), _answers(survey))
    assert not Response.objects.exists()
