"""Minutes: what was said, decided and given to whom per agenda item, signed off by every party.

`Minutes` is one per meeting; its text lives in numbered `MinutesVersion`s. A version is
written as a draft (a `Versioned` row, so two editors merge through the kernel), circulated
to the parties, and made final when every party's delegate approved it in the current round;
a change request sends it back to draft for a new round. A final version is frozen: its
`snapshot` (texts, decisions, actions) and the snapshot's SHA-256 never change. A correction
is a new version with a new round of sign-off. `SignOff` rows are immutable events.

Decisions and action items hang off the agenda item, not a version: they are edited while
the minutes are a draft and frozen into each final version's snapshot. An action item's
completion (done with a note or a file) goes on after the minutes are final.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simpul.core.claims import Versioned
from simpul.core.events import ImmutableEvent
from simpul.core.models import BaseModel
from simpul.monitoring.models import Indicator
from simpul.organizations.models import Organization
from simpul.plans.models import Activity

from .agenda import AgendaItem
from .meetings import Meeting


class Minutes(BaseModel):
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.meeting)


class MinutesVersion(Versioned, BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CIRCULATED = "circulated", _("Circulated for sign-off")
        FINAL = "final", _("Final")

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version number"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Opening remarks and anything not under one agenda item.
    summary = models.TextField(_("general summary"), blank=True)
    # The discussion summary per agenda item: {"<agenda item pk>": "text"}.
    item_texts = models.JSONField(_("discussion per agenda item"), default=dict, blank=True)
    # Which sign-off round this version is in; a change request starts the next one.
    round = models.PositiveSmallIntegerField(_("sign-off round"), default=1)
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("final at"), null=True, blank=True)
    snapshot = models.JSONField(_("frozen text"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("minutes version")
        verbose_name_plural = _("minutes versions")
        ordering = ["minutes", "number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="meetings_minutes_version"),
            models.CheckConstraint(
                condition=~Q(status="final") | (Q(snapshot__isnull=False) & ~Q(sha256="")),
                name="meetings_minutes_final_is_frozen",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.minutes} #{self.number}"

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    def text_for(self, item: AgendaItem) -> str:
        return str(self.item_texts.get(str(item.pk), ""))


class SignOff(ImmutableEvent):
    """A party's answer to one round of one version: approved, or a change requested."""

    class Answer(models.TextChoices):
        APPROVED = "approved", _("Approved")
        CHANGE_REQUESTED = "change_requested", _("Change requested")

    version = models.ForeignKey(MinutesVersion, on_delete=models.CASCADE, related_name="signoffs")
    round = models.PositiveSmallIntegerField(_("sign-off round"))
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("party"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices)
    comment = models.TextField(_("comment"), blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("minutes sign-off")
        verbose_name_plural = _("minutes sign-offs")
        ordering = ["version", "round", "signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "round", "organization"], name="meetings_signoff_once"
            ),
            models.CheckConstraint(
                condition=~Q(answer="change_requested") | ~Q(comment=""),
                name="meetings_signoff_change_has_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.organization_id} {self.answer}"


class Decision(BaseModel):
    class Method(models.TextChoices):
        CONSENSUS = "consensus", _("By consensus")
        VOTE = "vote", _("By vote")

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    rationale = models.TextField(_("rationale"), blank=True)
    method = models.CharField(
        _("how it was taken"), max_length=10, choices=Method.choices, default=Method.CONSENSUS
    )
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    votes_abstained = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    # What the decision changes (at most one), as an agenda item's subject is linked.
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("plan activity it changes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator it changes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["agenda_item", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(activity__isnull=True) | Q(indicator__isnull=True),
                name="meetings_decision_one_link",
            ),
            models.CheckConstraint(
                condition=Q(method="consensus", votes_for__isnull=True)
                | Q(method="vote", votes_for__isnull=False, votes_against__isnull=False),
                name="meetings_decision_vote_counts",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


def _action_upload_to(instance: "ActionItem", filename: str) -> str:
    return f"meetings/actions/{instance.agenda_item_id}/{filename}"


class ActionItem(Versioned, BaseModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    owner_organization = models.ForeignKey(
        Organization,
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="meeting_actions",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_actions",
    )
    due_date = models.DateField(_("due date"), db_index=True)
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    completion_note = models.TextField(_("what was done"), blank=True)
    completion_file = models.FileField(
        _("evidence"), upload_to=_action_upload_to, blank=True, max_length=200
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(completion_note="") | ~Q(completion_file=""),
                name="meetings_action_done_has_evidence",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "status", "due_date"], name="meetings_action_owner"),
        ]

    def __str__(self) -> str:
        return self.title
