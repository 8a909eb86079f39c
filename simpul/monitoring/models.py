"""Monitoring and evaluation (MISSION C4, C12): the results chain, SMART indicators with
targets per period, reporting periods, data submissions with provenance and evidence,
evaluations with follow-ups, and early warnings.

Indicators, results and periods belong to the agreement (not to a plan version), so years of
data survive plan revisions. Each indicator carries a denormalised summary of its latest
verified value (`latest_*`, `progress`, `status`), recomputed by
services.analysis.indicator_refresh whenever a submission is verified or returned, so
dashboards aggregate statuses in the database without reading every value.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement, Party
from simpul.core.claims import Versioned
from simpul.core.events import ImmutableEvent
from simpul.core.models import BaseModel
from simpul.organizations.models import Organization
from simpul.plans.models import Activity, Objective


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMESTER = "semester", _("Per semester")
    YEARLY = "yearly", _("Yearly")


PERIODS_PER_YEAR = {
    Frequency.MONTHLY: 12,
    Frequency.QUARTERLY: 4,
    Frequency.SEMESTER: 2,
    Frequency.YEARLY: 1,
}


class MonitoringSetup(BaseModel):
    """How an agreement is monitored; created with defaults on first use."""

    agreement = models.OneToOneField(
        Agreement, on_delete=models.CASCADE, related_name="monitoring_setup"
    )
    reporting_frequency = models.CharField(
        _("reporting frequency"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.QUARTERLY,
    )
    due_days = models.PositiveSmallIntegerField(
        _("data due (days after the period ends)"), default=15
    )
    evaluations_per_year = models.PositiveSmallIntegerField(_("evaluations per year"), default=1)

    class Meta:
        verbose_name = _("monitoring set-up")
        verbose_name_plural = _("monitoring set-ups")

    def __str__(self) -> str:
        return str(self.agreement)


class Result(BaseModel):
    """An outcome or output in the results chain: objective → outcome → output → activity."""

    class Level(models.TextChoices):
        OUTCOME = "outcome", _("Outcome")
        OUTPUT = "output", _("Output")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="results")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="results",
        verbose_name=_("objective"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("contributes to"),
    )
    code = models.CharField(_("code"), max_length=20)
    statement = models.CharField(_("result"), max_length=500)
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="results", verbose_name=_("activities")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["agreement", "level", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.statement}"


class Disaggregation(models.Model):
    """A configurable way to break values down (sex, age group, …). Values are always broken
    down by party (each party's region reports its own submission)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_id = models.CharField(_("name (Indonesian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("disaggregation")
        verbose_name_plural = _("disaggregations")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name_id


class DisaggregationOption(models.Model):
    disaggregation = models.ForeignKey(
        Disaggregation, on_delete=models.CASCADE, related_name="options"
    )
    code = models.SlugField(_("code"), max_length=40)
    name_id = models.CharField(_("name (Indonesian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("disaggregation option")
        verbose_name_plural = _("disaggregation options")
        ordering = ["disaggregation", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["disaggregation", "code"], name="monitoring_option_code_once"
            ),
        ]

    def __str__(self) -> str:
        return self.name_id


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def for_agreements(self, agreements):
        return self.filter(agreement__in=agreements)


class Indicator(Versioned, BaseModel):
    class Kind(models.TextChoices):
        NUMBER = "number", _("Number")
        PERCENTAGE = "percentage", _("Percentage")
        BOOLEAN = "boolean", _("Yes/no")
        QUALITATIVE = "qualitative", _("Qualitative")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Accumulation(models.TextChoices):
        CUMULATIVE = "cumulative", _("Cumulative (each value is the total so far)")
        PER_PERIOD = "per_period", _("Per period (each value counts that period only)")

    class Status(models.TextChoices):
        NO_DATA = "no_data", _("No data yet")
        ON_TRACK = "on_track", _("On track")
        AT_RISK = "at_risk", _("At risk")
        OFF_TRACK = "off_track", _("Off track")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="indicators")
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("objective"),
    )
    result = models.ForeignKey(
        Result,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("result"),
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("indicator"), max_length=300)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.NUMBER)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    frequency = models.CharField(
        _("reporting frequency"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.QUARTERLY,
    )
    accumulation = models.CharField(
        _("values are"),
        max_length=10,
        choices=Accumulation.choices,
        default=Accumulation.PER_PERIOD,
    )
    start_date = models.DateField(_("measured from"), null=True, blank=True)
    end_date = models.DateField(_("measured until"), null=True, blank=True)
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    collection_method = models.CharField(_("collection method"), max_length=300, blank=True)
    verification_means = models.CharField(_("means of verification"), max_length=300, blank=True)
    responsible_party = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("responsible party"),
    )
    disaggregations = models.ManyToManyField(
        Disaggregation, blank=True, related_name="indicators", verbose_name=_("disaggregations")
    )
    weight = models.DecimalField(
        _("weight in the roll-up"), max_digits=6, decimal_places=2, default=Decimal(1)
    )
    min_value = models.DecimalField(
        _("lowest valid value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("highest valid value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    # Status thresholds, in percent of the target achieved; shown beside every status.
    on_track_from = models.DecimalField(
        _("on track from (% of target)"), max_digits=5, decimal_places=1, default=Decimal(90)
    )
    at_risk_from = models.DecimalField(
        _("at risk from (% of target)"), max_digits=5, decimal_places=1, default=Decimal(70)
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    # Denormalised from verified data by services.analysis.indicator_refresh.
    latest_value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    latest_target = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    latest_period_end = models.DateField(null=True, blank=True)
    progress = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NO_DATA, db_index=True
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["agreement", "position", "code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "code"], name="monitoring_indicator_code_once"
            ),
            models.CheckConstraint(condition=Q(weight__gte=0), name="monitoring_weight_gte_0"),
        ]
        indexes = [
            models.Index(fields=["agreement", "status"]),
            # The overview lists the indicators furthest off track.
            models.Index(fields=["status", "progress"], name="monitoring_status_progress_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse(
            "monitoring:indicator-detail",
            kwargs={"agreement_pk": self.agreement_id, "pk": self.pk},
        )

    @property
    def is_quantitative(self) -> bool:
        return self.kind in {self.Kind.NUMBER, self.Kind.PERCENTAGE, self.Kind.BOOLEAN}


class Target(models.Model):
    """The target for one period of the indicator's frequency (number 1..12/4/2/1 in year)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("period"), default=1)
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=4, null=True)
    text = models.CharField(_("target (qualitative)"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "number"], name="monitoring_target_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}/{self.number}"


class ReportingPeriod(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Not open yet")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        LOCKED = "locked", _("Locked")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="reporting_periods"
    )
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("period"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    due_date = models.DateField(_("data due"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["agreement", "start", "frequency"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "frequency", "year", "number"],
                name="monitoring_period_once",
            ),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="period_dates"),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.year}/{self.number}"


class Submission(Versioned, BaseModel):
    """One party's data for one period: drafted, submitted, then verified or returned by the
    agreement's coordinators. The unit of provenance."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        VERIFIED = "verified", _("Verified")
        RETURNED = "returned", _("Returned for correction")

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="submissions"
    )
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="submissions")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Decided once (services/lateness.py): at the first submission, against the end of the
    # due date in the party's zone, or when that moment passes with nothing submitted. None
    # until then. Badges, reminders, warnings and the overview read it; nobody recomputes it.
    is_late = models.BooleanField(_("late"), null=True, blank=True, default=None)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("data submission")
        verbose_name_plural = _("data submissions")
        ordering = ["period", "party"]
        constraints = [
            models.UniqueConstraint(fields=["period", "party"], name="monitoring_submission_once"),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.party}"


class SubmissionEvent(ImmutableEvent):
    """Who did what to a submission, when and why. Immutable."""

    class Action(models.TextChoices):
        SAVED = "saved", _("Saved")
        UPLOADED = "uploaded", _("Uploaded from Excel")
        SUBMITTED = "submitted", _("Submitted")
        VERIFIED = "verified", _("Verified")
        RETURNED = "returned", _("Returned for correction")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("by"), max_length=200)
    occurred_at = models.DateTimeField(_("time"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("submission event")
        verbose_name_plural = _("submission events")
        ordering = ["submission", "occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.submission}: {self.get_action_display()}"


class DataValue(models.Model):
    """A value for one indicator in one submission; `option` None is the party's total."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    option = models.ForeignKey(
        DisaggregationOption, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4, null=True, blank=True)
    text = models.TextField(_("qualitative finding"), blank=True)
    narrative = models.TextField(_("narrative"), blank=True)
    is_outlier = models.BooleanField(_("unusual against history"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("data value")
        verbose_name_plural = _("data values")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator"],
                condition=Q(option__isnull=True),
                name="monitoring_value_total_once",
            ),
            models.UniqueConstraint(
                fields=["submission", "indicator", "option"],
                condition=Q(option__isnull=False),
                name="monitoring_value_option_once",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "submission"])]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value}"


def _evidence_upload_to(instance, filename: str) -> str:
    import secrets

    return f"evidence/{instance.submission_id}/{secrets.token_hex(16)}"


class Evidence(models.Model):
    """A file proving a submission's values (photos, minutes, scanned logs)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="evidence")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=_evidence_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["submission", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class Evaluation(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="evaluations")
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("covers from"))
    period_end = models.DateField(_("covers until"))
    conducted_on = models.DateField(_("conducted on"), null=True, blank=True)
    method = models.TextField(_("method"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.DRAFT
    )
    proposes_revision = models.BooleanField(_("proposes a plan revision"), default=False)
    revision_note = models.TextField(_("proposed revision"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["agreement", "-period_end", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="evaluation_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Finding(models.Model):
    class Kind(models.TextChoices):
        STRENGTH = "strength", _("Strength")
        WEAKNESS = "weakness", _("Weakness")
        LESSON = "lesson", _("Lesson learned")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("finding"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["evaluation", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Recommendation(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="recommendations"
    )
    finding = models.ForeignKey(
        Finding, on_delete=models.SET_NULL, null=True, blank=True, related_name="recommendations"
    )
    text = models.TextField(_("recommendation"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["evaluation", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class FollowUp(BaseModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="follow_ups"
    )
    action = models.CharField(_("follow-up action"), max_length=500)
    owner = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("owner")
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.action


class WarningRule(models.Model):
    """A configurable early-warning rule; the code names its check in services.warnings."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    # Days or percent, depending on the rule (each rule's description says which).
    threshold = models.DecimalField(
        _("threshold"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("early-warning rule")
        verbose_name_plural = _("early-warning rules")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class EarlyWarning(models.Model):
    """A warning raised by a rule for one subject, addressed to the organisation that can act.
    The message is rendered from `params` in the reader's language. Resolved when the rule no
    longer finds it."""

    class Severity(models.TextChoices):
        INFO = "info", _("Information")
        WARNING = "warning", _("Warning")
        CRITICAL = "critical", _("Critical")

    rule_code = models.SlugField(_("rule"), max_length=40)
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="early_warnings"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="early_warnings"
    )
    subject_key = models.CharField(max_length=120)
    severity = models.CharField(
        _("severity"), max_length=8, choices=Severity.choices, default=Severity.WARNING
    )
    params = models.JSONField(default=dict)
    link = models.CharField(max_length=300, blank=True)
    first_seen_at = models.DateTimeField(_("first seen"))
    last_seen_at = models.DateTimeField(_("last seen"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")
        ordering = ["-first_seen_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_code", "subject_key", "organization"],
                condition=Q(resolved_at__isnull=True),
                name="monitoring_warning_open_once",
            ),
        ]
        indexes = [models.Index(fields=["organization", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.rule_code} {self.subject_key}"


class LateDataReminder(models.Model):
    """That a late-data reminder for (period, party) went out on a day: the unique row makes
    sending idempotent per day, across workers."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("late-data reminder")
        verbose_name_plural = _("late-data reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "party", "sent_on"], name="monitoring_reminder_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.party} {self.sent_on}"
