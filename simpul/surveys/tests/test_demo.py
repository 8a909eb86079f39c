import pytest

from simpul.agreements.tests.factories import make_agreement
from simpul.surveys.demo import CLOSED_TITLE, KARTAMANTUL_WASTE, demo_surveys_seed
from simpul.surveys.models import Response, Survey

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_closed_survey_with_published_results_and_an_open_one(cast, client):
    make_agreement(cast, state="active", title=KARTAMANTUL_WASTE)
    first = demo_surveys_seed()
    assert (first.surveys, first.responses) == (2, 60)
    assert demo_surveys_seed().surveys == 0  # safe to run again
    assert Response.objects.count() == 60
    closed = Survey.objects.get(title=CLOSED_TITLE)
    client.cookies["django_language"] = "en"
    page = client.get(closed.get_public_url())
    assert 'id="public-results"' in page.text and "48 responses" in page.text
    open_survey = Survey.objects.get(status="open")
    assert 'id="survey-answer-form"' in client.get(open_survey.get_public_url()).text
