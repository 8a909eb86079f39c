"""A person's notifications, their channel choices per kind, digest hour and follows."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simpul.core.models import BaseModel


class Channel(models.TextChoices):
    APP = "app", _("In the app only")
    NOW = "now", _("E-mail at once")
    DIGEST = "digest", _("Daily digest")
    OFF = "off", _("Off")


class Notification(BaseModel):
    """One thing that happened, for one person, in their language when it was created."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=64)
    # The effect's deterministic key ("mention:post:42"): (recipient, kind, key) is unique, so
    # a task that runs again creates and mails nothing twice.
    key = models.CharField(_("key"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    subject = models.CharField(_("about"), max_length=100, blank=True)
    group = models.CharField(_("group"), max_length=100, blank=True)
    group_label = models.CharField(_("group name"), max_length=300, blank=True)
    # The channel chosen when it was created: "digest" rows wait for the daily digest.
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    digested_at = models.DateTimeField(_("sent in a digest at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"], name="notifications_once_per_effect"
            ),
        ]
        indexes = [
            # The header's unread count: one index-only COUNT over a person's unread rows.
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notifications_unread",
            ),
            models.Index(fields=["recipient", "-created_at"], name="notifications_newest"),
            # The digest job's question: who has digest rows waiting?
            models.Index(
                fields=["recipient"],
                condition=Q(channel="digest", read_at__isnull=True, digested_at__isnull=True),
                name="notifications_digest_due",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class Preference(BaseModel):
    """A person's own channel for one kind (without a row, the kind's default for their roles)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=64)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notifications_one_preference")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.channel}"


class DigestSchedule(BaseModel):
    """When a person's daily digest goes out, and the last local date it went out."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_schedule"
    )
    # The hour of day in the person's own zone (WIB, WITA or WIT).
    hour = models.PositiveSmallIntegerField(_("digest hour"), default=7)
    last_sent_on = models.DateField(_("last digest on"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest schedule")
        verbose_name_plural = _("digest schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(hour__gte=0, hour__lte=23), name="notifications_digest_hour_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.hour:02d}"


class Follow(BaseModel):
    """A person follows a subject ("agreement:12", "thread:34"); `active=False` remembers an
    explicit unfollow, so an app's auto-follow never follows them again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    subject = models.CharField(_("subject"), max_length=100)
    active = models.BooleanField(_("following"), default=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["user", "subject"], name="notifications_one_follow")
        ]
        indexes = [
            models.Index(
                fields=["subject"], condition=Q(active=True), name="notifications_followers"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.subject}"
