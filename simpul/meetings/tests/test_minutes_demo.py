"""The demo's minutes: Kartamantul's held meetings have signed minutes with decisions and
actions, some overdue, one round with a requested change; run twice, nothing is added."""

from django.core.management import call_command
from django.utils import timezone

from simpul.agreements.tests.factories import government_of
from simpul.meetings.models import ActionItem, MinutesVersion, SignOff
from simpul.organizations.models import Membership
from simpul.testing.cast import make_member, make_user


def test_the_demo_signs_the_minutes_of_every_held_kartamantul_meeting(cast, capsys):
    # Bantul's delegate in the demo (the cast has nobody at Bantul to sign for it).
    siti = make_user("siti.rahmawati@bantulkab.go.id", "Siti Rahmawati")
    make_member(siti, government_of(cast.bantul), Membership.Role.COORDINATOR)
    call_command("seed_demo_meetings")
    assert "Demo minutes ready: 12 new minutes." in capsys.readouterr().out
    versions = MinutesVersion.objects.all()
    assert versions.count() == 12
    assert set(versions.values_list("status", flat=True)) == {"final"}
    assert all(len(v.sha256) == 64 for v in versions)
    [asked] = SignOff.objects.filter(answer="change_requested")
    assert asked.signed_by == siti and asked.version.round == 2
    today = timezone.localdate()
    overdue = ActionItem.objects.filter(status="open", due_date__lt=today)
    assert overdue.exists() and ActionItem.objects.filter(status="done").exists()
    assert all(d.agenda_item.meeting.forum.slug == "sekber-kartamantul" for d in overdue)

    call_command("seed_demo_meetings")
    assert "Demo minutes ready: 0 new minutes." in capsys.readouterr().out
