"""Forums: standing bodies of several organisations that meet (a region's TKKSD, a joint
secretariat such as Sekber Kartamantul, a network of regions)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.core.claims import Versioned
from simpul.core.models import BaseModel
from simpul.organizations.models import Organization


class QuorumRule(models.TextChoices):
    """How many of the member (or party) organisations must be represented. Shared by forums
    and meetings: a meeting without its own rule takes its forum's, and an agreement's meeting
    needs every party."""

    EVERY_MEMBER = "every_member", _("Every member organisation represented")
    MAJORITY = "majority", _("More than half of the member organisations represented")
    NONE = "none", _("No quorum rule")


class Cadence(models.TextChoices):
    """How often a forum declares it meets; collaboration health compares meetings held with it."""

    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMIANNUAL = "semiannual", _("Twice a year")
    ANNUAL = "annual", _("Once a year")
    AS_NEEDED = "as_needed", _("As needed")


class Forum(Versioned, BaseModel):
    class Kind(models.TextChoices):
        TKKSD = "tkksd", _("Regional cooperation team (TKKSD)")
        JOINT_SECRETARIAT = "joint_secretariat", _("Joint secretariat")
        NETWORK = "network", _("Network of regions")
        OTHER = "other", _("Other forum")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    # The organisation that runs the forum: its editors schedule meetings and manage members.
    secretariat = models.ForeignKey(
        Organization,
        verbose_name=_("secretariat"),
        on_delete=models.PROTECT,
        related_name="forums_run",
    )
    members = models.ManyToManyField(
        Organization,
        through="ForumMember",
        verbose_name=_("member organisations"),
        related_name="forums",
    )
    cadence = models.CharField(
        _("declared cadence"), max_length=12, choices=Cadence.choices, default=Cadence.MONTHLY
    )
    quorum = models.CharField(
        _("quorum rule"), max_length=16, choices=QuorumRule.choices, default=QuorumRule.MAJORITY
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("meetings:forum-detail", kwargs={"slug": self.slug})


class ForumMember(BaseModel):
    """An organisation's seat in a forum, with the person who usually represents it."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="forum_seats",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_delegations",
    )

    class Meta:
        verbose_name = _("forum member")
        verbose_name_plural = _("forum members")
        ordering = ["organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "organization"], name="meetings_one_seat_per_organization"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} @ {self.forum}"
