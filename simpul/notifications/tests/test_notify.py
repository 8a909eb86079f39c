import pytest
from django.core import mail
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from simpul.core import outbox
from simpul.core.models import OutboxMessage
from simpul.notifications import registry
from simpul.notifications.models import Notification
from simpul.notifications.services import notify, preference_set
from simpul.testing.cast import make_member, make_user


def _notify(cast, kind, recipients, key="effect:1", **extra):
    return notify(
        kind=kind,
        recipients=recipients,
        key=key,
        title=extra.pop("title", "Something happened"),
        url="/kerja-sama/",
        **extra,
    )


def test_each_person_is_notified_once_without_the_actor(cast, sample_kind):
    count = _notify(cast, sample_kind, [cast.sari, cast.wati, cast.sari], actor=cast.wati)
    assert count == 1
    assert list(Notification.objects.values_list("recipient__email", flat=True)) == [
        cast.sari.email
    ]


def test_notifying_the_same_effect_again_creates_and_mails_nothing(cast, sample_kind):
    assert _notify(cast, sample_kind, [cast.sari, cast.yanto]) == 2
    assert _notify(cast, sample_kind, [cast.sari, cast.yanto]) == 0
    assert Notification.objects.count() == 2
    assert OutboxMessage.objects.filter(key__endswith=":tests.sample").count() == 1  # yanto's


def test_an_unknown_kind_is_a_programming_error(cast):
    with pytest.raises(LookupError):
        _notify(cast, "no.such.kind", [cast.sari])


def test_an_inactive_account_is_not_notified(cast, sample_kind):
    cast.tono.is_active = False
    cast.tono.save()
    assert _notify(cast, sample_kind, [cast.tono]) == 0


def test_a_person_who_turned_the_kind_off_gets_neither_row_nor_mail(cast, sample_kind):
    preference_set(user=cast.yanto, kind=sample_kind, channel="off")
    assert _notify(cast, sample_kind, [cast.yanto]) == 0
    assert not Notification.objects.exists()
    assert not OutboxMessage.objects.filter(key__endswith=":tests.sample").exists()


def test_a_coordinator_gets_the_mail_at_once_with_a_one_click_unsubscribe(cast, sample_kind):
    _notify(cast, sample_kind, [cast.yanto], body="Details")
    row = OutboxMessage.objects.get(key__endswith=":tests.sample")
    assert row.recipient == cast.yanto.email
    assert row.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert row.headers["List-Unsubscribe"].startswith("<http")
    assert "/notifikasi/berhenti/" in row.headers["List-Unsubscribe"]
    assert "/notifikasi/berhenti/" in row.text
    outbox.deliver_due()
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_person_with_several_roles_gets_the_most_talkative_default(cast, sample_kind):
    make_member(cast.vina, cast.pemkab_sleman, "coordinator")  # viewer elsewhere: digest
    _notify(cast, sample_kind, [cast.vina])
    assert Notification.objects.get().channel == "now"


def test_a_viewer_gets_the_daily_digest_and_others_the_kinds_default(cast, sample_kind):
    _notify(cast, sample_kind, [cast.vina, cast.wati])
    channels = dict(Notification.objects.values_list("recipient__email", "channel"))
    assert channels == {cast.vina.email: "digest", cast.wati.email: "app"}


def test_each_person_reads_the_title_in_their_own_language(cast, sample_kind):
    cast.sari.preferred_language = "id"
    cast.sari.save()
    cast.wati.preferred_language = "en"
    cast.wati.save()
    title = format_lazy("{}: {}", _("Meetings"), "Rapat Kartamantul")
    _notify(cast, sample_kind, [cast.sari, cast.wati], title=title)
    titles = dict(Notification.objects.values_list("recipient__email", "title"))
    assert titles[cast.wati.email] == "Meetings: Rapat Kartamantul"
    assert titles[cast.sari.email] == "Rapat: Rapat Kartamantul"


def test_notifying_twelve_people_costs_the_queries_of_notifying_two(
    cast, sample_kind, django_assert_max_num_queries
):
    few = [cast.yanto, cast.vina]
    many = [make_user(f"orang{i}@slemankab.go.id", f"Orang {i}") for i in range(12)]
    for person in many[:6]:
        make_member(person, cast.pemkab_sleman, "coordinator")  # e-mail at once
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        _notify(cast, sample_kind, few, key="effect:few")
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert _notify(cast, sample_kind, many, key="effect:many") == 12
    assert OutboxMessage.objects.filter(key__contains="effect:many").count() == 6


def test_registering_a_kind_with_an_unknown_channel_is_refused():
    with pytest.raises(ValueError):
        registry.register_kind("tests.bad", label="x", description="y", default="sms")


def test_a_key_longer_than_the_column_is_a_programming_error(cast, sample_kind):
    with pytest.raises(ValueError):
        _notify(cast, sample_kind, [cast.sari], key="x" * 201)
