"""The stakeholder register of an agreement: who else takes part in a cooperation (NGOs,
businesses, universities, communities, media, donors, other governments), in what role, how
interested and how influential they are (the power–interest grid), and what they contribute
(funding, technology, labour, land or other resources, with value and evidence).

A stakeholder is an organisation on the platform (`organization`) or a named outside party
(`name`, `kind`); its contact person is personal data and never leaves the members' pages.
A contribution moves recorded → verified / rejected only through the CONTRIBUTION machine in
services.py, each move an immutable ContributionEvent; verifying is a party coordinator's or
admin's act, never the recorder's own."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement
from simpul.core.claims import Versioned
from simpul.core.events import ImmutableEvent
from simpul.core.models import BaseModel
from simpul.organizations.models import Invitation, Organization

NAME_MAX = 200
REASON_MAX = 300
TEXT_MAX = 2000
SCALE = (MinValueValidator(1), MaxValueValidator(5))


class Role(models.TextChoices):
    FUNDER = "funder", _("Funder")
    IMPLEMENTER = "implementer", _("Implementer")
    TECHNICAL_PARTNER = "technical_partner", _("Technical partner")
    BENEFICIARY = "beneficiary", _("Beneficiary")
    ADVOCATE = "advocate", _("Advocate")
    REGULATOR = "regulator", _("Regulator")


class Stakeholder(Versioned, BaseModel):
    class Kind(models.TextChoices):
        NGO = "ngo", _("NGO")
        PRIVATE = "private", _("Private sector")
        UNIVERSITY = "university", _("University")
        COMMUNITY = "community", _("Community")
        MEDIA = "media", _("Media")
        DONOR = "donor", _("Donor")
        GOVERNMENT = "government", _("Government")

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="stakeholders",
        verbose_name=_("agreement"),
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stakeholder_roles",
        verbose_name=_("organisation on the platform"),
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    # The name folded for the duplicate check (lower case, no punctuation, single spaces).
    name_key = models.CharField(max_length=NAME_MAX, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    roles = models.JSONField(_("roles"), default=list)
    interest = models.PositiveSmallIntegerField(_("interest (1–5)"), validators=SCALE)
    interest_reason = models.CharField(_("why this interest"), max_length=REASON_MAX, blank=True)
    influence = models.PositiveSmallIntegerField(_("influence (1–5)"), validators=SCALE)
    influence_reason = models.CharField(_("why this influence"), max_length=REASON_MAX, blank=True)
    # Personal data: shown to the agreement's readers only, never public, never in open data.
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), max_length=TEXT_MAX, blank=True)
    # The invitation to become a member (organizations' own flow) sent from the register.
    invitation = models.ForeignKey(
        Invitation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invitation to become a member"),
    )

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["agreement", "-influence", "-interest", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interest__gte=1, interest__lte=5, influence__gte=1, influence__lte=5),
                name="stakeholders_scale_1_to_5",
            ),
            models.UniqueConstraint(
                fields=["agreement", "organization"],
                condition=Q(organization__isnull=False),
                name="stakeholders_one_per_organization",
            ),
            models.UniqueConstraint(
                fields=["agreement", "name_key"], name="stakeholders_one_per_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def quadrant(self) -> str:
        return quadrant_of(self.influence, self.interest)

    @property
    def quadrant_label(self) -> str:
        return str(Quadrant(self.quadrant).label)

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(role).label) for role in self.roles if role in Role.values]


# The power–interest grid: 3 and above is "high" on the 1–5 scales.
HIGH = 3


class Quadrant(models.TextChoices):
    MANAGE_CLOSELY = "manage_closely", _("Manage closely")
    KEEP_SATISFIED = "keep_satisfied", _("Keep satisfied")
    KEEP_INFORMED = "keep_informed", _("Keep informed")
    MONITOR = "monitor", _("Monitor")


def quadrant_of(influence: int, interest: int) -> str:
    if influence >= HIGH:
        return Quadrant.MANAGE_CLOSELY if interest >= HIGH else Quadrant.KEEP_SATISFIED
    return Quadrant.KEEP_INFORMED if interest >= HIGH else Quadrant.MONITOR


class Contribution(Versioned, BaseModel):
    class Kind(models.TextChoices):
        FUNDING = "funding", _("Funding")
        TECHNOLOGY = "technology", _("Technology")
        LABOUR = "labour", _("Labour")
        LAND = "land", _("Land")
        OTHER = "other", _("Other resources")

    class Status(models.TextChoices):
        RECORDED = "recorded", _("Recorded")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    stakeholder = models.ForeignKey(
        Stakeholder,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("stakeholder"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=500)
    value = models.DecimalField(_("value (Rupiah)"), max_digits=17, decimal_places=2)
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(
        _("source"), max_length=100, blank=True, help_text=_("For example CSR, APBD or a grant.")
    )
    evidence = models.FileField(_("evidence"), upload_to="stakeholders/evidence/%Y/", blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECORDED, db_index=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified or rejected by"),
    )
    decided_at = models.DateTimeField(_("verified or rejected at"), null=True, blank=True)
    reject_reason = models.CharField(_("reason for rejecting"), max_length=REASON_MAX, blank=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["stakeholder", "-year", "pk"]
        indexes = [models.Index(fields=["status", "year"], name="stakeholders_contrib_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0), name="stakeholders_value_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reject_reason=""),
                name="stakeholders_rejected_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:40]}"


class ContributionEvent(ImmutableEvent):
    """An append-only step in a contribution's life: recorded, verified, rejected."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=12)
    from_status = models.CharField(_("from"), max_length=10, blank=True)
    to_status = models.CharField(_("to"), max_length=10)
    note = models.CharField(_("note"), max_length=REASON_MAX, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    occurred_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("contribution event")
        verbose_name_plural = _("contribution events")
        ordering = ["contribution", "occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.contribution_id}: {self.from_status}→{self.to_status}"
