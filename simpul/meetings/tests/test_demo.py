"""The demo: a year of held monthly meetings of Sekber Kartamantul's forum with attendance,
the next meetings invited with answers in every state and an external expert; run twice, it
adds nothing."""

from django.core.management import call_command

from simpul.meetings.demo import demo_meetings_seed
from simpul.meetings.models import Forum, Invitation, Meeting


def test_the_demo_holds_a_year_of_meetings_and_invites_the_next_ones_with_an_expert(cast, capsys):
    call_command("seed_demo_meetings")
    assert "Demo meetings ready: 15 new meetings" in capsys.readouterr().out
    forum = Forum.objects.get(slug="sekber-kartamantul")
    meetings = Meeting.objects.filter(forum=forum, series__isnull=False)
    assert meetings.count() == 15
    held = meetings.filter(status="held")
    assert held.count() == 12
    assert all(m.attendance.count() == 3 for m in held)
    assert {"absent", "represented", "present"} <= set(
        held.values_list("attendance__status", flat=True)
    )
    upcoming = meetings.filter(status="scheduled").order_by("starts_at").first()
    assert set(upcoming.invitations.values_list("rsvp", flat=True)) == {
        "accepted", "delegated", "pending",
    }  # fmt: skip
    assert upcoming.invitations.filter(kind="external", affiliation="Universitas Gadjah Mada")
    assert upcoming.agenda_items.count() == 3

    invitations, total = Invitation.objects.count(), Meeting.objects.count()
    again = demo_meetings_seed()
    assert again.meetings == 0 and again.skipped
    assert Meeting.objects.count() == total and Invitation.objects.count() == invitations


def test_twelve_demo_meetings_are_past_whatever_the_day_of_the_month(cast):
    from datetime import datetime

    import time_machine

    from simpul.core.zones import zone_info

    late_in_month = datetime(2026, 12, 28, 12, tzinfo=zone_info("Asia/Jakarta"))
    with time_machine.travel(late_in_month, tick=False):
        demo_meetings_seed()
    starts = list(Meeting.objects.order_by("starts_at").values_list("starts_at", flat=True))
    assert sum(1 for start in starts if start < late_in_month) == 12
