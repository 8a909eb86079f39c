"""Surveys the parties run among the public (e.g. satisfaction with a joint service): a
questionnaire of single/multiple choice, 1–5 scale and text questions, open for a period;
results with charts; a scale or choice question can feed a qualitative indicator."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement, Party
from simpul.core.claims import Versioned
from simpul.core.models import BaseModel
from simpul.monitoring.models import Indicator


class Survey(Versioned, BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (not public)")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="surveys")
    party = models.ForeignKey(
        Party,
        verbose_name=_("run by"),
        on_delete=models.PROTECT,
        related_name="surveys",
        help_text=_("The party whose data the results feed into"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("feeds the indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="surveys_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "surveys:survey-detail", kwargs={"agreement_pk": self.agreement_id, "pk": self.pk}
        )

    def get_public_url(self) -> str:
        return reverse("surveys_public:detail", kwargs={"pk": self.pk})

    @property
    def is_accepting(self) -> bool:
        """Open, and now within its window: the public may answer."""
        now = timezone.now()
        return self.status == self.Status.OPEN and self.opens_at <= now < self.closes_at

    @property
    def has_ended(self) -> bool:
        """Closed, or open with its window over: the results are published."""
        return self.status == self.Status.CLOSED or (
            self.status == self.Status.OPEN and self.closes_at <= timezone.now()
        )


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Scale 1–5")
        TEXT = "text", _("Free text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    required = models.BooleanField(_("required"), default=True)
    feeds_indicator = models.BooleanField(
        _("feeds the indicator"),
        default=False,
        help_text=_("A scale question's mean score is sent to the survey's indicator"),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    label = models.CharField(_("choice"), max_length=300)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position", "pk"]

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["survey", "submitted_at"]

    def __str__(self) -> str:
        return f"{self.survey_id} @ {self.submitted_at:%Y-%m-%d}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choices = models.ManyToManyField(Choice, blank=True, related_name="answers")
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="surveys_answer_once"),
            models.CheckConstraint(
                condition=models.Q(scale__isnull=True) | models.Q(scale__gte=1, scale__lte=5),
                name="surveys_scale_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"
