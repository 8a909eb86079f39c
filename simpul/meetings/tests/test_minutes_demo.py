"""The demo's minutes (`demo_minutes.py`, run at the end of seed_demo_meetings): held forum
meetings get signed minutes with decisions and actions, some overdue, the third with a round
in which Bantul asked for a change; run twice, nothing is added. Built on a small forum
rather than the whole demo, whose own test runs the command."""

from datetime import timedelta

from django.utils import timezone

from simpul.agreements.tests.factories import government_of
from simpul.meetings.demo_minutes import demo_minutes_seed
from simpul.meetings.models import ActionItem, AgendaItem, Meeting, MinutesVersion, SignOff
from simpul.meetings.tests.factories import make_forum, make_meeting
from simpul.organizations.models import Membership
from simpul.testing.cast import make_member, make_user


def test_the_demo_signs_the_minutes_of_every_held_forum_meeting(cast):
    siti = make_user("siti.rahmawati@bantulkab.go.id", "Siti Rahmawati")
    bantul = government_of(cast.bantul)
    make_member(siti, bantul, Membership.Role.COORDINATOR)
    forum = make_forum(cast, slug="sekber-kartamantul", delegates={bantul.pk: siti})
    now = timezone.now()
    for months_ago in (6, 4, 1):
        meeting = make_meeting(
            cast, forum=forum, starts_at=now - timedelta(days=30 * months_ago), status="held"
        )
        for title in ("Laporan sekretariat", "Kondisi TPST Piyungan"):
            AgendaItem.objects.create(meeting=meeting, title=title)
    make_meeting(cast, forum=forum)  # still to come: no minutes

    assert demo_minutes_seed("sekber-kartamantul", cast.lina.email, now) == 3
    versions = MinutesVersion.objects.all()
    assert set(versions.values_list("status", flat=True)) == {"final"}
    assert all(len(v.sha256) == 64 for v in versions)
    [asked] = SignOff.objects.filter(answer="change_requested")
    assert (asked.signed_by, asked.version.round) == (siti, 2)
    overdue = ActionItem.objects.filter(status="open", due_date__lt=timezone.localdate())
    assert overdue.exists() and ActionItem.objects.filter(status="done").exists()
    assert not Meeting.objects.filter(status="scheduled", minutes__isnull=False).exists()
    assert demo_minutes_seed("sekber-kartamantul", cast.lina.email, now) == 0
