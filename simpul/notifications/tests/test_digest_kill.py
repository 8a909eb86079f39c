"""The digest survives crashes: a run that dies before its commit sends nothing and a rerun
sends the day's one digest; a worker killed (SIGKILL) in the middle of the deliveries leaves
each person exactly one digest once a second worker has finished (a real worker, a local
SMTP server)."""

from datetime import UTC, datetime

import pytest
from django.db.models import QuerySet

from simpul.core.models import OutboxMessage
from simpul.notifications import digest
from simpul.notifications.models import DigestSchedule, Notification
from simpul.organizations.models import Membership
from simpul.testing.outbox_kill import (
    add_colleagues,
    assert_killed_mid_delivery_sends_each_mail_once,
)

NINE_WIB = datetime(2026, 12, 8, 2, 0, tzinfo=UTC)


def _waiting_for(people, kind="tests.sample"):
    Notification.objects.bulk_create(
        Notification(
            recipient=person,
            kind=kind,
            key="kill",
            title="Rapat koordinasi Kartamantul",
            url="/rapat/",
            group_label="Kartamantul",
            channel="digest",
        )
        for person in people
    )


def test_a_run_that_dies_before_its_commit_sends_nothing_and_the_rerun_sends_once(
    cast, monkeypatch
):
    _waiting_for([cast.vina])
    real_update = QuerySet.update

    def crash(self, **values):
        if "digested_at" in values:
            raise RuntimeError("the worker died here")
        return real_update(self, **values)

    monkeypatch.setattr(QuerySet, "update", crash)
    with pytest.raises(RuntimeError):
        digest.send_due_digests(NINE_WIB)
    assert not OutboxMessage.objects.filter(key__startswith="notify-digest:").exists()
    monkeypatch.setattr(QuerySet, "update", real_update)

    assert digest.send_due_digests(NINE_WIB) == 1
    assert digest.send_due_digests(NINE_WIB) == 0
    assert OutboxMessage.objects.filter(key__startswith="notify-digest:").count() == 1
    assert Notification.objects.get().digested_at == NINE_WIB


@pytest.mark.subprocess
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_digests_leaves_each_person_exactly_one_digest(cast, tmp_path):
    add_colleagues(cast.pemkot_yogyakarta, Membership.Role.VIEWER, "Staf", "jogjakota.go.id")
    people = [
        membership.user
        for membership in Membership.objects.filter(
            organization=cast.pemkot_yogyakarta, role=Membership.Role.VIEWER
        ).select_related("user")
    ]
    # Hour 0: the digest is due whenever the worker runs.
    DigestSchedule.objects.bulk_create(DigestSchedule(user=person, hour=0) for person in people)
    _waiting_for(people)
    assert_killed_mid_delivery_sends_each_mail_once(
        tmp_path,
        "from simpul.notifications.tasks import send_due_digests; "
        "print(send_due_digests.enqueue().id)",
        {person.email for person in people},
    )
