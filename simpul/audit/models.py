"""The audit log: append-only, hash-chained.

Each row's hash covers its own content and the previous row's hash, so altering or deleting
any row breaks the chain from that row on; `manage.py audit_verify` finds the first break.
"""

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AppendOnlyError(RuntimeError):
    pass


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    occurred_at = models.DateTimeField(_("time"), db_index=True)
    # No database constraint: deleting a user must not rewrite (and so break) the log.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(_("who"), max_length=200)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    changes = models.JSONField(_("changes"), default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be deleted")

    def payload(self) -> str:
        """The canonical text the hash covers."""
        return json.dumps(
            {
                "seq": self.seq,
                "occurred_at": self.occurred_at.isoformat(),
                "actor": self.actor_id,
                "actor_label": self.actor_label,
                "ip": self.ip_address,
                "user_agent": self.user_agent,
                "action": self.action,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "object_repr": self.object_repr,
                "changes": self.changes,
            },
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def compute_hash(self) -> str:
        return hashlib.sha256((self.prev_hash + self.payload()).encode("utf-8")).hexdigest()


class AuditChainHead(models.Model):
    """A single row holding the newest sequence and hash; appends lock it to stay in order."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"
