"""The demo (seed_demo_stakeholders) on a small world: Ratna and Agus are made members of the
cast's parties and the Kartamantul agreement is made with the factory under its demo title;
run twice, it adds nothing."""

import pytest
from django.core.management import call_command

from simpul.accounts.models import User
from simpul.agreements.tests.factories import make_agreement
from simpul.organizations.models import Membership, Organization
from simpul.stakeholders import demo
from simpul.stakeholders.models import Contribution, Stakeholder

pytestmark = pytest.mark.django_db


def test_the_demo_spreads_stakeholders_over_the_grid_with_verified_contributions(cast, capsys):
    for email, organization, role in (
        (demo.RATNA, cast.pemkot_yogyakarta, "admin"),
        (demo.AGUS, cast.pemkab_sleman, "coordinator"),
    ):
        user = User.objects.create_user(email=email, password="x", full_name=email.split("@")[0])
        Membership.objects.create(user=user, organization=organization, role=role)
    Organization.objects.create(name="Universitas Gadjah Mada", kind="university")
    agreement = make_agreement(cast, title=demo.KARTAMANTUL_WASTE, state="active")
    call_command("seed_demo_stakeholders")
    assert "5 new stakeholders, 4 contributions" in capsys.readouterr().out
    stakeholders = Stakeholder.objects.filter(agreement=agreement)
    assert {s.quadrant for s in stakeholders} == {
        "manage_closely", "keep_satisfied", "keep_informed", "monitor",
    }  # fmt: skip
    assert stakeholders.get(name="Universitas Gadjah Mada").organization is not None
    verified = Contribution.objects.filter(status="verified")
    assert sorted(c.stakeholder.name for c in verified) == [
        "PT Sinar Mataram Logistik",
        "Universitas Gadjah Mada",
    ]
    call_command("seed_demo_stakeholders")
    assert "0 new stakeholders" in capsys.readouterr().out
    assert Contribution.objects.count() == 4
