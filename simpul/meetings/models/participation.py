"""Who is invited to a meeting, how they answered, who came; and each person's calendar feed."""

import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from simpul.core.models import BaseModel
from simpul.organizations.models import Organization

from .meetings import Meeting


class Invitation(BaseModel):
    """An invitation to one organisation (its delegates), one named user, or one external
    person without an account (an invited expert), with that invitee's answer."""

    class Kind(models.TextChoices):
        ORGANIZATION = "organization", _("Organisation")
        PERSON = "person", _("Person")
        EXTERNAL = "external", _("External guest")

    class Rsvp(models.TextChoices):
        PENDING = "pending", _("No answer yet")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        DELEGATED = "delegated", _("Sends a delegate")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    # A copy of the meeting's start, so "the meetings these organisations are invited to in
    # this month" is one index range (organisation, start) instead of every invitation they
    # ever had (issue 12's benchmark). Set on save, moved with the meeting by
    # `services.meeting_update`, checked and repaired by `manage.py meetings_audience`.
    meeting_starts_at = models.DateTimeField(_("meeting starts at"), editable=False)
    kind = models.CharField(_("invitee"), max_length=12, choices=Kind.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meeting_invitations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meeting_invitations",
    )
    # An external guest: who they are, for the invitation, the attendance list and the minutes.
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    affiliation = models.CharField(_("organisation"), max_length=200, blank=True)
    expertise = models.CharField(_("field of expertise"), max_length=200, blank=True)
    rsvp = models.CharField(
        _("answer"), max_length=10, choices=Rsvp.choices, default=Rsvp.PENDING, db_index=True
    )
    delegate_name = models.CharField(_("delegate"), max_length=200, blank=True)
    rsvp_note = models.CharField(_("note with the answer"), max_length=500, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Part of an external guest's signed link; a new nonce makes every earlier link void.
    link_nonce = models.UUIDField(default=uuid.uuid4, editable=False)
    # The meeting's sequence last mailed to this invitee (None: not mailed yet).
    sent_sequence = models.PositiveIntegerField(null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("meeting invitation")
        verbose_name_plural = _("meeting invitations")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="organization", organization__isnull=False, user__isnull=True)
                | Q(kind="person", user__isnull=False, organization__isnull=True)
                | (
                    Q(kind="external", organization__isnull=True, user__isnull=True)
                    & ~Q(email="")
                    & ~Q(name="")
                ),
                name="meetings_invitation_one_invitee",
            ),
            models.CheckConstraint(
                condition=~Q(rsvp="delegated") | ~Q(delegate_name=""),
                name="meetings_invitation_delegate_named",
            ),
            models.UniqueConstraint(
                fields=["meeting", "organization"],
                condition=Q(organization__isnull=False),
                name="meetings_invite_organization_once",
            ),
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False),
                name="meetings_invite_person_once",
            ),
            models.UniqueConstraint(
                "meeting",
                Lower("email"),
                condition=Q(kind="external"),
                name="meetings_invite_guest_once",
            ),
        ]
        indexes = [
            # The meeting last, so the visibility rule reads the index alone.
            models.Index(
                fields=["organization", "meeting_starts_at", "meeting"],
                name="meetings_invite_org_start",
            ),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.meeting_starts_at is None:
            self.meeting_starts_at = self.meeting.starts_at
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.invitee_label

    @property
    def invitee_label(self) -> str:
        if self.kind == self.Kind.ORGANIZATION and self.organization is not None:
            return self.organization.name
        if self.kind == self.Kind.PERSON and self.user is not None:
            return str(getattr(self.user, "full_name", "") or self.user.email)
        return self.name

    @property
    def expert_line(self) -> str:
        """An invited expert's field and organisation on one line ("Pengelolaan sampah —
        Universitas Gadjah Mada"), for the meeting page and the attendance list."""
        return " — ".join(part for part in (self.expertise, self.affiliation) if part)


class Attendance(BaseModel):
    """One person on the attendance list: present, represented by someone, or absent (with a
    reason). `organization` is whom they attended for, which the quorum counts."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        REPRESENTED = "represented", _("Represented")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    invitation = models.ForeignKey(
        Invitation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendance",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    status = models.CharField(_("attendance"), max_length=12, choices=Status.choices)
    represented_by = models.CharField(_("represented by"), max_length=200, blank=True)
    absence_reason = models.CharField(_("reason for absence"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["organization__name", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="meetings_attendance_named"),
            models.CheckConstraint(
                condition=~Q(status="represented") | ~Q(represented_by=""),
                name="meetings_attendance_representative_named",
            ),
            models.UniqueConstraint(
                "meeting",
                Lower("name"),
                "organization",
                name="meetings_attendance_person_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.get_status_display()}"

    @property
    def counts_for_quorum(self) -> bool:
        return self.status in {self.Status.PRESENT, self.Status.REPRESENTED}


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(BaseModel):
    """A person's secret iCal feed address. Revoking sets `revoked_at`; a new feed is a new
    row with a new token, so an address once shared stops working for good."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="meetings_one_live_feed_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}"
