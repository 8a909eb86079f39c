"""A local SMTP server for tests that run a real worker: it keeps what it accepted in memory.

    with SmtpSink(hold_mail=2) as sink:
        ... start a worker with sink.env() ...
        sink.accepted  -> [(recipient, message_id), ...]  mails the server took ("250" sent)
        sink.messages  -> [(recipient, raw bytes), ...]   the same mails, whole
        sink.started   -> how many MAIL commands arrived (a delivery under way)

`hold_mail=N` holds the N-th MAIL command unanswered until the test calls `release()`, so a
test can kill the worker while a delivery is under way, before the server has taken the
message: the worker has committed its claim on the row, the server has nothing. A kill there
must neither lose the mail nor, with the one before it already marked sent, send that one
again. Holding one command until told (rather than slowing every command down, as a first
version did with a one-second delay) makes the kill land in that window every time, however
busy the machine, and lets every other mail through at once.
"""

import asyncio
import socket
import threading
from email import message_from_bytes

from aiosmtpd.controller import Controller


class _Handler:
    def __init__(self, sink: "SmtpSink"):
        self.sink = sink

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        with self.sink.lock:
            self.sink.started += 1
            number = self.sink.started
        if number == self.sink.hold_mail:
            waited = 0.0
            while not self.sink.released.is_set() and waited < HOLD_LIMIT_SECONDS:
                await asyncio.sleep(0.02)
                waited += 0.02
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message_id = message_from_bytes(envelope.content).get("Message-ID", "")
        with self.sink.lock:
            for recipient in envelope.rcpt_tos:
                self.sink.accepted.append((recipient, message_id))
                self.sink.messages.append((recipient, envelope.content))
        return "250 2.0.0 Ok: queued"


# A held command is let go after this long even if the test never releases it.
HOLD_LIMIT_SECONDS = 60.0


def _free_port() -> int:
    # The controller probes its port on start, so it needs a real number, not 0.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpSink:
    def __init__(self, *, hold_mail: int = 0):
        self.hold_mail = hold_mail
        self.released = threading.Event()
        self.lock = threading.Lock()
        self.accepted: list[tuple[str, str]] = []
        # What each recipient was sent, whole (a test reads a digest's text and links).
        self.messages: list[tuple[str, bytes]] = []
        self.started = 0
        self.port = _free_port()
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "SmtpSink":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
        self.controller.stop()

    def release(self) -> None:
        """Let the held MAIL command (if any) be answered."""
        self.released.set()

    def env(self) -> dict[str, str]:
        """Settings for a child process that sends its mail here."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.port),
        }

    def snapshot(self) -> tuple[int, list[tuple[str, str]]]:
        with self.lock:
            return self.started, list(self.accepted)

    def recipients(self) -> list[str]:
        return [recipient for recipient, _id in self.snapshot()[1]]

    def delivery_under_way(self) -> bool:
        """At least one mail accepted, and the next one begun but not accepted: a worker
        killed now has marked the accepted ones sent and holds a claim on the next."""
        started, accepted = self.snapshot()
        return bool(accepted) and started == len(accepted) + 1
