"""Cooperation plans (MISSION C3): one plan per agreement, worked on as a live draft and frozen
as an immutable `PlanVersion` snapshot each time the parties approve it.

The live rows (assessments, objectives, strategies, risks, programs, activities, budget lines)
keep stable primary keys across versions, so indicators, data and warnings that point at them
survive a revision; what a version looked like is its snapshot, and the diff between two
versions is computed from snapshots (services.plan_diff).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement, Obligation, Party
from simpul.core.claims import Versioned
from simpul.core.events import ImmutableEvent
from simpul.core.models import BaseModel
from simpul.regions.models import Region


class Plan(Versioned, BaseModel):
    """Its `version` moves with the plan's own changes (summary, submit, approve, return,
    revise); each part row has its own version, so edits of two rows never conflict."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for approval")
        APPROVED = "approved", _("Approved")

    agreement = models.OneToOneField(Agreement, on_delete=models.CASCADE, related_name="plan")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # The version being drafted, or the one last approved when status is approved.
    number = models.PositiveIntegerField(_("version number"), default=1)
    summary = models.TextField(_("summary"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("cooperation plan")
        verbose_name_plural = _("cooperation plans")

    def __str__(self) -> str:
        return f"{self.agreement.reference_code} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("plans:plan-detail", kwargs={"agreement_pk": self.agreement_id})

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class PlanVersion(ImmutableEvent):
    """An approved version, frozen: the snapshot and its SHA-256 never change."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version number"))
    snapshot = models.JSONField(_("snapshot"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    approved_at = models.DateTimeField(_("approved at"))

    class Meta:
        verbose_name = _("approved plan version")
        verbose_name_plural = _("approved plan versions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plans_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} #{self.number}"


class PlanEvent(ImmutableEvent):
    """What happened to the plan, in order: submitted, approved by a party, returned, approved,
    revision started. Immutable."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for approval")
        PARTY_APPROVED = "party_approved", _("Approved by a party")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved by all parties")
        REVISION_STARTED = "revision_started", _("Revision started")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events")
    number = models.PositiveIntegerField(_("version number"))
    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    party = models.ForeignKey(
        Party, on_delete=models.SET_NULL, null=True, blank=True, related_name="plan_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("by"), max_length=200)
    occurred_at = models.DateTimeField(_("time"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("plan event")
        verbose_name_plural = _("plan events")
        ordering = ["plan", "occurred_at", "pk"]
        indexes = [models.Index(fields=["plan", "number", "kind"])]

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_kind_display()}"


class PlanPart(Versioned, BaseModel):
    """A row of the live plan, versioned on its own (simpul.core.merge merges concurrent edits
    field by field). Rows of a submitted or approved plan are read-only: services claim the row
    and check, in the same transaction, that the plan is still a draft."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["plan", "position", "pk"]


class NeedsAssessment(PlanPart):
    class Method(models.TextChoices):
        SURVEY = "survey", _("Survey")
        FIELD_STUDY = "field_study", _("Field study")
        INTERVIEWS = "interviews", _("Interviews")
        FOCUS_GROUP = "focus_group", _("Focus group discussion")
        LITERATURE = "literature", _("Literature and data review")
        OTHER = "other", _("Other")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assessments")
    title = models.CharField(_("title"), max_length=300)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    conducted_on = models.DateField(_("conducted on"), null=True, blank=True)
    needs = models.TextField(_("needs found"), blank=True)
    potentials = models.TextField(_("potentials found"), blank=True)
    attachment = models.FileField(
        _("attachment"), upload_to="plans/assessments/%Y/", max_length=200, blank=True
    )
    attachment_name = models.CharField(_("file name"), max_length=200, blank=True)
    attachment_sha256 = models.CharField(max_length=64, blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = _("needs and potential assessment")
        verbose_name_plural = _("needs and potential assessments")

    def __str__(self) -> str:
        return self.title


class Objective(PlanPart):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(_("code"), max_length=20)
    statement = models.CharField(_("objective"), max_length=500)

    class Meta(PlanPart.Meta):
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="plans_objective_code_once"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.statement}"


class Strategy(PlanPart):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="strategies")
    description = models.TextField(_("strategy"))
    stakeholders_consulted = models.TextField(_("stakeholders consulted"), blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return self.description[:80]


class Risk(PlanPart):
    class Level(models.IntegerChoices):
        VERY_LOW = 1, _("Very low")
        LOW = 2, _("Low")
        MEDIUM = 3, _("Medium")
        HIGH = 4, _("High")
        VERY_HIGH = 5, _("Very high")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField(_("risk or obstacle"))
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), choices=Level.choices)
    impact = models.PositiveSmallIntegerField(_("impact"), choices=Level.choices)
    mitigation = models.TextField(_("mitigation"), blank=True)
    owner = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="risks",
        verbose_name=_("owner"),
    )

    class Meta(PlanPart.Meta):
        verbose_name = _("risk")
        verbose_name_plural = _("risks")

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class Program(PlanPart):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="programs")
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programs",
        verbose_name=_("objective"),
    )
    name = models.CharField(_("program"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return self.name


class Activity(PlanPart):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DELAYED = "delayed", _("Delayed")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="activities")
    name = models.CharField(_("activity"), max_length=300)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    responsible = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("responsible party"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)

    class Meta(PlanPart.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="plans_activity_dates"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="plans_activity_progress"),
        ]
        indexes = [models.Index(fields=["status", "end_date"])]

    def __str__(self) -> str:
        return self.name


class BudgetLine(PlanPart):
    """Money for one activity from one party, source and fiscal year: planned vs realised.
    Realised above planned is allowed and flagged (services and the budget table say so)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budget_lines")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="budget_lines")
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("party")
    )
    funding_source = models.CharField(
        _("funding source"), max_length=10, choices=Obligation.FundingSource.choices
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    planned = models.DecimalField(_("planned (Rp)"), max_digits=18, decimal_places=2)
    realised = models.DecimalField(
        _("realised (Rp)"), max_digits=18, decimal_places=2, default=Decimal(0)
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta(PlanPart.Meta):
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(condition=Q(planned__gte=0), name="plans_budget_planned_gte_0"),
            models.CheckConstraint(
                condition=Q(realised__gte=0), name="plans_budget_realised_gte_0"
            ),
        ]
        indexes = [models.Index(fields=["plan", "fiscal_year", "party"])]

    def __str__(self) -> str:
        return f"{self.activity} {self.fiscal_year}"

    @property
    def absorption(self) -> Decimal | None:
        """Realised as a percentage of planned (None when nothing was planned)."""
        if not self.planned:
            return None
        return (self.realised * 100 / self.planned).quantize(Decimal("0.1"))

    @property
    def is_over_plan(self) -> bool:
        return self.realised > self.planned


class ApprovedBudgetLine(models.Model):
    """A budget line of the plan's latest approved version, copied when the parties approve
    it (plans.services.plan_approve) from the same rows its frozen snapshot was made of, and
    never edited. Public pages, open data, the API, the scorecard and reports sum these, not
    the live BudgetLine rows, so a draft revision's figures are never public; rows here make
    the sums SQL (one query nationwide) instead of reading every snapshot's JSON."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="budget_lines")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="approved_budget_lines")
    # The live line's stable id (the key of the line in the version's snapshot).
    line_id = models.PositiveIntegerField(_("budget line"))
    party = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("party"),
    )
    party_name = models.CharField(_("party"), max_length=300)
    activity_name = models.CharField(_("activity"), max_length=300)
    funding_source = models.CharField(
        _("funding source"), max_length=10, choices=Obligation.FundingSource.choices, blank=True
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    planned = models.DecimalField(_("planned (Rp)"), max_digits=18, decimal_places=2)
    realised = models.DecimalField(_("realised (Rp)"), max_digits=18, decimal_places=2)
    approved_at = models.DateTimeField(_("approved at"))

    class Meta:
        verbose_name = _("approved budget line")
        verbose_name_plural = _("approved budget lines")
        ordering = ["plan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "line_id"], name="plans_approved_line_once")
        ]
        indexes = [models.Index(fields=["plan", "fiscal_year", "party"])]

    def __str__(self) -> str:
        return f"{self.activity_name} {self.fiscal_year}"
