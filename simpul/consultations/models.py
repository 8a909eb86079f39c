"""Public consultations: the parties publish a draft (plan, agreement text, evaluation) in
sections for comment during a window; the public comments per section after confirming an
e-mail address; moderators approve or hide (with a reason shown); the parties answer; the
concluded consultation says what changed because of the comments."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement, Party
from simpul.core.claims import Versioned
from simpul.core.models import BaseModel


class Consultation(Versioned, BaseModel):
    class Subject(models.TextChoices):
        PLAN = "plan", _("Draft plan")
        AGREEMENT_TEXT = "agreement_text", _("Draft agreement text")
        EVALUATION = "evaluation", _("Evaluation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (not public)")
        OPEN = "open", _("Open for comment")
        CLOSED = "closed", _("Closed, being answered")
        CONCLUDED = "concluded", _("Concluded")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="consultations")
    subject = models.CharField(_("subject"), max_length=20, choices=Subject.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # The final document's account of what changed because of the comments.
    outcome = models.TextField(_("what changed because of the comments"), blank=True)
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="consultations_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The management page, for the agreement's members."""
        return reverse(
            "consultations:consultation-detail",
            kwargs={"agreement_pk": self.agreement_id, "pk": self.pk},
        )

    def get_public_url(self) -> str:
        """The public page (404 there unless published on a public agreement)."""
        return reverse("consultations_public:detail", kwargs={"pk": self.pk})

    @property
    def is_accepting_comments(self) -> bool:
        """Open, and now is inside the window."""
        now = timezone.now()
        return self.status == self.Status.OPEN and self.opens_at <= now < self.closes_at

    @property
    def is_opening_soon(self) -> bool:
        """Published, but its window has not begun."""
        return self.status == self.Status.OPEN and timezone.now() < self.opens_at


class Section(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    heading = models.CharField(_("heading"), max_length=300)
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["consultation", "position", "pk"]

    def __str__(self) -> str:
        return self.heading


class Comment(BaseModel):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Published")
        HIDDEN = "hidden", _("Hidden by a moderator")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    body = models.TextField(_("comment"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.UNCONFIRMED,
        db_index=True,
    )
    # Only a hash of the e-mailed confirmation token is stored.
    confirm_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    hide_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    led_to_change = models.BooleanField(_("led to a change"), default=False)
    # A keyed hash of the sender's address, for rate limits; never the address itself.
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["section", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:40]}"


class Answer(BaseModel):
    """A party's official answer to one comment."""

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="answer")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("answer"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return self.body[:60]
