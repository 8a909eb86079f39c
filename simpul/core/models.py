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
