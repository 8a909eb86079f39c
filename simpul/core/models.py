from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Timestamps every domain model carries; stored in UTC, shown in the viewer's zone."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class WorkerHeartbeat(models.Model):
    """One row per running worker process; /healthz reads the freshest one."""

    worker_id = models.CharField(_("worker id"), max_length=64, unique=True)
    hostname = models.CharField(_("host name"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), default=0)
    started_at = models.DateTimeField(_("started at"))
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.worker_id


class ScheduledRun(models.Model):
    """That a periodic task (simpul.core.schedule) was put in the queue. A daily task has one
    row per run and slot (the local date), unique, so two workers never enqueue the same slot
    twice; an every()-task has one row with an empty slot, locked while deciding."""

    name = models.CharField(_("task"), max_length=200)
    slot = models.CharField(_("slot"), max_length=10, blank=True, default="")
    last_enqueued_at = models.DateTimeField(_("last enqueued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [
            models.UniqueConstraint(fields=["name", "slot"], name="core_scheduled_run_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.slot}".strip()


class OutboxMessage(models.Model):
    """One e-mail to one recipient, written in the sender's transaction and delivered later by
    the worker (simpul.core.outbox). (key, recipient) is unique, so an effect that runs again
    after a crash enqueues nothing new."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    key = models.CharField(_("message key"), max_length=200)
    recipient = models.EmailField(_("recipient"), max_length=254)
    from_email = models.CharField(_("sender"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=998)
    text = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    # Text files sent with the mail, e.g. a meeting's .ics: [{"filename", "mimetype",
    # "content"}]. Dropped with the body once sent.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    claim_token = models.CharField(_("claim token"), max_length=32, blank=True)
    claimed_by = models.CharField(_("claimed by"), max_length=100, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient"], name="core_outbox_key_recipient")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="core_outbox_due")]

    def __str__(self) -> str:
        return f"{self.key} → {self.recipient}"


class PublicGeneration(models.Model):
    """The public-page cache's generation (simpul.core.public_cache): one row, only ever
    increased. Kept in the database, not in the cache, so an expired or evicted cache key can
    never bring back a number under which pages were cached before."""

    value = models.BigIntegerField(_("generation"))

    class Meta:
        verbose_name = _("public cache generation")
        verbose_name_plural = _("public cache generation")

    def __str__(self) -> str:
        return str(self.value)
