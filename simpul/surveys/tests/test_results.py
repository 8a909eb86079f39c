import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from simpul.monitoring.models import DataValue, Indicator, Submission
from simpul.monitoring.services.collection import submission_submit, submission_verify
from simpul.monitoring.tests.permissions_collection import make_indicator, make_period
from simpul.surveys.selectors import survey_results

from .factories import add_response, make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_en(client):
    client.cookies["django_language"] = "en"
    return client


def _url(name, survey):
    return reverse(name, kwargs={"agreement_pk": survey.agreement_id, "pk": survey.pk})


def test_results_count_choices_and_the_scale_mean(cast):
    survey = make_survey(cast)
    add_response(survey, scale=5, choice_index=0)
    add_response(survey, scale=4, choice_index=0)
    add_response(survey, scale=2, choice_index=2, text="Lebih sering")
    results = {r.question.kind: r for r in survey_results(survey).questions}
    assert survey_results(survey).responses == 3
    single = results["single"]
    assert [(r.label, r.count, r.percent) for r in single.rows] == [
        ("Setiap hari", 2, Decimal("66.7")),
        ("Setiap minggu", 0, Decimal("0.0")),
        ("Jarang", 1, Decimal("33.3")),
    ]
    assert [(r.count, r.percent) for r in results["multiple"].rows] == [
        (3, Decimal("100.0")),
        (3, Decimal("100.0")),
        (0, Decimal("0.0")),
    ]
    scale = results["scale"]
    assert (scale.answered, scale.mean) == (3, Decimal("3.67"))
    assert [r.count for r in scale.rows] == [0, 1, 0, 1, 1]
    assert results["text"].texts == ["Lebih sering"]
    assert "<script" not in scale.chart and 'role="img"' in scale.chart


def test_the_results_cost_the_same_queries_for_2_and_20_responses(cast, client_en):
    survey = make_survey(cast)
    client_en.force_login(cast.sari)
    url = _url("surveys:survey-results", survey)
    counts = []
    for size in (2, 20):
        while survey.responses.count() < size:
            index = survey.responses.count()
            add_response(survey, scale=1 + index % 5, choice_index=index, text=f"Saran {index}")
        with CaptureQueriesContext(connection) as page_queries:
            page = client_en.get(url)
        assert f"{size} responses" in page.text
        with CaptureQueriesContext(connection) as aggregate_queries:
            survey_results(survey)
        counts.append((len(page_queries), len(aggregate_queries)))
    assert counts[0] == counts[1]
    assert counts[1][1] <= 8  # questions, choices, and one GROUP BY per aggregate


def test_the_csv_lists_each_response_and_neutralises_formulas(cast, client_en):
    survey = make_survey(cast)
    add_response(survey, scale=3, text='=HYPERLINK("http://jahat.example")')
    add_response(survey, scale=5)
    client_en.force_login(cast.dewi)
    response = client_en.get(_url("surveys:survey-csv", survey))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][2:] == ["Seberapa sering?", "Layanan apa?", "Kepuasan Anda?", "Saran?"]
    assert [row[4] for row in rows[1:]] == ["3", "5"]
    assert rows[1][2:4] == ["Setiap hari", "Angkut; Pilah"]
    assert rows[1][5] == '\'=HYPERLINK("http://jahat.example")'


def _quarter_period(agreement):
    today = timezone.localdate()
    return make_period(agreement, year=today.year, number=(today.month - 1) // 3 + 1)


def test_feeding_the_indicator_saves_a_draft_value_that_counts_once_verified(cast, client_en):
    survey = make_survey(cast)
    indicator = make_indicator(
        survey.agreement,
        code="K5",
        name="Indeks kepuasan",
        unit="skor",
        responsible_party=survey.party,
    )
    survey.indicator = indicator
    survey.save()
    period = _quarter_period(survey.agreement)
    for score in (5, 4, 4):
        add_response(survey, scale=score)
    client_en.force_login(cast.sari)
    response = client_en.post(_url("surveys:survey-feed", survey), {"period": period.pk})
    assert response.status_code == 302
    submission = Submission.objects.get(period=period, party=survey.party)
    value = DataValue.objects.get(submission=submission, indicator=indicator)
    assert value.value == Decimal("4.33")
    assert "3 answers" in value.narrative and "5: 1" in value.narrative
    assert submission.status == "draft"
    indicator.refresh_from_db()
    assert indicator.latest_value is None  # nothing counts before verification
    submission = submission_submit(
        submission=submission, user=cast.dewi, expected_version=submission.version
    )
    # Sari sent the results, so another coordinator (Sleman's) verifies them.
    submission_verify(submission=submission, user=cast.yanto)
    indicator.refresh_from_db()
    assert indicator.latest_value == Decimal("4.33")
    # Once submitted, the survey cannot overwrite the data.
    again = client_en.post(_url("surveys:survey-feed", survey), {"period": period.pk}, follow=True)
    assert "No reporting period is open" not in again.text
    assert "already verified" in again.text


def test_feeding_explains_a_missing_period_and_the_wrong_kind_of_indicator(cast, client_en):
    survey = make_survey(cast)
    add_response(survey, scale=4)
    qualitative = make_indicator(survey.agreement, code="Q1", kind="qualitative")
    survey.indicator = qualitative
    survey.save()
    client_en.force_login(cast.sari)
    url = _url("surveys:survey-feed", survey)
    no_period = client_en.post(url, {}, follow=True)
    assert "No reporting period is open" in no_period.text
    period = _quarter_period(survey.agreement)
    client_en.post(url, {"period": period.pk})
    value = DataValue.objects.get(indicator=qualitative)
    assert value.value is None and value.text.startswith("Mean score 4.00 of 5 (n = 1)")
    Indicator.objects.filter(pk=qualitative.pk).update(kind="percentage")
    wrong = client_en.post(url, {"period": period.pk}, follow=True)
    assert "only a number or a qualitative indicator" in wrong.text
