"""Discussions: threads of an agreement or of a forum, and their posts.

A `Thread` belongs to exactly one agreement or one forum (a database check) and may be linked
to one thing it is about: a stage of its agreement, an indicator, an early warning, a meeting
or a meeting's action item (nullable foreign keys with a check that at most one is set, as
meetings' agenda items do, for referential integrity and `select_related`).

A `Post` keeps its current Markdown and the sanitised HTML rendered from it (`markup.render`),
so pages never render Markdown. Every text a post ever had is an immutable `PostVersion`
(number 1 is the original): the "edited" marker opens that history. Deleting a post keeps the
row as a tombstone (who and when, text emptied) so replies and quotes keep their place.

A `Question` is the response-time clock: a post flagged as a question to an organisation, or
mentioning one, starts it (`asked_at`); the first later post in the thread by a member of that
organisation stops it (`answered_at`, `answer`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement
from simpul.core.claims import Versioned
from simpul.core.events import ImmutableEvent
from simpul.core.models import BaseModel
from simpul.meetings.models import ActionItem, Forum, Meeting
from simpul.monitoring.models import EarlyWarning, Indicator
from simpul.organizations.models import Organization

TITLE_MAX = 200
TOPIC_MAX = 80
# A post is a message, not a document: 20,000 characters is about eight printed pages.
TEXT_MAX = 20_000
MENTIONS_MAX = 20


def _attachment_upload_to(instance: "Post", filename: str) -> str:
    # A random name: the person's file name is kept for display only (safe_display_name).
    return f"discussions/{instance.thread_id}/{uuid.uuid4().hex}"


LINKS = ("indicator", "warning", "meeting", "action_item")


def _unlinked(field: str) -> Q:
    return Q(stage="") if field == "stage" else Q(**{f"{field}__isnull": True})


def _at_most_one_link() -> Q:
    """No link, or exactly one of the stage and the four foreign keys."""
    fields = ("stage", *LINKS)
    condition = Q()
    for field in fields:
        condition &= _unlinked(field)
    for chosen in fields:
        alone = ~_unlinked(chosen)
        for other in fields:
            if other != chosen:
                alone &= _unlinked(other)
        condition |= alone
    return condition


class Thread(BaseModel):
    agreement = models.ForeignKey(
        Agreement,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="threads",
        verbose_name=_("agreement"),
    )
    forum = models.ForeignKey(
        Forum,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="threads",
        verbose_name=_("forum"),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    topic = models.CharField(_("topic"), max_length=TOPIC_MAX, blank=True)
    # What the thread is about (at most one).
    stage = models.CharField(_("agreement stage"), max_length=40, blank=True)
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="threads"
    )
    warning = models.ForeignKey(
        EarlyWarning, null=True, blank=True, on_delete=models.SET_NULL, related_name="threads"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="threads"
    )
    action_item = models.ForeignKey(
        ActionItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="threads"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept by the services with each post, so lists sort and count without aggregating.
    last_post_at = models.DateTimeField(_("last post"), db_index=True)
    post_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("discussion thread")
        verbose_name_plural = _("discussion threads")
        ordering = ["-last_post_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(agreement__isnull=False) & Q(forum__isnull=True))
                | (Q(agreement__isnull=True) & Q(forum__isnull=False)),
                name="discussions_thread_agreement_or_forum",
            ),
            models.CheckConstraint(
                condition=_at_most_one_link(), name="discussions_thread_one_link"
            ),
        ]
        indexes = [
            models.Index(fields=["agreement", "-last_post_at"], name="discussions_agreement_idx"),
            models.Index(fields=["forum", "-last_post_at"], name="discussions_forum_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("discussions:thread-detail", kwargs={"pk": self.pk})


class Post(Versioned, BaseModel):
    class Kind(models.TextChoices):
        POST = "post", _("Post")
        ANNOUNCEMENT = "announcement", _("Announcement")
        PROGRESS_UPDATE = "progress_update", _("Progress update")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    # The post's place in its thread (1, 2, …): pages and anchors use it.
    number = models.PositiveIntegerField()
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.POST)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    text = models.TextField(_("text"), max_length=TEXT_MAX, blank=True)
    html = models.TextField(blank=True)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mentioned_users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    mentioned_organizations = models.ManyToManyField(Organization, blank=True, related_name="+")
    attachment = models.FileField(
        _("attachment"), upload_to=_attachment_upload_to, blank=True, max_length=200
    )
    attachment_name = models.CharField(max_length=120, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["thread", "number"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "number"], name="discussions_post_number"),
        ]
        indexes = [
            models.Index(fields=["thread", "kind"], name="discussions_post_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.thread} #{self.number}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def get_absolute_url(self) -> str:
        return reverse("discussions:post-goto", kwargs={"pk": self.pk})


class PostVersion(ImmutableEvent):
    """One text a post had; number 1 is the original, every edit adds the next."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["post", "number"]
        constraints = [
            models.UniqueConstraint(fields=["post", "number"], name="discussions_version_number"),
        ]


class Question(BaseModel):
    """A question one organisation was asked in a thread, and when it was first answered."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="questions")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="questions")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="questions_asked"
    )
    asked_at = models.DateTimeField(db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers"
    )

    class Meta:
        ordering = ["asked_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "organization"], name="discussions_one_question_per_org"
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(answered_at__gte=models.F("asked_at")),
                name="discussions_answered_after_asked",
            ),
        ]
        indexes = [
            models.Index(
                fields=["thread", "organization", "answered_at"], name="discussions_open_q_idx"
            ),
        ]
