"""Organisations (governments, agencies, NGOs, …) and the people who work for them.

Every protected object in Simpul belongs to one or more organisations; a user's memberships
and each organisation's oversight decide what the user may see (see access.py).
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simpul.core.models import BaseModel
from simpul.regions.models import Region


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def active(self) -> "OrganizationQuerySet":
        return self.filter(is_active=True)

    def governments(self) -> "OrganizationQuerySet":
        return self.filter(kind=Organization.Kind.REGIONAL_GOVERNMENT)


class Organization(BaseModel):
    class Kind(models.TextChoices):
        REGIONAL_GOVERNMENT = "regional_government", _("Regional government")
        REGIONAL_AGENCY = "regional_agency", _("Regional agency (OPD)")
        DPRD = "dprd", _("Regional council (DPRD)")
        NGO = "ngo", _("NGO")
        BUSINESS = "business", _("Business")
        UNIVERSITY = "university", _("University")
        COMMUNITY_GROUP = "community_group", _("Community group")
        JOINT_SECRETARIAT = "joint_secretariat", _("Joint secretariat")
        CENTRAL_GOVERNMENT = "central_government", _("Central government")
        FOREIGN_PARTNER = "foreign_partner", _("Foreign partner")

    # Kinds that belong to exactly one region.
    REGIONAL_KINDS = {Kind.REGIONAL_GOVERNMENT, Kind.REGIONAL_AGENCY, Kind.DPRD}

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
        help_text=_(
            "The region a government, agency or DPRD belongs to, or a partner's home region"
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    member_regions = models.ManyToManyField(
        Region,
        verbose_name=_("member regions"),
        blank=True,
        related_name="joint_bodies",
        help_text=_("For a joint secretariat: the regions it serves"),
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(kind="regional_government"),
                name="organizations_one_government_per_region",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["regional_government", "regional_agency", "dprd"])
                | Q(region__isnull=False),
                name="organizations_regional_kinds_have_region",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organizations:organization-detail", kwargs={"pk": self.pk})

    @property
    def is_central_government(self) -> bool:
        return self.kind == self.Kind.CENTRAL_GOVERNMENT

    @property
    def is_province_government(self) -> bool:
        return (
            self.kind == self.Kind.REGIONAL_GOVERNMENT
            and self.region is not None
            and self.region.level == Region.Level.PROVINCE
        )


class Membership(BaseModel):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        COORDINATOR = "coordinator", _("Coordinator")
        EDITOR = "editor", _("Editor")
        DATA_OFFICER = "data_officer", _("Data officer")
        VIEWER = "viewer", _("Viewer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="organizations_one_membership_per_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization} ({self.get_role_display()})"


def _default_expiry():
    return timezone.now() + timedelta(days=settings.SIMPUL_INVITATION_MAX_AGE_DAYS)


class Invitation(BaseModel):
    """An e-mailed, signed, expiring offer to join an organisation with a role."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    token_nonce = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    expires_at = models.DateTimeField(_("expires at"), default=_default_expiry)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=Q(status="pending"),
                name="organizations_one_pending_invitation_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at
