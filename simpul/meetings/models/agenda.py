"""The agenda: ordered items, proposed by invitees and accepted or declined by the organiser.

What an item is about is one of a few nullable foreign keys (at most one set, a database
check), not a generic reference: each target is a row of a known table with its own
agreement, so the link keeps referential integrity, is loaded with `select_related` in the
same query as the agenda, and is checked against the meeting's agreement in the service.
Decisions and action items (the minutes) hang off `AgendaItem`.
"""

from itertools import combinations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement, Dispute
from simpul.core.claims import Versioned
from simpul.core.models import BaseModel
from simpul.monitoring.models import EarlyWarning, FollowUp, Indicator
from simpul.plans.models import Activity

from .meetings import Meeting

# The things an agenda item may be about, by field name.
SUBJECT_FIELDS = ("agreement", "activity", "indicator", "early_warning", "dispute", "follow_up")


def _at_most_one_subject() -> Q:
    condition = Q()
    for first, second in combinations(SUBJECT_FIELDS, 2):
        condition &= Q(**{f"{first}__isnull": True}) | Q(**{f"{second}__isnull": True})
    return condition


class AgendaItem(Versioned, BaseModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("On the agenda")
        DECLINED = "declined", _("Declined")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    minutes_allotted = models.PositiveSmallIntegerField(
        _("minutes allotted"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACCEPTED, db_index=True
    )
    decline_reason = models.CharField(_("reason for declining"), max_length=500, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # What the item is about (at most one).
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("plan activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    early_warning = models.ForeignKey(
        EarlyWarning,
        verbose_name=_("early warning"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dispute = models.ForeignKey(
        Dispute,
        verbose_name=_("dispute"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    follow_up = models.ForeignKey(
        FollowUp,
        verbose_name=_("evaluation follow-up"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=_at_most_one_subject(), name="meetings_agenda_one_subject"
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="meetings_agenda_decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def subject(self) -> models.Model | None:
        for name in SUBJECT_FIELDS:
            if getattr(self, f"{name}_id") is not None:
                value: models.Model | None = getattr(self, name)
                return value
        return None
