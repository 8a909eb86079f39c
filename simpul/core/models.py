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
    """When a periodic task (simpul.core.schedule) was last put in the queue; one row per task,
    locked while deciding, so two workers never enqueue the same run twice."""

    name = models.CharField(_("task"), max_length=200, unique=True)
    last_enqueued_at = models.DateTimeField(_("last enqueued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")

    def __str__(self) -> str:
        return self.name


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
