"""Citizens' ideas whose e-mail was never confirmed are deleted after the same period as
unconfirmed complaints, by a daily task on the worker's schedule (simpul.core.schedule)."""

from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine

from simpul.complaints.services import UNCONFIRMED_TTL
from simpul.core import schedule
from simpul.ideas.models import Idea
from simpul.ideas.tasks import daily_ideas_housekeeping

from .factories import make_citizen_idea

pytestmark = pytest.mark.django_db

SUBMITTED = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)


def test_an_unconfirmed_idea_is_deleted_once_the_confirmation_period_is_over(cast):
    with time_machine.travel(SUBMITTED, tick=False):
        stale = make_citizen_idea(cast, moderation="unconfirmed", title="Tidak dikonfirmasi")
        waiting = make_citizen_idea(cast, moderation="pending", title="Menunggu moderasi")
    with time_machine.travel(SUBMITTED + timedelta(days=6), tick=False):
        recent = make_citizen_idea(cast, moderation="unconfirmed", title="Baru dikirim")

    with time_machine.travel(SUBMITTED + UNCONFIRMED_TTL - timedelta(minutes=1), tick=False):
        assert daily_ideas_housekeeping.call() == 0  # one minute early: still kept
    with time_machine.travel(SUBMITTED + UNCONFIRMED_TTL + timedelta(minutes=1), tick=False):
        assert daily_ideas_housekeeping.call() == 1
        assert daily_ideas_housekeeping.call() == 0  # a second run finds nothing more

    remaining = set(Idea.objects.values_list("pk", flat=True))
    assert stale.pk not in remaining and {waiting.pk, recent.pk} <= remaining


def test_a_members_idea_is_never_purged_however_old(cast):
    from .factories import make_idea

    with time_machine.travel(SUBMITTED, tick=False):
        idea = make_idea(cast)
    with time_machine.travel(SUBMITTED + timedelta(days=400), tick=False):
        assert daily_ideas_housekeeping.call() == 0
    assert Idea.objects.filter(pk=idea.pk).exists()


def test_the_purge_runs_every_night_from_the_workers_schedule():
    entry = schedule.registered()["simpul.ideas.tasks.daily_ideas_housekeeping"]

    assert (entry.at, entry.zone, entry.per_zone) == (time(0, 20), "Asia/Jakarta", False)
