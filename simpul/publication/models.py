"""What of an agreement the public may see: default rules per stage, and audited decisions.

The effective answer for (agreement, kind[, object]) is the latest PublicationDecision when
one exists, else the PublicationRule for the agreement's stage (no rule row = internal).
Nothing is public unless the agreement's SUMMARY is public. selectors.py is the one gate the
portal, open data and API read through.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement, Document, Party
from simpul.core.events import ImmutableEvent
from simpul.core.models import BaseModel

from .kinds import InfoKind


class PublicationRule(models.Model):
    """A default: information of this kind is public while an agreement is in this stage."""

    kind = models.CharField(_("kind of information"), max_length=20, choices=InfoKind.choices)
    stage_code = models.SlugField(_("stage"), max_length=40)
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        verbose_name = _("publication rule")
        verbose_name_plural = _("publication rules")
        ordering = ["kind", "stage_code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "stage_code"], name="publication_rule_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}@{self.stage_code}: {'public' if self.is_public else 'internal'}"


class PublicationDecision(BaseModel):
    """The current decision overriding the default; one row per (agreement, kind, object).
    target_id is 0 for per-agreement kinds, else the Document or Report id."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="publication_decisions"
    )
    kind = models.CharField(_("kind of information"), max_length=20, choices=InfoKind.choices)
    target_id = models.PositiveBigIntegerField(default=0)
    is_public = models.BooleanField(_("public"))
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who decided, as the audit records actors ("system:seed_demo" when the platform did):
    # an empty decided_by then still tells the system apart from a deleted account.
    decided_by_label = models.CharField(_("decided by"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("publication decision")
        verbose_name_plural = _("publication decisions")
        ordering = ["agreement", "kind", "target_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind", "target_id"], name="publication_decision_once"
            ),
        ]
        indexes = [models.Index(fields=["kind", "is_public"], name="publication_kind_public")]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.kind}:{self.target_id} → {self.is_public}"


class PublicationEvent(ImmutableEvent):
    """Immutable history of every publish and unpublish, with who, when and why."""

    class Action(models.TextChoices):
        PUBLISH = "publish", _("Published")
        UNPUBLISH = "unpublish", _("Made internal")
        RESET = "reset", _("Back to the default")
        CONSENT = "consent", _("Consent given")
        WITHDRAW = "withdraw", _("Consent withdrawn")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="publication_events"
    )
    kind = models.CharField(_("kind of information"), max_length=20, choices=InfoKind.choices)
    target_id = models.PositiveBigIntegerField(default=0)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices, blank=True)
    is_public = models.BooleanField(_("public"))
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("by"), max_length=200)
    occurred_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("publication event")
        verbose_name_plural = _("publication events")
        ordering = ["agreement", "-occurred_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.kind}:{self.target_id} → {self.is_public}"


class PublicationConsent(BaseModel):
    """A party consents to publishing the full text of a binding document (KB, PKS,
    addendum); the text is public only when every party has consented."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="consents")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="consents")
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("publication consent")
        verbose_name_plural = _("publication consents")
        constraints = [
            models.UniqueConstraint(fields=["document", "party"], name="publication_consent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} ← {self.party_id}"
