"""The outbox kill test, shared by every task that sends mail to many people: run the task in
a real worker against a local SMTP server that holds the second mail (simpul.testing.smtp),
SIGKILL the worker in the middle of the deliveries, let a second worker finish, and prove that
each recipient got exactly one mail.

    add_colleagues(cast.pemkot_yogyakarta, Membership.Role.DATA_OFFICER, "Staf", "jogjakota.go.id")
    assert_killed_mid_delivery_sends_each_mail_once(tmp_path, "…print(task.enqueue().id)", to)

The test's rows must be committed (`django_db(transaction=True)`) and the test marked
`subprocess`.
"""

import json
import signal
from pathlib import Path
from typing import Any

from simpul.core.tests.subprocesses import (
    shell,
    start_worker,
    stop_all,
    subprocess_database_url,
    wait_for,
)
from simpul.organizations.models import Organization

from .cast import make_member, make_user
from .smtp import SmtpSink


def add_colleagues(organization: Organization, role: str, name: str, domain: str) -> None:
    """Give the organisation three more members in `role` (name0@domain …), so the mail goes
    to enough people that the kill can land after the first delivery and before the last."""
    for n in range(3):
        make_member(make_user(f"{name.lower()}{n}@{domain}", f"{name} {n}"), organization, role)


def deliver_with_a_kill(tmp_path: Path, enqueue_code: str, expected: set[str]) -> dict[str, Any]:
    """Run a mail-sending task in a real worker against a local SMTP server holding the second
    mail, SIGKILL the worker in the middle of the deliveries, start a second worker and let it
    finish.

    `enqueue_code` is Python that queues the task; `expected` the addresses that must get
    mail. Returns what the server accepted per recipient and the outbox rows afterwards.
    """
    database_url = subprocess_database_url(tmp_path)
    first = second = None
    with SmtpSink(hold_mail=2) as sink:
        try:
            shell(database_url, enqueue_code)
            first = start_worker(database_url, "first", tmp_path, **sink.env())
            wait_for(sink.delivery_under_way, 90, "the first worker to be mid-delivery")
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
            killed_after = len(sink.recipients())
            sink.release()

            second = start_worker(database_url, "second", tmp_path, **sink.env())
            wait_for(lambda: set(sink.recipients()) >= expected, 90, "every recipient's mail")
            second.send_signal(signal.SIGTERM)
            assert second.wait(timeout=30) == 0, (tmp_path / "second.out").read_text()
        finally:
            stop_all(first, second)
        received: dict[str, int] = {}
        for recipient in sink.recipients():
            received[recipient] = received.get(recipient, 0) + 1
    rows = json.loads(
        shell(
            database_url,
            "import json; from simpul.core.models import OutboxMessage; "
            "print(json.dumps(list(OutboxMessage.objects.order_by('pk')"
            ".values_list('recipient', 'status', 'attempts'))))",
        )
    )
    return {"killed_after": killed_after, "received": received, "rows": rows}


def assert_killed_mid_delivery_sends_each_mail_once(
    tmp_path: Path, enqueue_code: str, expected: set[str]
) -> None:
    """The whole kill test: deliver with a kill, then check that the kill landed mid-run, that
    every recipient got exactly one mail, and that exactly one row (the one the killed worker
    had claimed) took a second attempt."""
    assert len(expected) >= 4  # room to kill after the first and before the last

    outcome = deliver_with_a_kill(tmp_path, enqueue_code, expected)

    assert 1 <= outcome["killed_after"] < len(expected)  # the kill landed mid-run
    assert outcome["received"] == dict.fromkeys(expected, 1)
    assert {status for _to, status, _attempts in outcome["rows"]} == {"sent"}
    attempts = sorted(attempts for *_row, attempts in outcome["rows"])
    assert attempts == [1] * (len(expected) - 1) + [2]
