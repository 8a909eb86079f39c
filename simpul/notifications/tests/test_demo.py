from io import StringIO

from django.core.management import call_command

from simpul.core.models import OutboxMessage
from simpul.notifications.demo import BAMBANG
from simpul.notifications.digest import send_due_digests
from simpul.notifications.models import Notification, Preference
from simpul.testing.cast import make_member, make_user


def test_the_demo_welcomes_members_once_and_its_digest_reader_gets_one_digest(cast):
    bambang = make_user(BAMBANG, "Bambang Suryanto")
    make_member(bambang, cast.pemda_diy, "coordinator")
    call_command("seed_demo_notifications", stdout=StringIO())
    call_command("seed_demo_notifications", stdout=StringIO())
    welcomed = Notification.objects.filter(kind="notifications.welcome")
    assert welcomed.filter(recipient=cast.sari, read_at__isnull=True).count() == 1
    assert not welcomed.filter(recipient=cast.rina).exists()  # no membership: no demo person
    assert set(Preference.objects.filter(user=bambang).values_list("channel", flat=True)) == {
        "digest"
    }
    assert send_due_digests() == 1
    assert OutboxMessage.objects.get(key__startswith="notify-digest:").recipient == BAMBANG
