"""Knowledge items: practices, case studies, lessons, research, articles, videos, infographics
and documents that one organisation shares so that others can learn from it.

An item belongs to one organisation (its owner), whose editors write it and whose reviewers
(admins and coordinators) publish it: to the platform's members, or to the public. A lesson
learned may come from an evaluation finding or a meeting decision and keeps the link back.
The fields of a practice (context, problem, approach, results, cost, conditions, pitfalls,
contact) are what another region needs to judge whether it can do the same."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement, GovernmentAffair
from simpul.core.claims import Versioned
from simpul.core.models import BaseModel
from simpul.meetings.models import Decision
from simpul.monitoring.models import Finding, Indicator
from simpul.organizations.models import Organization
from simpul.regions.models import Region


class Kind(models.TextChoices):
    PRACTICE = "practice", _("Good practice")
    CASE_STUDY = "case_study", _("Case study")
    LESSON = "lesson", _("Lesson learned")
    RESEARCH = "research", _("Research result")
    ARTICLE = "article", _("Article")
    VIDEO = "video", _("Video")
    INFOGRAPHIC = "infographic", _("Infographic")
    DOCUMENT = "document", _("Document")


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "CC-BY-SA-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC0 = "CC0-1.0", _("Public domain dedication (CC0 1.0)")
    RESERVED = "all-rights-reserved", _("All rights reserved (ask the owner)")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


def _item_upload_to(instance: "KnowledgeItem", filename: str) -> str:
    # Never the uploaded name: a random key, so no path tricks and no collisions.
    return f"knowledge/{uuid.uuid4().hex}"


def _this_year() -> int:
    return timezone.now().year


class KnowledgeItem(Versioned, BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned")

    class Audience(models.TextChoices):
        MEMBERS = "members", _("Members of the platform")
        PUBLIC = "public", _("The public")

    # The stable public identifier (PENG-000123), set once the row has its number.
    code = models.CharField(_("code"), max_length=20, unique=True, null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    owner = models.ForeignKey(
        Organization,
        verbose_name=_("owning organisation"),
        on_delete=models.PROTECT,
        related_name="knowledge_items",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    audience = models.CharField(
        _("published to"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    year = models.PositiveSmallIntegerField(_("year"), default=_this_year, db_index=True)
    # What makes a practice reusable elsewhere.
    context = models.TextField(_("context"), blank=True)
    problem = models.TextField(_("problem"), blank=True)
    approach = models.TextField(_("approach"), blank=True)
    results_text = models.TextField(_("results"), blank=True)
    cost = models.DecimalField(
        _("cost (Rp)"), max_digits=18, decimal_places=0, null=True, blank=True
    )
    cost_paid_by = models.CharField(_("who paid"), max_length=300, blank=True)
    replication_conditions = models.TextField(_("conditions for replication"), blank=True)
    pitfalls = models.TextField(_("pitfalls"), blank=True)
    contact_organization = models.ForeignKey(
        Organization,
        verbose_name=_("contact organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    # A research result names the university it was done with.
    research_partner = models.ForeignKey(
        Organization,
        verbose_name=_("university partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A video is a link to an allowed host (never embedded) with its transcript or summary.
    video_url = models.URLField(_("video link"), max_length=500, blank=True)
    transcript = models.TextField(_("transcript or summary"), blank=True)
    # An infographic is an image checked by content, with its text alternative.
    image = models.FileField(_("image"), upload_to=_item_upload_to, blank=True, max_length=200)
    image_alt = models.TextField(_("text alternative"), blank=True)
    # A document is an upload checked like the agreements' documents.
    file = models.FileField(_("file"), upload_to=_item_upload_to, blank=True, max_length=200)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_content_type = models.CharField(max_length=100, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    affairs = models.ManyToManyField(
        GovernmentAffair, verbose_name=_("government affairs"), blank=True, related_name="+"
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("regions"), blank=True, related_name="knowledge_items"
    )
    agreements = models.ManyToManyField(
        Agreement, verbose_name=_("agreements"), blank=True, related_name="knowledge_items"
    )
    tags = models.CharField(_("tags"), max_length=300, blank=True)
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY
    )
    # Where a lesson learned came from.
    source_finding = models.ForeignKey(
        Finding,
        verbose_name=_("evaluation finding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_items",
    )
    source_decision = models.ForeignKey(
        Decision,
        verbose_name=_("meeting decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_items",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note = models.TextField(_("reason for returning"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        ordering = ["-year", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source_finding__isnull=True) | Q(source_decision__isnull=True),
                name="knowledge_item_one_source",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="knowledge_item_published_when",
            ),
        ]
        indexes = [models.Index(fields=["status", "audience"], name="knowledge_status_aud")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.audience == self.Audience.PUBLIC

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")  # type: ignore[call-overload]

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in (t.strip() for t in self.tags.split(",")) if tag]

    @property
    def is_lesson(self) -> bool:
        return self.kind == Kind.LESSON


class KnowledgeResult(BaseModel):
    """A result of a practice, measured by an indicator of a cooperation: its verified
    values (and only those) are shown beside the item."""

    item = models.ForeignKey(KnowledgeItem, on_delete=models.CASCADE, related_name="results")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(_("what it shows"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("result of a knowledge item")
        verbose_name_plural = _("results of knowledge items")
        ordering = ["item", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "indicator"], name="knowledge_result_one_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.indicator}"
