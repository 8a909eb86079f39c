"""The outbox: one row per recipient and key, committed with the change, delivered once by a
claim, retried with backoff, given up with the server's answer, recovered from a dead worker."""

import smtplib
from datetime import time, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from simpul.core import outbox, schedule
from simpul.core.models import OutboxMessage, WorkerHeartbeat

S = OutboxMessage.Status
pytestmark = pytest.mark.django_db


class BusyServerBackend(BaseEmailBackend):
    """A server that answers every message with a temporary failure (4xx)."""

    def send_messages(self, messages):
        raise smtplib.SMTPDataError(451, b"4.3.0 Try again later")


class UnknownUserBackend(BaseEmailBackend):
    """A server that refuses the recipient for good (5xx)."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused(
            {m.to[0]: (550, b"5.1.1 No such user") for m in messages}
        )


def enqueue(to, key="test:1", **extra):
    return outbox.enqueue(key=key, to=to, subject="Pengingat", text="Isi pesan", **extra)


def test_enqueueing_the_same_key_for_the_same_person_twice_keeps_one_message(cast):
    [first] = enqueue(cast.sari.email)
    [again] = enqueue(cast.sari.email)
    [other] = enqueue(cast.sari.email, key="test:2")

    assert again.pk == first.pk != other.pk
    assert OutboxMessage.objects.count() == 2
    outbox.deliver_due()
    assert [m.to for m in mail.outbox] == [[cast.sari.email], [cast.sari.email]]


def test_each_recipient_gets_a_row_of_their_own(cast):
    rows = enqueue([cast.sari.email, cast.dewi.email, cast.sari.email])

    assert [row.recipient for row in rows] == [cast.sari.email, cast.dewi.email]
    outbox.deliver_due()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.sari.email, cast.dewi.email])


def test_a_message_enqueued_in_a_rolled_back_change_is_never_sent(cast):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(cast.sari.email)
        raise RuntimeError("the business change failed")

    assert outbox.deliver_due()["sent"] == 0
    assert mail.outbox == []


def test_a_sent_message_carries_its_own_message_id_keeps_no_body_and_is_not_sent_again(cast):
    [row] = enqueue(cast.sari.email, html="<p>Isi pesan</p>", language="id")

    assert outbox.deliver_due()["sent"] == 1
    assert outbox.deliver_due()["sent"] == 0

    [message] = mail.outbox
    assert message.extra_headers["Message-ID"] == row.message_id
    assert row.message_id == outbox.message_id_for("test:1", cast.sari.email)
    assert message.body == "Isi pesan" and message.alternatives[0][1] == "text/html"
    row.refresh_from_db()
    assert (row.status, row.attempts, row.text, row.html) == (S.SENT, 1, "", "")
    assert row.sent_at is not None


def test_an_attachment_travels_with_the_mail_and_is_dropped_once_sent(cast):
    ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    [row] = enqueue(
        cast.sari.email,
        attachments=[{"filename": "rapat.ics", "mimetype": "text/calendar", "content": ics}],
    )

    outbox.deliver_due()
    [message] = mail.outbox
    assert message.attachments == [("rapat.ics", ics, "text/calendar")]
    row.refresh_from_db()
    assert row.attachments == []


def test_a_busy_server_is_tried_again_later_with_growing_pauses_then_given_up(cast, settings):
    settings.EMAIL_BACKEND = "simpul.core.tests.test_outbox.BusyServerBackend"
    settings.SIMPUL_OUTBOX_RETRY_SECONDS = 60
    settings.SIMPUL_OUTBOX_MAX_ATTEMPTS = 3
    [row] = enqueue(cast.sari.email)
    start = timezone.now()

    assert outbox.deliver_due(start)["retry"] == 1
    row.refresh_from_db()
    assert (row.status, row.attempts, row.next_attempt_at) == (
        S.PENDING,
        1,
        start + timedelta(seconds=60),
    )
    assert "451" in row.last_error and "Try again later" in row.last_error
    assert outbox.deliver_due(start + timedelta(seconds=59))["retry"] == 0  # not due yet

    second = start + timedelta(seconds=60)
    assert outbox.deliver_due(second)["retry"] == 1
    row.refresh_from_db()
    assert row.next_attempt_at == second + timedelta(seconds=120)

    assert outbox.deliver_due(second + timedelta(seconds=120))["failed"] == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (S.FAILED, 3)
    assert outbox.deliver_due(second + timedelta(days=1)) == {
        "sent": 0,
        "retry": 0,
        "failed": 0,
        "requeued": 0,
    }


def test_a_recipient_refused_for_good_fails_at_once_with_the_servers_answer(cast, settings):
    settings.EMAIL_BACKEND = "simpul.core.tests.test_outbox.UnknownUserBackend"
    [row] = enqueue(cast.dewi.email)

    assert outbox.deliver_due()["failed"] == 1

    row.refresh_from_db()
    assert (row.status, row.attempts) == (S.FAILED, 1)
    assert "550" in row.last_error and "No such user" in row.last_error


def test_a_message_a_dead_worker_was_sending_is_sent_again_a_live_workers_is_left_alone(
    cast, settings
):
    settings.SIMPUL_WORKER_STALE_SECONDS = 30
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="alive", started_at=now, last_seen=now)
    [abandoned] = enqueue(cast.sari.email, key="test:dead")
    [in_hand] = enqueue(cast.dewi.email, key="test:alive")
    for row, worker in ((abandoned, "dead"), (in_hand, "alive")):
        OutboxMessage.objects.filter(pk=row.pk).update(
            status=S.SENDING,
            claim_token=worker,
            claimed_by=worker,
            claimed_at=now - timedelta(seconds=31),
            attempts=1,
        )

    assert outbox.deliver_due()["sent"] == 1

    [message] = mail.outbox
    assert message.to == [cast.sari.email]
    assert message.extra_headers["Message-ID"] == abandoned.message_id  # receivers can dedupe
    abandoned.refresh_from_db()
    in_hand.refresh_from_db()
    assert (abandoned.status, abandoned.attempts) == (S.SENT, 2)
    assert in_hand.status == S.SENDING


def test_a_claim_held_past_the_claim_timeout_is_taken_over_even_from_a_live_worker(cast):
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="stuck", started_at=now, last_seen=now)
    [row] = enqueue(cast.sari.email)
    OutboxMessage.objects.filter(pk=row.pk).update(
        status=S.SENDING,
        claimed_by="stuck",
        claimed_at=now - outbox.CLAIM_TIMEOUT - timedelta(seconds=1),
        attempts=1,
    )

    assert outbox.deliver_due()["sent"] == 1
    assert [m.to for m in mail.outbox] == [[cast.sari.email]]


def test_a_fresh_claim_is_not_taken_over_even_without_a_heartbeat(cast, settings):
    # A web process or a worker that has not beaten yet: give it the stale period first.
    settings.SIMPUL_WORKER_STALE_SECONDS = 30
    [row] = enqueue(cast.sari.email)
    OutboxMessage.objects.filter(pk=row.pk).update(
        status=S.SENDING, claimed_by="starting", claimed_at=timezone.now(), attempts=1
    )

    assert outbox.requeue_stale() == 0
    assert outbox.deliver_due()["sent"] == 0


def test_the_heartbeat_queues_one_delivery_while_messages_wait(cast, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    deliveries = DBTaskResult.objects.filter(
        task_path="simpul.core.tasks.outbox_deliver", status=TaskResultStatus.READY
    )
    assert outbox.kick_if_due() is False
    assert not deliveries.exists()

    with transaction.atomic():
        enqueue(cast.sari.email)
    OutboxMessage.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))

    assert outbox.kick_if_due() is True
    assert outbox.kick_if_due() is True
    assert deliveries.count() == 1


@pytest.mark.committing
@pytest.mark.django_db(transaction=True)
def test_mail_leaves_only_once_the_change_that_caused_it_has_committed(cast):
    with transaction.atomic():
        enqueue(cast.sari.email)
        enqueue(cast.dewi.email, key="test:2")
        assert mail.outbox == []  # still inside the transaction

    # Committed: the delivery task ran (inline in tests, in the worker otherwise).
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.sari.email, cast.dewi.email])
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {S.SENT}


def test_operators_see_failures_in_a_read_only_admin_list(client, cast, settings):
    settings.EMAIL_BACKEND = "simpul.core.tests.test_outbox.UnknownUserBackend"
    [row] = enqueue(cast.dewi.email, key="agreement-expiry:1:2027-06-30:30:4")
    outbox.deliver_due()
    client.force_login(cast.rina)

    page = client.get(reverse("admin:core_outboxmessage_changelist"), {"status": "failed"})

    assert page.status_code == 200
    content = page.content.decode()
    assert "agreement-expiry:1:2027-06-30:30:4" in content and "No such user" in content
    detail = client.get(reverse("admin:core_outboxmessage_change", args=[row.pk]))
    assert detail.status_code == 200 and "Isi pesan" not in detail.content.decode()
    assert client.get(reverse("admin:core_outboxmessage_add")).status_code == 403
    assert client.post(reverse("admin:core_outboxmessage_delete", args=[row.pk])).status_code == 403


def test_sent_messages_past_the_retention_are_purged_and_failed_ones_kept(cast, settings):
    settings.SIMPUL_OUTBOX_KEEP_SENT_DAYS = 90
    settings.EMAIL_BACKEND = "simpul.core.tests.test_outbox.UnknownUserBackend"
    [failed] = enqueue(cast.dewi.email, key="test:failed")
    outbox.deliver_due()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    [old] = enqueue(cast.sari.email, key="test:old")
    [recent] = enqueue(cast.sari.email, key="test:recent")
    outbox.deliver_due()
    now = timezone.now()
    OutboxMessage.objects.filter(pk__in=[old.pk, failed.pk]).update(
        sent_at=now - timedelta(days=91), created_at=now - timedelta(days=91)
    )
    OutboxMessage.objects.filter(pk=recent.pk).update(sent_at=now - timedelta(days=89))

    assert outbox.purge_sent(now) == 1
    assert outbox.purge_sent(now) == 0  # a second run (after a crash) finds nothing more

    remaining = dict(OutboxMessage.objects.values_list("key", "status"))
    assert remaining == {"test:failed": S.FAILED, "test:recent": S.SENT}


def test_the_purge_runs_every_night_from_the_workers_schedule():
    entry = schedule.registered()["simpul.core.tasks.outbox_purge"]

    assert (entry.at, entry.zone, entry.per_zone) == (time(2, 30), "Asia/Jakarta", False)


def test_an_operator_sends_a_failed_message_again_and_the_worker_delivers_it(
    client, cast, settings
):
    settings.EMAIL_BACKEND = "simpul.core.tests.test_outbox.UnknownUserBackend"
    [failed] = enqueue(cast.dewi.email, key="test:failed")
    [sent_row] = enqueue(cast.sari.email, key="test:sent")
    OutboxMessage.objects.filter(pk=sent_row.pk).update(status=S.SENT, sent_at=timezone.now())
    outbox.deliver_due()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(cast.rina)

    page = client.post(
        reverse("admin:core_outboxmessage_changelist"),
        {"action": "send_again", "_selected_action": [failed.pk, sent_row.pk]},
        follow=True,
    )

    assert "1 e-mail yang gagal akan dikirim ulang oleh proses latar belakang." in page.text
    assert mail.outbox == []  # not sent inside the operator's request
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (S.PENDING, 0)
    assert OutboxMessage.objects.get(pk=sent_row.pk).status == S.SENT
    assert outbox.deliver_due()["sent"] == 1
    assert [m.to for m in mail.outbox] == [[cast.dewi.email]]


def test_a_staff_member_without_the_change_permission_cannot_send_again(client, cast, settings):
    settings.EMAIL_BACKEND = "simpul.core.tests.test_outbox.UnknownUserBackend"
    [failed] = enqueue(cast.dewi.email)
    outbox.deliver_due()
    viewer = cast.hadi
    viewer.is_staff = True
    viewer.save()
    viewer.user_permissions.add(Permission.objects.get(codename="view_outboxmessage"))
    client.force_login(viewer)

    page = client.post(
        reverse("admin:core_outboxmessage_changelist"),
        {"action": "send_again", "_selected_action": [failed.pk]},
    )

    assert page.status_code == 200  # the list again, with "no action selected"
    assert OutboxMessage.objects.get(pk=failed.pk).status == S.FAILED
