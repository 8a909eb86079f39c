"""Term reminders: 90 and 30 days before and on the day, to the chair and the organisation's
admins, as notifications e-mailed through the outbox, once each however often the daily job runs."""

import pytest

from simpul.core import schedule
from simpul.core.models import OutboxMessage
from simpul.teams.models import TeamMember
from simpul.teams.reminders import teams_send_term_reminders

from .factories import add_member, make_team, on

pytestmark = pytest.mark.django_db


def test_a_team_30_days_from_its_end_reminds_the_chair_and_the_admin_once(cast):
    team = make_team(cast, term_end=on(30))
    add_member(team, cast.wati, role=TeamMember.Role.CHAIR)
    teams_send_term_reminders(on(0))
    teams_send_term_reminders(on(0))  # the job ran twice: nothing new
    rows = OutboxMessage.objects.filter(key__startswith=f"team-term:{team.pk}:")
    assert sorted(rows.values_list("recipient", flat=True)) == sorted(
        [cast.sari.email, cast.wati.email]
    )
    assert all(":30:" in key for key in rows.values_list("key", flat=True))


def test_no_reminder_is_due_far_from_the_end(cast):
    make_team(cast, term_end=on(200))
    teams_send_term_reminders(on(0))
    assert not OutboxMessage.objects.filter(key__startswith="team-term:").exists()


def test_a_members_own_term_ending_today_is_reminded(cast):
    team = make_team(cast)
    member = add_member(team, cast.tono, term_start=on(-100), term_end=on(0))
    teams_send_term_reminders(on(0))
    keys = list(OutboxMessage.objects.values_list("key", flat=True))
    assert keys and all(key.startswith(f"member-term:{member.pk}:") for key in keys)
    assert all(f":{on(0).isoformat()}:0:" in key for key in keys)


def test_the_reminders_run_daily_in_each_zone():
    entry = schedule.registered()["simpul.teams.tasks.daily_team_reminders"]
    assert entry.per_zone and entry.at is not None


def test_each_zone_reminds_only_the_teams_of_its_organisations(cast):
    from simpul.core import zones

    make_team(cast, term_end=on(90))
    assert teams_send_term_reminders(on(0), zone=zones.WITA) == 0
    assert teams_send_term_reminders(on(0), zone=zones.WIB) == 1  # sari, the admin


def test_a_reminder_is_a_notification_with_a_one_click_unsubscribe_and_off_means_no_mail(cast):
    from simpul.notifications.models import Notification
    from simpul.notifications.services import preference_set

    team = make_team(cast, term_end=on(30))
    add_member(team, cast.wati, role=TeamMember.Role.CHAIR)
    preference_set(user=cast.wati, kind="teams.term", channel="off")

    teams_send_term_reminders(on(0))

    row = Notification.objects.get(kind="teams.term")
    assert row.recipient == cast.sari
    assert row.url == team.get_absolute_url()
    assert team.name in row.title and "30" in row.title
    mail = OutboxMessage.objects.get()
    assert mail.recipient == cast.sari.email
    assert "List-Unsubscribe" in mail.headers
