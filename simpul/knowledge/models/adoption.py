"""The adoption loop: an organisation marks interest in a practice, visits (an exchange
visit and its learning report, in simpul.meetings: linked, never copied), decides (adopt,
adapt or not now, with the reason), plans the adoption (an agreement, a plan activity or a
new agreement draft) and follows it with an indicator whose verified values show the result.

One row per practice and adopting organisation; its status moves through the kernel's
`ADOPTION` machine (services_adoption.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement
from simpul.core.claims import Versioned
from simpul.core.models import BaseModel
from simpul.meetings.models import LearningReport
from simpul.monitoring.models import Indicator
from simpul.organizations.models import Organization
from simpul.plans.models import Activity

from .items import KnowledgeItem


class Adoption(Versioned, BaseModel):
    class Status(models.TextChoices):
        INTERESTED = "interested", _("Interested")
        VISITED = "visited", _("Visited")
        DECIDED = "decided", _("Decided")
        IMPLEMENTING = "implementing", _("Being implemented")

    class Decision(models.TextChoices):
        ADOPT = "adopt", _("Adopt as it is")
        ADAPT = "adapt", _("Adapt it")
        NOT_NOW = "not_now", _("Not now")

    item = models.ForeignKey(KnowledgeItem, on_delete=models.CASCADE, related_name="adoptions")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("adopting organisation"),
        on_delete=models.PROTECT,
        related_name="knowledge_adoptions",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.INTERESTED,
        db_index=True,
    )  # fmt: skip
    interest_note = models.TextField(_("why it interests us"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    learning_report = models.ForeignKey(
        LearningReport,
        verbose_name=_("learning report of the visit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoptions",
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    plan_agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement that carries it out"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_adoptions",
    )
    plan_activity = models.ForeignKey(
        Activity,
        verbose_name=_("plan activity that carries it out"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    plan_note = models.TextField(_("adoption plan"), blank=True)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("follow-up indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["item", "organization__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "organization"], name="knowledge_one_adoption_per_organization"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["interested", "visited"]) | ~Q(decision=""),
                name="knowledge_adoption_decided_has_decision",
            ),
            models.CheckConstraint(
                condition=~Q(status="implementing") | Q(decision__in=["adopt", "adapt"]),
                name="knowledge_adoption_implements_a_yes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.item}"

    @property
    def carried_out_by(self) -> Agreement | None:
        """The agreement that carries the adoption out: the plan's, else the activity's."""
        if self.plan_agreement_id is not None:
            return self.plan_agreement
        if self.plan_activity_id is not None:
            return self.plan_activity.plan.agreement  # type: ignore[union-attr]
        return None
