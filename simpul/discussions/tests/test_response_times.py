"""Response times: from a question to an organisation to the first reply by one of its
members, per organisation and per agreement, median and 90th percentile, in hours and in
Indonesian working days (weekends and national holidays do not count)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from simpul.agreements.tests.factories import government_of
from simpul.discussions.models import Question
from simpul.discussions.selectors import response_times

from .factories import first_post, make_thread

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")


def at(day: str, hour: int) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=WIB)


def ask(thread, organization, asked: datetime, answered: datetime | None) -> Question:
    return Question.objects.create(
        thread=thread,
        post=first_post(thread),
        organization=organization,
        asked_at=asked,
        answered_at=answered,
    )


def test_response_times_give_median_and_90th_percentile_in_hours_and_working_days(cast):
    sleman, bantul = cast.pemkab_sleman, government_of(cast.bantul)
    agreement = make_thread(cast).agreement
    threads = [make_thread(cast, agreement=agreement, title=f"Soal {n}") for n in range(4)]
    # Monday morning, answered by lunch: 4 hours, a sixth of a working day.
    ask(threads[0], sleman, at("2026-03-02", 9), at("2026-03-02", 13))
    # Friday afternoon to Monday afternoon: 72 hours, one working day (the weekend is off).
    ask(threads[1], sleman, at("2026-03-06", 15), at("2026-03-09", 15))
    # Friday to Tuesday over Independence Day (Monday 17 August): 96 hours, one working day.
    ask(threads[2], sleman, at("2026-08-14", 10), at("2026-08-18", 10))
    ask(threads[3], sleman, at("2026-08-20", 10), None)
    ask(threads[3], bantul, at("2026-08-20", 10), at("2026-08-20", 11))

    assert response_times(organization=sleman) == {
        "asked": 4,
        "answered": 3,
        "median_hours": 72.0,
        "p90_hours": 96.0,
        "median_workdays": 1.0,
        "p90_workdays": 1.0,
    }
    summer = response_times(organization=sleman, since=at("2026-08-01", 0))
    assert (summer["asked"], summer["answered"], summer["median_hours"]) == (2, 1, 96.0)
    whole = response_times(agreement=threads[0].agreement)
    assert (whole["asked"], whole["answered"], whole["median_hours"]) == (5, 4, 4.0)


def test_response_times_are_none_without_an_answer(cast):
    ask(make_thread(cast), cast.pemkab_sleman, at("2026-03-02", 9), None)
    assert response_times(organization=cast.pemkab_sleman) == {
        "asked": 1,
        "answered": 0,
        "median_hours": None,
        "p90_hours": None,
        "median_workdays": None,
        "p90_workdays": None,
    }


def test_the_agreements_tab_shows_each_asked_organisations_response_times(cast, client):
    thread = make_thread(cast)
    ask(thread, cast.pemkab_sleman, at("2026-03-02", 9), at("2026-03-02", 13))
    client.force_login(cast.wati)
    page = client.get(f"/diskusi/kerja-sama/{thread.agreement_id}/").content.decode()
    table = page.split('id="response-times"')[1]
    assert cast.pemkab_sleman.name in table and "4" in table
