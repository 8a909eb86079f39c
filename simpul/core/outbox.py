"""The outbox: every e-mail the platform sends is first a row, then a delivery.

    enqueue(key=..., to=..., subject=..., text=..., html=None, language="", headers=None,
            attachments=None)
        -> list[OutboxMessage]      one row per recipient, in the caller's transaction
    enqueue_many(mails)    -> None  many single-recipient mails in one INSERT (notifications)
    deliver_due(now=None)  -> dict  the worker's step: claim, send, record (never in a transaction)
    requeue_stale(now=None) -> int  rows left "sending" by a dead worker go back to "pending"
    kick_if_due(now=None)  -> bool  the heartbeat's nudge: queue a delivery when rows are due
    send_again(pks)        -> int   an operator's retry of failed rows (the worker sends them)
    purge_sent(now=None)   -> int   the daily housekeeping: drop sent rows past the retention

Why. A task that sent mail and wrote its "sent" marker in one transaction sent the mail
again after a kill: the mail had left, the marker was rolled back. Now a business change and
its e-mails commit together as rows (or not at all), keyed by a deterministic message key per
effect ("agreement-expiry:{agreement}:{end}:{days}:{user}"), so a task that runs again after a
crash enqueues nothing new: (key, recipient) is unique and a second enqueue returns the
existing row.

Delivery is a separate step (`outbox_deliver` task, queued on commit and by the worker's
heartbeat). Each row is claimed with a conditional UPDATE (pending → sending, a claim token,
the claiming worker, attempts + 1) that commits *before* we talk to SMTP; the row is then
marked sent, or pending again with exponential backoff (SIMPUL_OUTBOX_RETRY_SECONDS ×
2**attempts, capped by SIMPUL_OUTBOX_RETRY_MAX_SECONDS), or failed after
SIMPUL_OUTBOX_MAX_ATTEMPTS attempts or a permanent (5xx) refusal, with the last SMTP error.

A worker killed while a row is "sending" leaves one open question we cannot answer: did the
server accept the mail before the kill? The window is the time between the server's "250"
and our commit of "sent" (milliseconds); a kill anywhere else is unambiguous (before the
final "250" the server has not taken the mail, after the commit we know). We choose to
deliver such a row again (at least once, rather than risk losing an invitation or a
deadline reminder): once the claiming worker's heartbeat is gone and the claim is older than
SIMPUL_WORKER_STALE_SECONDS, the row goes back to pending. Every delivery of a row carries the
same Message-ID, derived from (key, recipient), so the rare duplicate from that window is one
that mail servers and clients can recognise and drop.

Sent rows keep the envelope, the Message-ID and the time, but not the body: bodies carry
one-time links and access keys (password reset, complaint keys) that should not sit in the
database once they have left. Sent rows are deleted SIMPUL_OUTBOX_KEEP_SENT_DAYS after they
left (the daily `outbox_purge` task); failed rows stay until an operator sends them again, as
the record of what did not arrive. The retention must stay longer than any effect could run
again with the same key (keys carry the effect's date), or a purged key could be sent twice.
"""

import hashlib
import logging
import os
import secrets
import smtplib
import socket
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import Any, TypedDict

from django.conf import settings
from django.core.mail import BadHeaderError, EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from . import services
from .models import OutboxMessage

logger = logging.getLogger("simpul.outbox")

Status = OutboxMessage.Status


class Attachment(TypedDict):
    filename: str
    mimetype: str
    content: str


CLAIM_BATCH = 20
# One delivery never takes this long (EMAIL_TIMEOUT bounds every SMTP step), so a claim this
# old is abandoned even if its worker still beats (say a database error left it "sending").
CLAIM_TIMEOUT = timedelta(minutes=10)


# --- enqueue --------------------------------------------------------------------------------


def message_id_for(key: str, recipient: str) -> str:
    """The Message-ID every delivery of this (key, recipient) carries."""
    digest = hashlib.sha256(f"{key}\n{recipient}".encode()).hexdigest()[:32]
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "simpul.localhost"
    return f"<{digest}.outbox@{domain}>"


def enqueue(
    *,
    key: str,
    to: str | list[str] | tuple[str, ...],
    subject: str,
    text: str,
    html: str | None = None,
    language: str = "",
    headers: dict[str, str] | None = None,
    from_email: str | None = None,
    attachments: list[Attachment] | None = None,
) -> list[OutboxMessage]:
    """Write the e-mail as one pending row per recipient, in the caller's transaction, and
    arrange delivery once that transaction commits. A (key, recipient) already in the outbox
    is left as it is and returned: re-running an effect sends nothing twice. `attachments`
    are text files (a meeting's .ics), kept as text with the row until it is sent."""
    if not key or len(key) > 200:
        raise ValueError("an outbox key is 1 to 200 characters")
    recipients = [to] if isinstance(to, str) else list(to)
    subject = " ".join(subject.split())  # header-safe: one line
    rows = []
    for recipient in dict.fromkeys(r.strip() for r in recipients if r and r.strip()):
        try:
            with transaction.atomic():
                row, _created = OutboxMessage.objects.get_or_create(
                    key=key,
                    recipient=recipient,
                    defaults={
                        "from_email": from_email or "",
                        "subject": subject[:998],
                        "text": text,
                        "html": html or "",
                        "language": (language or "")[:8],
                        "headers": headers or {},
                        "attachments": [dict(item) for item in attachments or []],
                        "message_id": message_id_for(key, recipient),
                        "next_attempt_at": timezone.now(),
                    },
                )
        except IntegrityError:
            # Another transaction enqueued the same key at the same moment and committed first.
            row = OutboxMessage.objects.get(key=key, recipient=recipient)
        rows.append(row)
    if rows:
        _kick_on_commit()
    return rows


class Mail(TypedDict, total=False):
    key: str  # required
    to: str  # required: one recipient
    subject: str  # required
    text: str  # required
    html: str
    language: str
    headers: dict[str, str]
    attachments: list[Attachment]


def enqueue_many(mails: list[Mail]) -> None:
    """`enqueue` for many single-recipient mails, each its own text (a notification in each
    person's language, with their own unsubscribe link), in one INSERT whatever their number.
    A (key, recipient) already in the outbox is left as it is, as with `enqueue`."""
    now = timezone.now()
    rows = []
    for mail in mails:
        key, recipient = mail["key"], mail["to"].strip()
        if not key or len(key) > 200:
            raise ValueError("an outbox key is 1 to 200 characters")
        rows.append(
            OutboxMessage(
                key=key,
                recipient=recipient,
                subject=" ".join(mail["subject"].split())[:998],
                text=mail["text"],
                html=mail.get("html", ""),
                language=mail.get("language", "")[:8],
                headers=mail.get("headers", {}),
                attachments=[dict(item) for item in mail.get("attachments", [])],
                message_id=message_id_for(key, recipient),
                next_attempt_at=now,
            )
        )
    if rows:
        OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True)
        _kick_on_commit()


def _kick_on_commit() -> None:
    """Queue one delivery per transaction, however many rows it enqueued."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        entry[1] is _kick for entry in getattr(connection, "run_on_commit", ())
    ):
        return
    # robust: a failure to queue the delivery must not fail the caller's request after its
    # commit; the heartbeat's kick_if_due() picks the rows up anyway.
    transaction.on_commit(_kick, robust=True)


def _kick() -> None:
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from .tasks import outbox_deliver

    # With the database queue, one waiting delivery is enough: it reads the due rows when it
    # runs. (With the inline backend of the tests there is never a waiting one.)
    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=outbox_deliver.module_path
    )
    if not waiting.exists():
        outbox_deliver.enqueue()


def kick_if_due(now: datetime | None = None) -> bool:
    """Queue a delivery when rows are due (retries whose backoff ran out, rows requeued from a
    dead worker); the worker's heartbeat calls this. True when rows were due."""
    now = now or timezone.now()
    due = OutboxMessage.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
    if not due.exists():
        return False
    _kick()
    return True


# --- delivery -------------------------------------------------------------------------------


def claimant() -> str:
    """Who claims rows: the worker id inside `manage.py worker`, else host and process."""
    return services.current_worker_id or f"{socket.gethostname()[:60]}:{os.getpid()}"


def requeue_stale(now: datetime | None = None) -> int:
    """Put rows left "sending" by a dead claimant back to pending (see the module docstring:
    we deliver again rather than lose the mail; the Message-ID stays the same), and rows
    claimed longer than CLAIM_TIMEOUT by anyone. A row that has used up its attempts this way
    fails instead. Returns the number of rows touched."""
    now = now or timezone.now()
    stale_before = now - timedelta(seconds=settings.SIMPUL_WORKER_STALE_SECONDS)
    alive = services.live_worker_ids(now)
    stale = OutboxMessage.objects.filter(status=Status.SENDING, claimed_at__lt=stale_before)
    stale = stale.filter(~Q(claimed_by__in=alive) | Q(claimed_at__lt=now - CLAIM_TIMEOUT))
    touched = 0
    for row in stale.only("pk", "claim_token", "claimed_by", "attempts"):
        exhausted = row.attempts >= settings.SIMPUL_OUTBOX_MAX_ATTEMPTS
        note = f"Claim by {row.claimed_by} abandoned; " + (
            "attempts used up." if exhausted else "delivered again with the same Message-ID."
        )
        touched += OutboxMessage.objects.filter(
            pk=row.pk, status=Status.SENDING, claim_token=row.claim_token
        ).update(
            status=Status.FAILED if exhausted else Status.PENDING,
            next_attempt_at=now,
            claim_token="",
            last_error=note,
            updated_at=now,
        )
        logger.warning("Outbox row %s: %s", row.pk, note)
    return touched


def _claim_next(now: datetime) -> tuple[OutboxMessage, str] | None:
    candidates = list(
        OutboxMessage.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:CLAIM_BATCH]
    )
    for pk in candidates:
        token = secrets.token_hex(16)
        # Autocommit: the claim is on disk before the SMTP conversation starts, so another
        # worker never sends the same row at the same time.
        claimed = OutboxMessage.objects.filter(
            pk=pk, status=Status.PENDING, next_attempt_at__lte=now
        ).update(
            status=Status.SENDING,
            claim_token=token,
            claimed_by=claimant(),
            claimed_at=now,
            attempts=F("attempts") + 1,
            updated_at=now,
        )
        if claimed:
            return OutboxMessage.objects.get(pk=pk), token
    return None


def _is_permanent(error: Exception) -> bool:
    """A 5xx answer (or a malformed message) will not get better by trying again."""
    if isinstance(error, BadHeaderError | ValueError):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def backoff(attempts: int) -> timedelta:
    seconds = settings.SIMPUL_OUTBOX_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.SIMPUL_OUTBOX_RETRY_MAX_SECONDS))


def _email(row: OutboxMessage, connection: Any) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        row.subject,
        row.text,
        row.from_email or None,
        [row.recipient],
        headers={**row.headers, "Message-ID": row.message_id},
        connection=connection,
    )
    if row.html:
        message.attach_alternative(row.html, "text/html")
    for item in row.attachments or []:
        message.attach(item["filename"], item["content"], item["mimetype"])
    return message


def deliver_due(now: datetime | None = None) -> dict[str, int]:
    """Send every due row, one claim at a time, until none is left. Call it outside any
    transaction (the worker's task does): the claim must commit before the mail leaves."""
    counts = {"sent": 0, "retry": 0, "failed": 0, "requeued": requeue_stale(now)}
    connection = None
    try:
        while True:
            at = now or timezone.now()
            claim = _claim_next(at)
            if claim is None:
                break
            row, token = claim
            try:
                if connection is None:
                    # Opened here (not by send()) so that one SMTP session carries the batch.
                    connection = get_connection(fail_silently=False)
                    connection.open()
                _email(row, connection).send()
            except Exception as error:  # every failure is recorded on its row, then we go on
                counts[_record_failure(row, token, error, at)] += 1
                # The SMTP session may be broken; the next row opens a fresh one.
                if connection is not None:
                    _close_quietly(connection)
                connection = None
                continue
            _record_sent(row, token, now or timezone.now())
            counts["sent"] += 1
    finally:
        if connection is not None:
            _close_quietly(connection)
    return counts


def _record_sent(row: OutboxMessage, token: str, at: datetime) -> None:
    updated = OutboxMessage.objects.filter(
        pk=row.pk, status=Status.SENDING, claim_token=token
    ).update(
        status=Status.SENT, sent_at=at, text="", html="", attachments=[], claim_token="",
        last_error="", updated_at=at,
    )  # fmt: skip
    if not updated:
        # Our claim was taken from us (we looked dead for too long): the row will be sent again
        # with the same Message-ID. Rare, logged for the operator.
        logger.warning("Outbox row %s was sent after its claim had been requeued", row.pk)


def _record_failure(row: OutboxMessage, token: str, error: Exception, at: datetime) -> str:
    permanent = _is_permanent(error)
    exhausted = row.attempts >= settings.SIMPUL_OUTBOX_MAX_ATTEMPTS
    outcome = "failed" if permanent or exhausted else "retry"
    OutboxMessage.objects.filter(pk=row.pk, status=Status.SENDING, claim_token=token).update(
        status=Status.FAILED if outcome == "failed" else Status.PENDING,
        next_attempt_at=at + backoff(row.attempts),
        claim_token="",
        last_error=f"{type(error).__name__}: {error}"[:2000],
        updated_at=at,
    )
    logger.warning(
        "Outbox row %s (%s) attempt %s %s: %s",
        row.pk,
        row.key,
        row.attempts,
        "gave up" if outcome == "failed" else "will retry",
        error,
    )
    return outcome


def _close_quietly(connection: Any) -> None:
    try:
        connection.close()
    except Exception:  # closing a broken session may fail again; nothing left to do with it
        logger.debug("closing the mail connection failed", exc_info=True)


# --- operators and housekeeping -------------------------------------------------------------

PURGE_BATCH = 1000


def send_again(pks: list[int], now: datetime | None = None) -> int:
    """Give failed rows a fresh set of attempts and leave them to the worker (an operator's
    "send again" after fixing an address or the mail server). Only failed rows move: a row
    pending, sending or sent is someone else's business. Returns the number of rows reset."""
    now = now or timezone.now()
    reset = OutboxMessage.objects.filter(pk__in=pks, status=Status.FAILED).update(
        status=Status.PENDING, attempts=0, next_attempt_at=now, claim_token="", updated_at=now
    )
    if reset:
        _kick_on_commit()
    return reset


def purge_sent(now: datetime | None = None) -> int:
    """Delete sent rows older than SIMPUL_OUTBOX_KEEP_SENT_DAYS, in batches so that a first
    purge of a large table does not hold one long transaction. Failed rows are kept. Returns
    the number of rows deleted."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.SIMPUL_OUTBOX_KEEP_SENT_DAYS)
    old = OutboxMessage.objects.filter(status=Status.SENT, sent_at__lt=cutoff)
    deleted = 0
    while batch := list(old.values_list("pk", flat=True)[:PURGE_BATCH]):
        deleted += OutboxMessage.objects.filter(pk__in=batch, status=Status.SENT).delete()[0]
    return deleted
