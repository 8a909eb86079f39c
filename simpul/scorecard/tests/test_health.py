"""Each collaboration-health input on a small world: a party whose records count and one whose
do not; no records is "no data", never zero; queries do not grow with agreements."""

import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from simpul.agreements.models import Obligation, Party
from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.knowledge.models import Adoption
from simpul.knowledge.tests.factories import make_item
from simpul.meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Meeting,
    Minutes,
    MinutesVersion,
    SignOff,
)
from simpul.meetings.tests.factories import make_meeting
from simpul.monitoring.models import Submission
from simpul.monitoring.tests.test_analysis import period
from simpul.scorecard import health, services
from simpul.scorecard.models import Score

YEAR = timezone.localdate().year - 1  # a whole year in the past: everything in it is due
D = Decimal


def on(month: int, day: int = 10, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(date(YEAR, month, day), time(hour)))


def figures(agreement, org=None) -> dict[str, tuple[int, int, Decimal | None]]:
    result = health.agreement_health(agreement.pk, YEAR)
    whole = (
        result.whole
        if org is None
        else next(party for party in result.parties if party.organization_id == org.pk)
    )
    return {f.measure.key: (f.num, f.den, f.share) for f in whole.figures}


@pytest.fixture
def world(cast):
    agreement = make_agreement(cast, state="active")
    return agreement, government_of(cast.sleman), government_of(cast.bantul)


@pytest.mark.django_db
def test_meetings_held_counts_held_of_scheduled_and_a_party_only_the_meetings_it_hosted(
    cast, world
):
    agreement, sleman, bantul = world
    make_meeting(cast, agreement=agreement, starts_at=on(2), host=sleman, status="held")
    make_meeting(cast, agreement=agreement, starts_at=on(5), host=sleman, status="cancelled")
    make_meeting(cast, agreement=agreement, starts_at=on(6), host=bantul, status="held")
    make_meeting(cast, agreement=agreement, starts_at=on(7) - timedelta(days=400), status="held")

    assert figures(agreement, sleman)["meetings_held"] == (1, 2, D("50.0"))
    assert figures(agreement, bantul)["meetings_held"] == (1, 1, D("100.0"))
    assert figures(agreement, cast.pemkot_yogyakarta)["meetings_held"] == (0, 0, None)
    assert figures(agreement)["meetings_held"] == (2, 3, D("66.7"))


@pytest.mark.django_db
def test_attendance_counts_parties_present_or_represented_at_meetings_with_a_list(cast, world):
    agreement, sleman, bantul = world
    listed = make_meeting(cast, agreement=agreement, starts_at=on(3), status="held")
    make_meeting(cast, agreement=agreement, starts_at=on(4), status="held")  # no list
    for org, status in ((sleman, "represented"), (bantul, "absent")):
        Attendance.objects.create(
            meeting=listed, organization=org, name="Wakil", status=status, represented_by="Staf"
        )

    assert figures(agreement, sleman)["attendance"] == (1, 1, D("100.0"))
    assert figures(agreement, bantul)["attendance"] == (0, 1, D("0.0"))
    assert figures(agreement)["attendance"] == (1, 3, D("33.3"))


def _action(meeting, owner, *, due: date, done_on: date | None):
    item = AgendaItem.objects.create(meeting=meeting, title="Tarif")
    return ActionItem.objects.create(
        agenda_item=item,
        title="Menyusun rancangan",
        owner_organization=owner,
        due_date=due,
        status=ActionItem.Status.DONE if done_on else ActionItem.Status.OPEN,
        done_at=timezone.make_aware(datetime.combine(done_on, time(10))) if done_on else None,
        completion_note="Selesai" if done_on else "",
    )


@pytest.mark.django_db
def test_action_items_count_those_done_by_their_due_date_per_owner(cast, world):
    agreement, sleman, bantul = world
    meeting = make_meeting(cast, agreement=agreement, starts_at=on(1), status="held")
    _action(meeting, sleman, due=date(YEAR, 3, 1), done_on=date(YEAR, 2, 20))
    _action(meeting, bantul, due=date(YEAR, 3, 1), done_on=date(YEAR, 3, 9))  # late
    _action(meeting, bantul, due=date(YEAR, 4, 1), done_on=None)

    assert figures(agreement, sleman)["actions_on_time"] == (1, 1, D("100.0"))
    assert figures(agreement, bantul)["actions_on_time"] == (0, 2, D("0.0"))
    assert figures(agreement)["actions_on_time"] == (1, 3, D("33.3"))


@pytest.mark.django_db
def test_data_on_time_reads_the_stored_lateness_and_leaves_undecided_submissions_out(cast, world):
    agreement, sleman, bantul = world
    first, second = period(agreement, YEAR, 1), period(agreement, YEAR, 2)
    party = {p.organization_id: p for p in Party.objects.filter(agreement=agreement)}
    Submission.objects.create(period=first, party=party[sleman.pk], is_late=False)
    Submission.objects.create(period=second, party=party[sleman.pk], is_late=False)
    Submission.objects.create(period=first, party=party[bantul.pk], is_late=True)
    Submission.objects.create(period=second, party=party[bantul.pk], is_late=None)

    assert figures(agreement, sleman)["data_on_time"] == (2, 2, D("100.0"))
    assert figures(agreement, bantul)["data_on_time"] == (0, 1, D("0.0"))
    assert figures(agreement)["data_on_time"] == (2, 3, D("66.7"))


@pytest.mark.django_db
def test_obligations_count_those_fulfilled_of_those_due_in_the_year(cast, world):
    agreement, sleman, bantul = world
    party = {p.organization_id: p for p in Party.objects.filter(agreement=agreement)}

    def obligation(org, due, status):
        Obligation.objects.create(
            party=party[org.pk], kind="duty", description="Lahan", due_date=due, status=status
        )

    obligation(sleman, date(YEAR, 6, 30), "fulfilled")
    obligation(bantul, date(YEAR, 6, 30), "pending")
    obligation(bantul, date(YEAR + 1, 6, 30), "pending")  # another year

    assert figures(agreement, sleman)["obligations_fulfilled"] == (1, 1, D("100.0"))
    assert figures(agreement, bantul)["obligations_fulfilled"] == (0, 1, D("0.0"))


@pytest.mark.django_db
def test_minutes_sign_offs_count_when_given_promptly_and_a_round_still_waiting_is_owed(cast, world):
    agreement, sleman, bantul = world
    meeting = make_meeting(cast, agreement=agreement, starts_at=on(3), status="held")
    minutes = Minutes.objects.create(meeting=meeting)
    version = MinutesVersion.objects.create(
        minutes=minutes, number=1, status="circulated", circulated_at=on(3, 12)
    )
    with time_machine.travel(on(3, 14), tick=False):  # two days after circulation
        SignOff.objects.create(
            version=version, round=1, organization=sleman, answer="approved", signed_by=cast.yanto
        )
    with time_machine.travel(on(3, 30), tick=False):  # twenty days after
        SignOff.objects.create(
            version=version,
            round=1,
            organization=cast.pemkot_yogyakarta,
            answer="approved",
            signed_by=cast.sari,
        )

    assert figures(agreement, sleman)["minutes_signed"] == (1, 1, D("100.0"))
    assert figures(agreement, cast.pemkot_yogyakarta)["minutes_signed"] == (0, 1, D("0.0"))
    assert figures(agreement, bantul)["minutes_signed"] == (0, 1, D("0.0"))  # never answered


@pytest.mark.django_db
def test_knowledge_shared_counts_up_to_the_target_and_a_party_that_never_published_has_no_data(
    cast, world, settings
):
    settings.SCORECARD_KNOWLEDGE_TARGET = 2
    agreement, sleman, bantul = world
    for title in ("Bank sampah", "Komposter", "TPS3R"):
        item = make_item(cast, owner=sleman, by=cast.yanto, status="published", title=title)
        type(item).objects.filter(pk=item.pk).update(published_at=on(4))
    make_item(cast, status="draft")  # Kota Yogyakarta's, not published

    assert figures(agreement, sleman)["knowledge_shared"] == (2, 2, D("100.0"))
    assert figures(agreement, cast.pemkot_yogyakarta)["knowledge_shared"] == (0, 0, None)
    assert figures(agreement, bantul)["knowledge_shared"] == (0, 0, None)


@pytest.mark.django_db
def test_knowledge_adopted_counts_practices_another_organisation_decided_to_take_up(cast, world):
    agreement, sleman, bantul = world
    adopted = make_item(cast, owner=sleman, by=cast.yanto, status="published", title="Bank sampah")
    make_item(cast, owner=sleman, by=cast.yanto, status="published", title="Komposter")
    Adoption.objects.create(
        item=adopted, organization=bantul, status="decided", decision="adopt",
        decided_at=timezone.now() - timedelta(days=1),
    )  # fmt: skip
    for item in type(adopted).objects.filter(owner=sleman):
        type(item).objects.filter(pk=item.pk).update(published_at=on(2))
    Adoption.objects.filter(item=adopted).update(decided_at=on(5))

    assert figures(agreement, sleman)["knowledge_adopted"] == (1, 2, D("50.0"))
    assert figures(agreement, bantul)["knowledge_adopted"] == (0, 0, None)


@pytest.mark.django_db
def test_an_agreement_with_no_records_has_no_collaboration_data_never_zero(cast, world):
    agreement, _sleman, _bantul = world

    result = health.agreement_health(agreement.pk, YEAR)

    assert [f.share for f in result.whole.figures] == [None] * len(health.MEASURES)
    assert result.whole.score is None
    inputs = services.agreement_inputs([agreement.pk], YEAR)[agreement.pk]
    assert services.scores_from_inputs(inputs)["collaboration"] is None


@pytest.mark.django_db
def test_the_collaboration_score_is_the_weighted_mean_of_the_shares_and_stored_by_the_refresh(
    cast, world
):
    agreement, sleman, _bantul = world
    make_meeting(cast, agreement=agreement, starts_at=on(2), host=sleman, status="held")
    make_meeting(cast, agreement=agreement, starts_at=on(3), host=sleman, status="cancelled")
    item = make_item(cast, owner=sleman, by=cast.yanto, status="published", audience="public")
    type(item).objects.filter(pk=item.pk).update(published_at=on(4))

    inputs = services.agreement_inputs([agreement.pk], YEAR, date(YEAR, 12, 31))[agreement.pk]
    # meetings held 1 of 2 = 50 (weight 1), knowledge shared 1 of the target 2 = 50 (weight ½),
    # its practice adopted by nobody yet: 0 of 1 = 0 (weight ½): (50 + 25 + 0) / 2 = 37.5
    assert inputs["collaboration"]["meetings_held"] == 1
    assert inputs["collaboration"]["meetings_held_of"] == 2
    assert services.scores_from_inputs(inputs)["collaboration"] == D("37.5")

    # Scored for a past year only when it existed then.
    type(agreement).objects.filter(pk=agreement.pk).update(start_date=date(YEAR, 1, 1))
    services.scores_refresh(YEAR, today=date(YEAR, 12, 31))

    row = Score.objects.get(agreement=agreement, year=YEAR)
    assert row.collaboration == D("37.5")
    assert row.inputs["collaboration"]["knowledge_shared_of"] == 2


def _queries(ids) -> int:
    with CaptureQueriesContext(connection) as captured:
        health.collaboration_counts(ids, YEAR)
    return len(captured)


@pytest.mark.django_db
def test_health_takes_the_same_number_of_queries_for_one_agreement_and_for_a_batch(cast, world):
    agreement, sleman, bantul = world
    make_meeting(cast, agreement=agreement, starts_at=on(2), host=sleman, status="held")
    one = _queries([agreement.pk])
    others = [make_agreement(cast, state="active", title=f"Kerja sama {n}") for n in range(3)]
    for other in others:
        meeting = make_meeting(cast, agreement=other, starts_at=on(3), host=bantul, status="held")
        Attendance.objects.create(meeting=meeting, organization=bantul, name="W", status="present")
        _action(meeting, bantul, due=date(YEAR, 5, 1), done_on=None)

    assert _queries([agreement.pk, *(other.pk for other in others)]) == one
    assert Meeting.objects.count() == 4


@pytest.mark.django_db
def test_refresh_scores_stores_this_years_scores_with_collaboration_health(cast, world):
    from django.core.management import call_command

    agreement, sleman, _bantul = world
    make_meeting(cast, agreement=agreement, starts_at=timezone.now(), host=sleman, status="held")

    call_command("refresh_scores", "--years", "1", stdout=io.StringIO())

    row = Score.objects.get(agreement=agreement, year=timezone.localdate().year)
    assert row.collaboration is not None
    assert row.inputs["collaboration"]["meetings_held"] == 1


@pytest.mark.django_db
def test_a_forum_meeting_about_the_agreement_counts_for_it_against_the_forums_cadence(cast, world):
    from simpul.meetings.tests.factories import make_forum

    agreement, sleman, bantul = world
    forum = make_forum(cast, cadence="quarterly")
    about = make_meeting(cast, forum=forum, starts_at=on(3), status="held")
    AgendaItem.objects.create(meeting=about, title="TPST Piyungan", agreement=agreement)
    other = make_meeting(cast, forum=forum, starts_at=on(4), status="held")  # not about it
    for meeting in (about, other):
        Attendance.objects.create(meeting=meeting, organization=sleman, name="W", status="present")
    _action(about, bantul, due=date(YEAR, 5, 1), done_on=date(YEAR, 4, 30))

    whole = figures(agreement)
    assert whole["meetings_held"] == (1, 4, D("25.0"))  # a quarterly forum promises four
    assert figures(agreement, sleman)["attendance"] == (1, 1, D("100.0"))
    assert figures(agreement, bantul)["attendance"] == (0, 1, D("0.0"))
    assert figures(agreement, bantul)["actions_on_time"] == (1, 1, D("100.0"))


def _monday() -> date:
    """A Monday of YEAR's June with no national holiday that week (working days are exact)."""
    from simpul.core import workdays

    day = date(YEAR, 6, 1)
    week = lambda: {day + timedelta(days=n) for n in range(5)}  # noqa: E731
    while day.weekday() != 0 or week() & workdays.days_off(day, day + timedelta(days=4)):
        day += timedelta(days=1)
    return day


@pytest.fixture
def asked(cast, world):
    """Sleman answers in two hours, Bantul in two days, Yogyakarta never."""
    from simpul.discussions.models import Question
    from simpul.discussions.tests.factories import first_post, make_thread

    agreement, sleman, bantul = world
    thread = make_thread(cast, agreement=agreement)
    monday = timezone.make_aware(datetime.combine(_monday(), time(9)))
    for org, after in (
        (sleman, timedelta(hours=2)),
        (bantul, timedelta(days=2)),
        (cast.pemkot_yogyakarta, None),
    ):
        Question.objects.create(
            thread=thread,
            post=first_post(thread),
            organization=org,
            asked_at=monday,
            answered_at=monday + after if after else None,
        )
    return agreement


def _detail(agreement, org=None) -> dict:
    result = health.agreement_health(agreement.pk, YEAR)
    whole = [result.whole, *result.parties]
    return next(
        f.detail
        for party in whole
        if party.organization_id == (org.pk if org else None)
        for f in party.figures
        if f.measure.key == "questions_answered"
    )


@pytest.mark.django_db
def test_questions_answered_counts_a_fast_party_and_a_slow_one_with_their_median_response(
    cast, world, asked
):
    _agreement, sleman, bantul = world

    assert figures(asked, sleman)["questions_answered"] == (1, 1, D("100.0"))
    assert _detail(asked, sleman)["median_hours"] == 2.0
    assert _detail(asked, sleman)["median_workdays"] == 0.1  # two hours of a working day
    assert figures(asked, bantul)["questions_answered"] == (1, 1, D("100.0"))
    assert _detail(asked, bantul)["median_hours"] == 48.0
    assert _detail(asked, bantul)["median_workdays"] == 2.0


@pytest.mark.django_db
def test_a_party_that_never_answers_has_none_answered_and_no_response_time(cast, world, asked):
    yogyakarta = cast.pemkot_yogyakarta

    assert figures(asked, yogyakarta)["questions_answered"] == (0, 1, D("0.0"))
    assert _detail(asked, yogyakarta)["median_hours"] is None
    # The whole agreement: every party's questions; the nearest-rank median of two answers
    # is the first.
    assert figures(asked)["questions_answered"] == (2, 3, D("66.7"))
    assert _detail(asked)["median_hours"] == 2.0


@pytest.mark.django_db
def test_a_party_never_asked_has_no_questions_data_never_zero(cast, world):
    agreement, sleman, _bantul = world

    assert figures(agreement, sleman)["questions_answered"] == (0, 0, None)
    assert _detail(agreement, sleman) is None


@pytest.mark.django_db
def test_questions_answered_takes_the_same_number_of_queries_for_one_agreement_and_a_batch(
    cast, world, asked
):
    from simpul.discussions.models import Question
    from simpul.discussions.tests.factories import first_post, make_thread

    one = _queries([asked.pk])
    others = [make_agreement(cast, state="active", title=f"Kerja sama {n}") for n in range(3)]
    for other in others:
        thread = make_thread(cast, agreement=other)
        Question.objects.create(
            thread=thread,
            post=first_post(thread),
            organization=world[1],
            asked_at=on(3),
            answered_at=on(3, hour=15),
        )

    assert _queries([asked.pk, *(other.pk for other in others)]) == one
    assert Question.objects.count() == 6
