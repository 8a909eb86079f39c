from datetime import UTC, datetime

import pytest

from simpul.core.models import OutboxMessage
from simpul.notifications.digest import send_due_digests
from simpul.notifications.models import DigestSchedule, Notification
from simpul.notifications.services import digest_hour_set, notify, preference_set
from simpul.organizations.models import Organization
from simpul.testing.cast import make_member, make_user

# 00:30 UTC is 07:30 WIB and 09:30 WIT on 8 December 2026.
MORNING = datetime(2026, 12, 8, 0, 30, tzinfo=UTC)


def _digests():
    return OutboxMessage.objects.filter(key__startswith="notify-digest:")


def _waiting(cast, kind, person, key, group_label="Kartamantul: sampah"):
    notify(
        kind=kind,
        recipients=[person],
        key=key,
        title=f"Update {key}",
        url="/kerja-sama/1/",
        group="agreement:1",
        group_label=group_label,
    )


@pytest.fixture
def digest_people(cast, sample_kind):
    """vina (viewer, WIB: the kind's default for viewers is the digest) and a WIT viewer in
    Sorong, both with the digest at 08.00 in their own zone."""
    sorong = Organization.objects.governments().get(region__code="96.01")
    papua = make_user("ani@sorongkab.go.id", "Ani Kambu")
    make_member(papua, sorong, "viewer")
    for person in (cast.vina, papua):
        digest_hour_set(user=person, hour=8)
    return cast.vina, papua


def test_a_digest_goes_out_once_the_persons_hour_has_come_in_their_zone(
    cast, sample_kind, digest_people
):
    vina, papua = digest_people
    _waiting(cast, sample_kind, vina, "a")
    _waiting(cast, sample_kind, papua, "b")
    assert send_due_digests(MORNING) == 1  # 09.30 WIT: Ani's hour; 07.30 WIB: not yet Vina's
    assert list(_digests().values_list("recipient", flat=True)) == [papua.email]
    assert send_due_digests(datetime(2026, 12, 8, 1, 5, tzinfo=UTC)) == 1  # 08.05 WIB
    assert _digests().filter(recipient=vina.email).count() == 1


def test_one_digest_groups_the_unread_by_agreement_and_skips_what_was_read(
    cast, sample_kind, digest_people
):
    vina, _papua = digest_people
    _waiting(cast, sample_kind, vina, "first", group_label="Kartamantul: sampah")
    _waiting(cast, sample_kind, vina, "second", group_label="SPAM Regional")
    _waiting(cast, sample_kind, vina, "seen", group_label="SPAM Regional")
    Notification.objects.filter(key="seen").update(read_at=MORNING)
    send_due_digests(datetime(2026, 12, 8, 2, 0, tzinfo=UTC))
    mail = _digests().get(recipient=vina.email)
    assert "== Kartamantul: sampah ==" in mail.text
    assert "== SPAM Regional ==" in mail.text
    assert "Update first" in mail.text and "Update second" in mail.text
    assert "Update seen" not in mail.text
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_digest_never_repeats_what_an_earlier_one_carried(cast, sample_kind, digest_people):
    vina, _papua = digest_people
    _waiting(cast, sample_kind, vina, "monday")
    send_due_digests(datetime(2026, 12, 8, 2, 0, tzinfo=UTC))
    _waiting(cast, sample_kind, vina, "later-that-day")
    assert send_due_digests(datetime(2026, 12, 8, 9, 0, tzinfo=UTC)) == 0  # the day is done
    send_due_digests(datetime(2026, 12, 9, 2, 0, tzinfo=UTC))
    tuesday = _digests().get(recipient=vina.email, key__endswith="2026-12-09")
    assert "Update later-that-day" in tuesday.text
    assert "Update monday" not in tuesday.text


def test_nothing_unread_sends_no_digest(cast, sample_kind, digest_people):
    vina, _papua = digest_people
    _waiting(cast, sample_kind, vina, "read")
    Notification.objects.update(read_at=MORNING)
    assert send_due_digests(datetime(2026, 12, 8, 2, 0, tzinfo=UTC)) == 0
    assert not _digests().exists()


def test_a_kind_turned_off_after_it_waited_stays_out_of_the_digest(
    cast, sample_kind, digest_people
):
    vina, _papua = digest_people
    _waiting(cast, sample_kind, vina, "quiet")
    preference_set(user=vina, kind=sample_kind, channel="off")
    assert send_due_digests(datetime(2026, 12, 8, 2, 0, tzinfo=UTC)) == 0


def test_a_person_without_a_chosen_hour_gets_it_at_seven_in_their_zone(cast, sample_kind):
    _waiting(cast, sample_kind, cast.vina, "x")
    assert send_due_digests(datetime(2026, 12, 7, 23, 59, tzinfo=UTC)) == 0  # 06.59 WIB
    assert send_due_digests(datetime(2026, 12, 8, 0, 0, tzinfo=UTC)) == 1  # 07.00 WIB
    assert DigestSchedule.objects.get(user=cast.vina).last_sent_on.isoformat() == "2026-12-08"
