"""The ideas board: members post ideas for new approaches or cooperations (the problem, the
proposal, the affairs, the regions that could join); others support and comment; the owner
organisation moves each idea through new → under review → accepted (turned into an agreement
draft, a plan activity or a knowledge item, whose link is kept) or declined (with a reason).
Citizens may send ideas from the portal: confirmed by e-mail and moderated before anyone
else sees them.

Statuses move only through the IDEA and CITIZEN_IDEA machines in services.py; every move is an
immutable IdeaEvent. The support count is a column the services keep in the same transaction
as the support row, so the board sorts by it without counting."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement, GovernmentAffair
from simpul.core.claims import Versioned
from simpul.core.events import ImmutableEvent
from simpul.core.models import BaseModel
from simpul.knowledge.models import KnowledgeItem
from simpul.organizations.models import Organization
from simpul.plans.models import Activity
from simpul.regions.models import Region

TITLE_MAX = 200
TEXT_MAX = 5000
REASON_MAX = 1000


class Idea(Versioned, BaseModel):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    class Origin(models.TextChoices):
        MEMBER = "member", _("A member organisation")
        CITIZEN = "citizen", _("A citizen, from the portal")

    class Moderation(models.TextChoices):
        """Only citizens' ideas are moderated; a member's idea is `internal` for good."""

        INTERNAL = "internal", _("Internal to members")
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden by a moderator")

    class Outcome(models.TextChoices):
        AGREEMENT = "agreement", _("An agreement draft")
        ACTIVITY = "activity", _("A plan activity")
        KNOWLEDGE = "knowledge", _("A knowledge item")

    # The public code (IDE-000123): the portal never shows database ids.
    code = models.CharField(_("code"), max_length=20, unique=True, null=True, blank=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    problem = models.TextField(_("the problem"), max_length=TEXT_MAX)
    proposal = models.TextField(_("the proposal"), max_length=TEXT_MAX)
    affairs = models.ManyToManyField(
        GovernmentAffair, blank=True, related_name="+", verbose_name=_("government affairs")
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="+", verbose_name=_("regions that could join")
    )
    owner = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="ideas",
        verbose_name=_("owner organisation"),
    )
    origin = models.CharField(
        _("from"), max_length=10, choices=Origin.choices, default=Origin.MEMBER
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    # A citizen's name and address (the address only to confirm; never shown).
    author_name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    confirm_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True)
    moderation = models.CharField(
        _("moderation"),
        max_length=12,
        choices=Moderation.choices,
        default=Moderation.INTERNAL,
        db_index=True,
    )
    hide_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    outcome = models.CharField(_("turned into"), max_length=10, choices=Outcome.choices, blank=True)
    agreement = models.ForeignKey(
        Agreement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("agreement draft"),
    )
    activity = models.ForeignKey(
        Activity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("plan activity"),
    )
    knowledge_item = models.ForeignKey(
        KnowledgeItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("knowledge item"),
    )
    support_count = models.PositiveIntegerField(_("supports"), default=0)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-support_count"], name="ideas_status_support"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="ideas_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | ~Q(outcome=""),
                name="ideas_accepted_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(origin="citizen") | Q(moderation="internal"),
                name="ideas_only_citizen_ideas_moderated",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:idea-detail", kwargs={"pk": self.pk})

    def get_public_url(self) -> str:
        return reverse("ideas_public:detail", kwargs={"code": self.code})

    @property
    def is_open(self) -> bool:
        """New or under review: it may still be edited, supported and decided."""
        return self.status in (self.Status.NEW, self.Status.UNDER_REVIEW)

    @property
    def outcome_url(self) -> str:
        if self.outcome == self.Outcome.AGREEMENT and self.agreement_id:
            return reverse("agreements:agreement-detail", kwargs={"pk": self.agreement_id})
        if self.outcome == self.Outcome.ACTIVITY and self.activity is not None:
            return reverse(
                "plans:plan-detail", kwargs={"agreement_pk": self.activity.plan.agreement_id}
            )
        if self.outcome == self.Outcome.KNOWLEDGE and self.knowledge_item_id:
            return reverse("knowledge:item-detail", kwargs={"pk": self.knowledge_item_id})
        return ""


class Support(BaseModel):
    """One person's support of an idea (one per person)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="ideas_one_support_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.idea_id}"


class IdeaComment(BaseModel):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=TEXT_MAX)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["idea", "created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:40]


class IdeaEvent(ImmutableEvent):
    """An append-only step in an idea's life: its status moves and its moderation."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    occurred_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("idea event")
        verbose_name_plural = _("idea events")
        ordering = ["idea", "occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.from_status}→{self.to_status}"

    @property
    def to_status_label(self) -> str:
        for choices in (Idea.Status, Idea.Moderation):
            if self.to_status in choices.values:
                return str(choices(self.to_status).label)
        return self.to_status
