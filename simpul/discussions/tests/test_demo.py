"""The demo (seed_demo_discussions) on a small world: the demo's people are made members of
the cast's organisations, and the two agreements are made with the cheap factory under their
demo titles; questions are answered fast and slowly, and run twice it adds nothing."""

import pytest
from django.core.management import call_command

from simpul.accounts.models import User
from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.discussions import demo
from simpul.discussions.models import Post, Question, Thread
from simpul.discussions.selectors import response_times
from simpul.organizations.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(cast):
    bantul = government_of(cast.bantul)
    for email, name, organization, role in (
        (demo.RATNA, "Ratna Kusumawati", cast.pemkot_yogyakarta, "admin"),
        (demo.AGUS, "Agus Widodo", cast.pemkab_sleman, "coordinator"),
        (demo.SITI, "Siti Rahmawati", bantul, "editor"),
        (demo.BAMBANG, "Bambang Suryanto", cast.pemda_diy, "coordinator"),
    ):
        user = User.objects.create_user(email=email, password="x", full_name=name)
        Membership.objects.create(user=user, organization=organization, role=role)
    make_agreement(cast, title=demo.WASTE, state="active", owner=cast.pemkot_yogyakarta)
    make_agreement(
        cast,
        title=demo.SPAM,
        state="pks_drafting",
        owner=cast.pemda_diy,
        parties=[cast.pemda_diy, cast.pemkot_yogyakarta, cast.pemkab_sleman],
    )


def test_the_demo_answers_questions_fast_and_slowly_and_runs_once(cast, demo_world, capsys):
    call_command("seed_demo_discussions")
    assert "Demo discussions ready: 5 new threads." in capsys.readouterr().out
    sleman = response_times(organization=cast.pemkab_sleman)
    bantul = response_times(organization=government_of(cast.bantul))
    assert sleman["median_hours"] == 3.0 and sleman["asked"] == 2 and sleman["answered"] == 1
    assert bantul["median_hours"] == 96.0
    assert Post.objects.filter(kind="announcement", is_pinned=True).count() == 1
    assert Post.objects.filter(kind="progress_update").count() == 1
    assert Post.objects.filter(mentioned_users__email=demo.SITI).exists()
    call_command("seed_demo_discussions")
    assert "0 new threads" in capsys.readouterr().out
    assert Thread.objects.count() == 5 and Question.objects.count() == 4
