"""Complaints and aspirations (pengaduan/aspirasi) from the public, LAPOR! SP4N-style.

A complaint gets a tracking code (ADU-2026-000123) and a secret access key; it is routed to
the responsible organisation, verified within 3 working days, followed up within 5 and
closed 10 after (counted in Indonesian working days with national holidays and configurable
collective leave, see workdays.py). Every step is an append-only ComplaintEvent.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement
from simpul.core.claims import Versioned
from simpul.core.events import ImmutableEvent
from simpul.core.models import BaseModel
from simpul.organizations.models import Organization
from simpul.regions.models import Region


class Category(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_id = models.CharField(_("name (Indonesian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "id").startswith("en") else self.name_id


class DayOff(models.Model):
    """A non-working day the holidays library does not know (cuti bersama, a local
    decision); national holidays come from the `holidays` package."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("day off")
        verbose_name_plural = _("days off")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"


class Complaint(Versioned, BaseModel):
    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint (pengaduan)")
        ASPIRATION = "aspiration", _("Aspiration (aspirasi)")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
        RECEIVED = "received", _("Received")
        VERIFIED = "verified", _("Verified")
        IN_FOLLOW_UP = "in_follow_up", _("Being followed up")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        REJECTED = "rejected", _("Outside our remit")

    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()
    # Only a hash of the secret key given at intake: a guessed code alone shows nothing.
    access_key_hash = models.CharField(max_length=64)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT)
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("cooperation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    title = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("what happened"))
    photo = models.FileField(_("photo"), upload_to="complaints/%Y/", blank=True, max_length=200)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"))
    # The language the complainant used the form in: their e-mails are written in it.
    language = models.CharField(max_length=8, blank=True)
    confirm_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True)
    responsible = models.ForeignKey(
        Organization,
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.UNCONFIRMED,
        db_index=True,
    )
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    verify_due = models.DateField(_("verify by"), null=True, blank=True)
    follow_up_due = models.DateField(_("follow up by"), null=True, blank=True)
    close_due = models.DateField(_("close by"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    answer = models.TextField(_("official answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    # The deadline ("verify", "follow_up") last escalated: each is escalated at most once.
    escalated_for = models.CharField(max_length=12, blank=True)
    last_reminder_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="complaints_number_once"),
        ]
        indexes = [models.Index(fields=["status", "verify_due"], name="complaints_due_idx")]

    def __str__(self) -> str:
        return self.tracking_code


class ComplaintEvent(ImmutableEvent):
    """An append-only step in a complaint's life; public ones show on the tracking page."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12)
    note = models.TextField(_("note"), blank=True)
    is_public = models.BooleanField(_("shown to the public"), default=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    occurred_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["complaint", "occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.from_status}→{self.to_status}"

    @property
    def to_status_label(self) -> str:
        try:
            return Complaint.Status(self.to_status).label
        except ValueError:
            return self.to_status


class TrackingAttempt(models.Model):
    """One look-up on the public tracking form, counted per address to slow down guessing
    (simpul.core.abuse.over_limit); rows older than a day are deleted by the worker."""

    ip_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("tracking attempt")
        verbose_name_plural = _("tracking attempts")

    def __str__(self) -> str:
        return f"{self.ip_hash[:8]} {self.created_at}"
