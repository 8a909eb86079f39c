import datetime
import decimal
import uuid

from django.db import transaction
from django.utils import timezone

from .context import current_actor
from .models import GENESIS_HASH, AuditChainHead, AuditEvent


def jsonable(value):
    """A value as it will read back from a JSON column, so the hash is stable."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | float):
        return str(value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return str(value)


def record(*, action: str, obj, changes: dict) -> AuditEvent:
    """Append one event to the chain; runs inside the caller's transaction. The action is
    create, update or delete; say what kind of step it was in `changes` (e.g. "step")."""
    if action not in AuditEvent.Action.values:
        # SQLite would store any string; PostgreSQL refuses it. Fail the same way on both.
        raise ValueError(f"audit action must be one of {AuditEvent.Action.values}, not {action!r}")
    actor = current_actor()
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"seq": 0, "hash": GENESIS_HASH}
        )
        event = AuditEvent(
            seq=head.seq + 1,
            occurred_at=timezone.now(),
            actor_id=actor.user_id,
            actor_label=actor.label[:200],
            ip_address=actor.ip_address,
            user_agent=actor.user_agent[:200],
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            changes=jsonable(changes),
            prev_hash=head.hash,
        )
        event.hash = event.compute_hash()
        event.save()
        head.seq = event.seq
        head.hash = event.hash
        head.save(update_fields=["seq", "hash"])
    return event


def verify_chain() -> tuple[int, str | None]:
    """Walk the chain; return (rows checked, first problem found or None)."""
    expected_seq = 1
    prev_hash = GENESIS_HASH
    checked = 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if event.seq != expected_seq:
            return checked, f"row {expected_seq} was removed (next row found is {event.seq})"
        if event.prev_hash != prev_hash or event.compute_hash() != event.hash:
            return checked, f"row {event.seq} was altered ({event.object_type}:{event.object_id})"
        prev_hash = event.hash
        expected_seq += 1
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None:
        return checked, ("the chain head is missing" if checked else None)
    if head.seq > checked:
        if head.seq == checked + 1:
            return checked, f"row {head.seq} was removed (it was the last row)"
        return checked, f"rows {checked + 1}–{head.seq} were removed from the end"
    if head.seq != checked or head.hash != prev_hash:
        return checked, f"row {checked} does not match the chain head (rewritten or re-hashed)"
    return checked, None
