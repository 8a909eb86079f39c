"""The cooperation team (issue 15, item 1): a region's TKKSD (Tim Koordinasi Kerja Sama Daerah)
and the working teams formed for an agreement, with their members, competencies and training.

A team belongs to one organisation (a TKKSD to its regional government; a working team to the
organisation that formed it, and to an agreement). Its decree (SK) is history, never an
overwrite: each SK is an immutable `Decree` row, and the team caches the latest one's number,
date and term (as an agreement caches its state). Every other change to a team is an immutable
`TeamEvent`. The competency and selection-criteria lists are data, editable in the admin and
seeded by migration `0002`."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement
from simpul.core.claims import Versioned
from simpul.core.events import ImmutableEvent
from simpul.core.models import BaseModel
from simpul.organizations.models import Organization

# How far ahead the team page flags an ending term, and when reminders go out.
EXPIRY_WARNING_DAYS = 60
REMINDER_DAYS = (90, 30, 0)


class Competency(BaseModel):
    """One entry of the maintained competency list (negotiation, legal drafting, …)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Indonesian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    required_by_default = models.BooleanField(
        _("required by default"),
        default=False,
        help_text=_("National default: a new team requires it unless its editors change that."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name_en if (get_language() or "id").startswith("en") else self.name


class SelectionCriterion(BaseModel):
    """One entry of the maintained list of criteria a member may be selected on."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Indonesian)"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("selection criterion")
        verbose_name_plural = _("selection criteria")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name_en if (get_language() or "id").startswith("en") else self.name


class Team(Versioned, BaseModel):
    class Kind(models.TextChoices):
        TKKSD = "tkksd", _("TKKSD (regional cooperation coordination team)")
        WORKING = "working", _("Working team")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="teams"
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="teams",
    )
    required_competencies = models.ManyToManyField(
        Competency, verbose_name=_("required competencies"), blank=True, related_name="+"
    )
    # The latest decree's, kept by services.decree_record (the Decree rows are the history).
    sk_number = models.CharField(_("decree (SK) number"), max_length=120, blank=True)
    sk_date = models.DateField(_("decree date"), null=True, blank=True)
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["organization__name", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(kind="tkksd"),
                name="teams_one_tkksd_per_organization",
            ),
            models.CheckConstraint(
                condition=Q(kind="tkksd", agreement__isnull=True)
                | Q(kind="working", agreement__isnull=False),
                name="teams_working_team_has_agreement",
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_start__isnull=True)
                | Q(term_end__gte=models.F("term_start")),
                name="teams_term_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("teams:team-detail", kwargs={"pk": self.pk})


def _decree_upload_to(instance: "Decree", filename: str) -> str:
    # Never the uploaded name: a random key, so no path tricks and no collisions.
    return f"teams/{instance.team_id}/sk/{uuid.uuid4().hex}"


def _certificate_upload_to(instance: "Training", filename: str) -> str:
    return f"teams/certificates/{uuid.uuid4().hex}"


class Decree(ImmutableEvent):
    """One decree (SK) forming or renewing a team: a new SK is a new row, never an edit."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="decrees")
    number = models.PositiveIntegerField(_("version"))
    sk_number = models.CharField(_("decree (SK) number"), max_length=120)
    sk_date = models.DateField(_("decree date"))
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))
    file = models.FileField(_("decree document"), upload_to=_decree_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("decree")
        verbose_name_plural = _("decrees")
        ordering = ["team", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["team", "number"], name="teams_one_decree_number"),
        ]

    def __str__(self) -> str:
        return self.sk_number


class TeamMember(BaseModel):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")
        ADVISOR = "advisor", _("Advisor")

    # One person at a time holds these: overlapping terms are refused.
    SINGLE_HOLDER_ROLES = (Role.CHAIR, Role.SECRETARY)

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="team_memberships",
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    agency = models.ForeignKey(
        Organization,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The organisation or agency the person sits in the team for."),
    )
    # Personal data: shown to the team's readers only, never on a public page or in open data.
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    criteria = models.ManyToManyField(
        SelectionCriterion, verbose_name=_("selection criteria met"), blank=True, related_name="+"
    )
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["team", "role", "user__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gte=models.F("term_start")),
                name="teams_member_term_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def is_current_on(self, day: date) -> bool:
        return self.term_start <= day <= self.term_end


class MemberCompetency(BaseModel):
    class Level(models.TextChoices):
        BASIC = "basic", _("Basic")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    member = models.ForeignKey(TeamMember, on_delete=models.CASCADE, related_name="competencies")
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("member competency")
        verbose_name_plural = _("member competencies")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "competency"], name="teams_one_entry_per_competency"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency} ({self.get_level_display()})"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class Training(BaseModel):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        MENTORING = "mentoring", _("Mentoring")

    member = models.ForeignKey(TeamMember, on_delete=models.CASCADE, related_name="trainings")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TRAINING)
    course = models.CharField(_("course"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=200)
    held_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency it builds"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    certificate = models.FileField(
        _("certificate"), upload_to=_certificate_upload_to, max_length=200, blank=True
    )
    certificate_name = models.CharField(_("file name"), max_length=200, blank=True)
    certificate_type = models.CharField(_("content type"), max_length=100, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("training or mentoring")
        verbose_name_plural = _("trainings and mentoring")
        ordering = ["member", "-held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=2000), name="teams_training_hours_sane"
            ),
        ]

    def __str__(self) -> str:
        return self.course


class TeamEvent(ImmutableEvent):
    """An append-only line of a team's history: formed, a new SK, members joining, changes."""

    class Action(models.TextChoices):
        FORMED = "formed", _("Team formed")
        DECREE = "decree", _("New decree recorded")
        EDITED = "edited", _("Team details changed")
        MEMBER_ADDED = "member_added", _("Member added")
        COMPETENCY = "competency", _("Competency recorded")
        VERIFIED = "verified", _("Competency verified")
        TRAINING = "training", _("Training recorded")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    occurred_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("team event")
        verbose_name_plural = _("team events")
        ordering = ["team", "-occurred_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.team_id}: {self.action}"
