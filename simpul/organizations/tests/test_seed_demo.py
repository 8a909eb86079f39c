from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from simpul.accounts.models import User
from simpul.audit.models import AuditEvent
from simpul.organizations.management.commands.seed_demo import DEMO_PASSWORD, PEOPLE
from simpul.organizations.models import Invitation, Membership, Organization


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    return (
        Organization.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        Invitation.objects.count(),
        Organization.objects.get(name="Sekretariat Bersama Kartamantul").member_regions.count(),
    )


@pytest.mark.django_db
def test_it_builds_the_demo_world_and_prints_the_logins():
    output = seed()

    assert (
        Organization.objects.get(kind=Organization.Kind.CENTRAL_GOVERNMENT).acronym == "Kemendagri"
    )
    sekber = Organization.objects.get(name="Sekretariat Bersama Kartamantul")
    assert sorted(sekber.member_regions.values_list("code", flat=True)) == [
        "34.02",
        "34.04",
        "34.71",
    ]
    for code in ("34.71", "34.04", "34.02"):
        agencies = Organization.objects.filter(
            kind=Organization.Kind.REGIONAL_AGENCY, region__code=code
        )
        assert sorted(agencies.values_list("acronym", flat=True)) == ["Bappeda", "DLH", "Dinkes"]
        assert all(a.parent.region.code == code for a in agencies)
    assert Organization.objects.filter(kind=Organization.Kind.DPRD, region__code="34.71").exists()
    for kind in ("ngo", "university", "business"):
        assert Organization.objects.filter(kind=kind).exists()

    for person in PEOPLE:
        user = User.objects.get(email=person.email)
        assert user.check_password(DEMO_PASSWORD)
        assert person.email in output
    assert User.objects.get(email="admin@simpul.go.id").is_superuser
    assert set(Membership.objects.values_list("role", flat=True)) == set(Membership.Role.values)
    assert Invitation.objects.filter(status=Invitation.Status.PENDING).count() == 2
    assert DEMO_PASSWORD in output


@pytest.mark.django_db
def test_it_oversees_from_the_province_and_from_the_centre():
    seed()

    province = User.objects.get(email="bambang.suryanto@jogjaprov.go.id").memberships.get()
    central = User.objects.get(email="indah.permatasari@kemendagri.go.id").memberships.get()
    assert province.organization.is_province_government
    assert central.organization.is_central_government


@pytest.mark.django_db
def test_it_creates_no_duplicates_when_run_twice():
    seed()
    first = counts()

    seed()

    assert counts() == first


def test_it_adds_the_demo_world_to_the_cast_without_clashing(cast):
    seed()
    first = counts()

    seed()

    assert counts() == first
    assert Organization.objects.filter(name="Kementerian Dalam Negeri").count() == 1
    assert Organization.objects.filter(name="Yayasan Lingkungan Lestari").count() == 1


@pytest.mark.django_db
def test_it_sends_each_invitation_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        seed()
    with django_capture_on_commit_callbacks(execute=True):
        seed()

    assert sorted(m.to[0] for m in mail.outbox) == [
        "dimas.saputra@jogjakota.go.id",
        "lestari.wijayanti@ugm.ac.id",
    ]


@pytest.mark.django_db
def test_it_renews_invitations_that_expired_since_the_last_run():
    seed()

    with time_machine.travel(timezone.now() + timedelta(days=30)):
        seed()
        pending = Invitation.objects.filter(status=Invitation.Status.PENDING)
        assert pending.count() == 2
        assert not any(invitation.is_expired for invitation in pending)


@pytest.mark.django_db
def test_it_records_its_writes_as_the_seed_command():
    seed()

    labels = set(AuditEvent.objects.values_list("actor_label", flat=True))
    assert "system:seed_demo" in labels


@pytest.mark.usefixtures("without_cast")
def test_it_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        seed()

    assert not User.objects.exists()


def test_the_readme_lists_every_demo_login_and_the_password(settings):
    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")

    assert DEMO_PASSWORD in readme
    for person in PEOPLE:
        assert f"`{person.email}`" in readme
