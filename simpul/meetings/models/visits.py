"""Exchange visits (studi banding) and the learning reports the visiting side files after them.

An exchange visit is a meeting of kind "exchange visit" with what only such a meeting has:
the regions that host it and the regions that visit, the topic and the practices observed,
kept on a row of its own beside the meeting (edited by the organiser, merged field by field
when two edit at once). After the visit, each visiting organisation files one learning
report: what was seen, what could be adopted and by whom, the next steps; a draft until it is
submitted (the kernel's status machine in `services/visits.py`), then read by everyone who
reads the meeting and, later, by the knowledge issue's adoption loop."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simpul.core.claims import Versioned
from simpul.core.models import BaseModel
from simpul.organizations.models import Organization
from simpul.regions.models import Region

from .meetings import Meeting


class ExchangeVisit(Versioned, BaseModel):
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="exchange_visit")
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    practices_observed = models.TextField(_("practices observed"), blank=True)
    host_regions = models.ManyToManyField(
        Region, verbose_name=_("host regions"), related_name="exchange_visits_hosted"
    )
    visiting_regions = models.ManyToManyField(
        Region, verbose_name=_("visiting regions"), related_name="exchange_visits_made"
    )

    class Meta:
        verbose_name = _("exchange visit")
        verbose_name_plural = _("exchange visits")

    def __str__(self) -> str:
        return self.topic or self.meeting.title


class LearningReport(Versioned, BaseModel):
    """What one visiting organisation learnt on the visit."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    visit = models.ForeignKey(
        ExchangeVisit, on_delete=models.CASCADE, related_name="learning_reports"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("visiting organisation"),
        on_delete=models.PROTECT,
        related_name="learning_reports",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    seen = models.TextField(_("what was seen"), blank=True)
    adoptable = models.TextField(_("what could be adopted"), blank=True)
    adopter = models.ForeignKey(
        Organization,
        verbose_name=_("who would adopt it"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    next_steps = models.TextField(_("next steps"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("learning report")
        verbose_name_plural = _("learning reports")
        ordering = ["visit", "organization__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "organization"], name="meetings_one_learning_report_per_visitor"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="meetings_learning_report_submitted_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.visit}"
