"""Storing the scores: agreements with a public summary and the regions whose government is
a party to one; pooled region inputs; idempotent; a fixed number of queries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from simpul.agreements.tests.factories import make_agreement
from simpul.core import schedule
from simpul.monitoring.tests.test_analysis import (
    make_indicator,
    parties_of,
    period,
    report,
    set_targets,
)
from simpul.publication.models import PublicationDecision
from simpul.scorecard import selectors, services
from simpul.scorecard.models import Score
from simpul.scorecard.tasks import daily_scores_refresh

from . import builders

D = Decimal
YEAR = timezone.localdate().year
TODAY = date(YEAR, 12, 31)


def answered(agreement, *, late: bool):
    received = date(YEAR, 1, 6)
    return builders.complaint(
        agreement,
        received=received,
        answered_at=builders.at(received + timedelta(days=20 if late else 2)),
        follow_up_due=received + timedelta(days=10),
    )


@pytest.fixture
def two_agreements(cast):
    prompt = make_agreement(cast, state="active", title="Prompt")
    slow = make_agreement(cast, state="active", title="Slow")
    answered(prompt, late=False)
    for _ in range(3):
        answered(slow, late=True)
    internal = make_agreement(cast, state="draft", title="Internal")
    for _ in range(5):
        answered(internal, late=False)
    return prompt, slow, internal


@pytest.mark.django_db
def test_a_region_pools_its_agreements_inputs_instead_of_averaging_their_scores(
    cast, two_agreements
):
    prompt, slow, internal = two_agreements

    result = services.scores_refresh(YEAR, today=TODAY)

    by_agreement = {row.agreement_id: row for row in Score.objects.filter(agreement__isnull=False)}
    assert set(by_agreement) == {prompt.pk, slow.pk}  # the draft is internal: never scored
    assert by_agreement[prompt.pk].responsiveness == D("100.0")
    assert by_agreement[slow.pk].responsiveness == D("0.0")
    regions = {row.region.code: row for row in Score.objects.filter(region__isnull=False)}
    assert set(regions) == {"34.71", "34.04", "34.02"}
    yogyakarta = regions["34.71"]
    assert yogyakarta.responsiveness == D("25.0")  # 1 of 4 complaints on time, not (100+0)/2
    assert yogyakarta.inputs["responsiveness"]["complaints"] == 4
    assert yogyakarta.inputs["agreements"] == 2
    assert result["agreements"] == 2 and result["regions"] == 3


@pytest.mark.django_db
def test_refreshing_again_changes_nothing_and_drops_what_is_no_longer_public(cast, two_agreements):
    prompt, slow, _internal = two_agreements
    services.scores_refresh(YEAR, today=TODAY)
    first = list(Score.objects.order_by("pk").values("pk", "overall", "responsiveness", "inputs"))

    again = services.scores_refresh(YEAR, today=TODAY)

    assert again["created"] == 0 and again["removed"] == 0
    assert (
        list(Score.objects.order_by("pk").values("pk", "overall", "responsiveness", "inputs"))
        == first
    )

    PublicationDecision.objects.create(
        agreement=prompt, kind="summary", is_public=False, reason="uji", decided_at=timezone.now()
    )
    after = services.scores_refresh(YEAR, today=TODAY)

    assert after["removed"] == 1
    assert not Score.objects.filter(agreement=prompt).exists()
    assert Score.objects.get(region=cast.yogyakarta, year=YEAR).responsiveness == D("0.0")


def _busy_agreements(cast, count: int) -> None:
    for index in range(count):
        agreement = make_agreement(cast, state="active", title=f"Kerja sama {index}")
        one = parties_of(agreement)[0]
        indicator = make_indicator(agreement, responsible_party=one)
        set_targets(indicator, {(YEAR, 1): 10})
        report(indicator, period(agreement, YEAR, 1), one, 10)
        answered(agreement, late=bool(index % 2))
        builders.budget_lines(agreement, [(YEAR, "100", "50")])
        section = builders.consultation(agreement, opens=date(YEAR, 2, 1))
        builders.comment(section, f"warga{index}@example.org", answered=True)


def _queries_to_refresh() -> int:
    with CaptureQueriesContext(connection) as queries:
        services.scores_refresh(YEAR, today=TODAY)
    return len(queries)


@pytest.mark.django_db
def test_refreshing_all_scores_takes_the_same_queries_for_two_or_ten_agreements(cast):
    _busy_agreements(cast, 2)
    Score.objects.all().delete()
    with_two = _queries_to_refresh()
    _busy_agreements(cast, 8)
    Score.objects.all().delete()

    assert _queries_to_refresh() == with_two
    assert Score.objects.filter(agreement__isnull=False, overall__isnull=False).count() == 10


@pytest.mark.django_db
def test_the_daily_task_stores_this_years_scores_and_is_scheduled(cast, two_agreements):
    assert "simpul.scorecard.tasks.daily_scores_refresh" in schedule.registered()

    daily_scores_refresh.call()

    assert Score.objects.filter(year=YEAR, agreement__isnull=False).count() == 2


@pytest.mark.django_db
def test_a_scorecard_shows_formulas_inputs_and_a_trend_from_stored_years(cast, two_agreements):
    prompt, _slow, _internal = two_agreements
    services.scores_refresh(YEAR, today=TODAY)
    Score.objects.create(
        agreement=prompt, year=YEAR - 1, overall=D("40.0"), computed_at=timezone.now()
    )

    card = selectors.agreement_scorecard(prompt, YEAR)

    assert [point["year"] for point in card["trend"]] == [YEAR - 1, YEAR]
    transparency = next(row for row in card["dimensions"] if row["key"] == "transparency")
    assert transparency["score"] == D("100.0")
    assert any(" 8 " in f" {sentence} " for sentence in transparency["inputs"])
    assert "30" in transparency["formula"]
    region_card = selectors.region_scorecard(cast.yogyakarta, YEAR)
    assert region_card["overall"] == Score.objects.get(region=cast.yogyakarta).overall
    assert region_card["agreements"] == 2
