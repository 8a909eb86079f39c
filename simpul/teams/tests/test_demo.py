"""The demo (seed_demo_teams) on a small world: the demo's people are made members of the
cast's organisations and the two Kartamantul agreements are made with the cheap factory under
their demo titles; it builds three TKKSDs and two working teams with the gaps the demo shows,
and run twice it adds nothing."""

import pytest
from django.core.management import call_command

from simpul.accounts.models import User
from simpul.agreements.tests.factories import make_agreement
from simpul.organizations.models import Membership, Organization
from simpul.teams import demo
from simpul.teams.models import Team, Training
from simpul.teams.selectors import team_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(cast):
    bantul = Organization.objects.governments().get(region=cast.bantul)
    for email, organization, role in (
        (demo.RATNA, cast.pemkot_yogyakarta, "admin"),
        (demo.YUSUF, cast.dlh_yogyakarta, "data_officer"),
        (demo.AGUS, cast.pemkab_sleman, "coordinator"),
        (demo.FITRI, cast.pemkab_sleman, "viewer"),
        (demo.SITI, bantul, "editor"),
        (demo.BAMBANG, cast.pemda_diy, "coordinator"),
    ):
        name = email.split("@")[0].replace(".", " ").title()
        user = User.objects.create_user(email=email, password="x", full_name=name)
        Membership.objects.create(user=user, organization=organization, role=role)
    make_agreement(cast, title=demo.KARTAMANTUL_WASTE, state="active")
    make_agreement(
        cast,
        title=demo.KARTAMANTUL_SPAM,
        parties=[cast.pemda_diy, cast.pemkot_yogyakarta, cast.pemkab_sleman],
        owner=cast.pemda_diy,
    )


def test_the_demo_has_three_tkksds_and_two_working_teams_with_their_gaps(demo_world, capsys):
    call_command("seed_demo_teams")
    assert "Demo teams ready: 5 new teams." in capsys.readouterr().out
    assert Team.objects.filter(kind="tkksd").count() == 3
    assert Team.objects.filter(kind="working", agreement__isnull=False).count() == 2
    jogja = team_page(Team.objects.get(name="TKKSD Kota Yogyakarta"))
    assert [c.code for c in jogja.missing] == ["finance"]
    bantul = team_page(Team.objects.get(name="TKKSD Kabupaten Bantul"))
    assert bantul.expiring and bantul.expiring[0][2] <= 60
    assert Training.objects.exclude(certificate="").count() >= 4
    assert demo.demo_teams_seed().teams == 0 and Team.objects.count() == 5
