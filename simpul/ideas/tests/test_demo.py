"""The demo (seed_demo_ideas) on a small world: the demo's people are made members of the
cast's organisations, and the Kartamantul waste agreement is made with the cheap factory under
its demo title; run twice, it adds nothing."""

import pytest
from django.core.management import call_command

from simpul.accounts.models import User
from simpul.ideas import demo
from simpul.ideas.models import Idea
from simpul.organizations.models import Membership, Organization
from simpul.plans.tests.factories import fill_plan, new_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people(cast):
    bantul = Organization.objects.governments().get(region=cast.bantul)
    for email, organization, role in (
        (demo.RATNA, cast.pemkot_yogyakarta, "admin"),
        (demo.AGUS, cast.pemkab_sleman, "coordinator"),
        (demo.SITI, bantul, "editor"),
        (demo.YUSUF, cast.dlh_yogyakarta, "data_officer"),
        (demo.TEGUH, cast.ngo, "admin"),
        (demo.WAHYU, cast.sekber_kartamantul, "editor"),
    ):
        user = User.objects.create_user(email=email, password="x", full_name=email.split("@")[0])
        Membership.objects.create(user=user, organization=organization, role=role)


def test_the_demo_has_ten_ideas_in_every_state_and_two_citizens_ideas(cast, demo_people, capsys):
    fill_plan(new_plan(cast, title=demo.KARTAMANTUL_WASTE), cast.sari)
    call_command("seed_demo_ideas")
    assert "Demo ideas ready: 12 new ideas." in capsys.readouterr().out

    members = Idea.objects.filter(origin="member")
    assert members.count() == 10
    assert set(members.values_list("status", flat=True)) == {
        "new", "under_review", "accepted", "declined",
    }  # fmt: skip
    drafted = members.get(outcome="agreement")
    assert drafted.agreement.state == "draft"
    assert drafted.agreement.parties.count() == 2
    assert members.get(outcome="activity").activity.plan.agreement.title == demo.KARTAMANTUL_WASTE
    assert all(members.filter(status="declined").values_list("decline_reason", flat=True))
    assert members.filter(support_count__gte=2).count() >= 4
    assert members.filter(comments__isnull=False).distinct().count() >= 4
    citizens = Idea.objects.filter(origin="citizen")
    assert sorted(citizens.values_list("moderation", flat=True)) == ["pending", "published"]

    again = demo.demo_ideas_seed()
    assert again.ideas == 0 and Idea.objects.count() == 12
