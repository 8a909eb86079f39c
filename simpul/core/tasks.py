"""Background work of the core: delivering the outbox and keeping it small."""

from django_tasks import task


@task()
def outbox_deliver() -> dict[str, int]:
    """Send the outbox rows that are due (simpul.core.outbox). Queued when a transaction that
    enqueued mail commits, and by the worker's heartbeat while rows wait for a retry.
    Idempotent: every row is claimed before it is sent."""
    from . import outbox

    return outbox.deliver_due()


@task()
def outbox_purge() -> int:
    """Delete sent outbox rows past their retention (simpul.core.outbox.purge_sent); daily.
    Idempotent: a second run finds nothing older to delete."""
    from . import outbox

    return outbox.purge_sent()
