"""The results page reads like one document: the chart and its table tell the same days,
and the headings go down one level at a time."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from simpul.core.formats import short_date
from simpul.surveys.selectors import survey_results

from .factories import add_response, make_survey

pytestmark = pytest.mark.django_db


def test_the_per_day_chart_shows_every_day_the_table_lists(cast):
    survey = make_survey(cast)
    first = timezone.now() - datetime.timedelta(days=40)
    for offset in range(33):
        add_response(survey, when=first + datetime.timedelta(days=offset))
    results = survey_results(survey)
    assert len(results.per_day) == 33
    for day, _count in (results.per_day[0], results.per_day[-1]):
        assert short_date(day) in results.per_day_chart


def test_the_results_page_does_not_skip_a_heading_level(client, cast):
    survey = make_survey(cast)
    add_response(survey)
    client.force_login(cast.sari)
    html = client.get(
        reverse(
            "surveys:survey-results", kwargs={"agreement_pk": survey.agreement_id, "pk": survey.pk}
        )
    ).content.decode()
    main = html[html.index('<main id="main"') :]
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", main)]
    assert levels[0] == 1
    assert all(after - before <= 1 for before, after in zip(levels, levels[1:], strict=False))
