"""Background work of the core: delivering the outbox."""

from django_tasks import task


@task()
def outbox_deliver() -> dict[str, int]:
    """Send the outbox rows that are due (simpul.core.outbox). Queued when a transaction that
    enqueued mail commits, and by the worker's heartbeat while rows wait for a retry.
    Idempotent: every row is claimed before it is sent."""
    from . import outbox

    return outbox.deliver_due()
