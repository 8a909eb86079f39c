"""Meetings: when and where people of several organisations meet, for an agreement or a forum.

A meeting belongs to exactly one agreement or one forum (a database check). Times are stored
in UTC and carry the host's zone, in which the organiser typed them; everyone reads them in
their own zone. A recurring meeting is a `MeetingSeries` whose occurrences are stored as
ordinary `Meeting` rows (at most two years ahead), each remembering the start the rule gave it
(`recurrence_id`): moving or cancelling one occurrence is changing that row, and the
calendar, the clash check, reminders and minutes all work on rows.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement
from simpul.core.claims import Versioned
from simpul.core.events import ImmutableEvent
from simpul.core.models import BaseModel
from simpul.core.zones import WIB, WIT, WITA
from simpul.organizations.models import Organization
from simpul.regions.models import Region

from .forums import Forum, QuorumRule

ZONE_CHOICES = [(WIB, "WIB"), (WITA, "WITA"), (WIT, "WIT")]


def new_uid() -> str:
    """A globally unique iCalendar UID; never changes once given (calendar programs match
    updates and cancellations on it)."""
    return f"{uuid.uuid4().hex}@simpul"


class MeetingKind(models.TextChoices):
    COORDINATION = "coordination", _("Coordination meeting")
    LEADERS = "leaders", _("Leaders' meeting")
    TECHNICAL = "technical", _("Technical meeting")
    FORUM = "forum", _("Forum")
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    EXCHANGE_VISIT = "exchange_visit", _("Exchange visit")
    FIELD_VISIT = "field_visit", _("Field visit")


class MeetingSeries(BaseModel):
    """A recurrence rule (RFC 5545 RRULE, always with an end) and the occurrences it made.

    The rule is kept as typed so the series' .ics can carry it; `until` is the last moment an
    occurrence may start (at most two years after the first, checked by the service)."""

    rrule = models.CharField(_("recurrence rule"), max_length=500)
    first_starts_at = models.DateTimeField(_("first occurrence starts at"))
    until = models.DateTimeField(_("repeats until"))
    zone = models.CharField(_("time zone"), max_length=32, choices=ZONE_CHOICES, default=WIB)
    uid = models.CharField(_("calendar UID"), max_length=255, unique=True, default=new_uid)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        constraints = [
            models.CheckConstraint(
                condition=Q(until__gte=F("first_starts_at")), name="meetings_series_ends"
            ),
        ]

    def __str__(self) -> str:
        return self.rrule


class Meeting(Versioned, BaseModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    forum = models.ForeignKey(
        Forum,
        verbose_name=_("forum"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.COORDINATION
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    host = models.ForeignKey(
        Organization,
        verbose_name=_("host organisation"),
        on_delete=models.PROTECT,
        related_name="meetings_hosted",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    # The zone the times were typed in (the host's); readers see their own.
    zone = models.CharField(_("time zone"), max_length=32, choices=ZONE_CHOICES, default=WIB)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    online_url = models.URLField(_("online meeting link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED, db_index=True
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    # Blank: the forum's rule, or every party for an agreement's meeting.
    quorum = models.CharField(
        _("quorum rule"), max_length=16, choices=QuorumRule.choices, blank=True
    )
    # Invitees may propose agenda items until then (none: until the meeting starts).
    agenda_cutoff = models.DateTimeField(_("agenda proposals until"), null=True, blank=True)
    uid = models.CharField(_("calendar UID"), max_length=255, unique=True, default=new_uid)
    # RFC 5545 SEQUENCE: raised on every change mailed to invitees, so calendars replace the
    # entry instead of adding a second one.
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    # The start the series' rule gave this occurrence (RECURRENCE-ID), kept when it is moved.
    recurrence_id = models.DateTimeField(_("original occurrence start"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(agreement__isnull=False) & Q(forum__isnull=True))
                | (Q(agreement__isnull=True) & Q(forum__isnull=False)),
                name="meetings_meeting_agreement_xor_forum",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meetings_meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="meetings_meeting_map_point",
            ),
            models.UniqueConstraint(
                fields=["series", "recurrence_id"],
                condition=Q(series__isnull=False),
                name="meetings_one_row_per_occurrence",
            ),
        ]
        indexes = [
            models.Index(fields=["agreement", "starts_at"], name="meetings_agreement_start"),
            models.Index(fields=["forum", "starts_at"], name="meetings_forum_start"),
            # A calendar's month and a feed's window are read in start order and each meeting
            # is tested against the reader's forums, agreements and organisations: with the
            # owners in the index that test needs no read of the meeting's row.
            models.Index(
                fields=["starts_at", "forum", "agreement", "host"], name="meetings_start_owners"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting-detail", kwargs={"pk": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def quorum_rule(self) -> str:
        """The rule in force: the meeting's own, else its forum's, else every party."""
        if self.quorum:
            return self.quorum
        if self.forum_id is not None and self.forum is not None:
            return self.forum.quorum
        return QuorumRule.EVERY_MEMBER


class MeetingEvent(ImmutableEvent):
    """What happened to a meeting (scheduled, changed, held, cancelled): who, when, why."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=10, blank=True)
    to_status = models.CharField(_("to"), max_length=10, blank=True)
    note = models.TextField(_("note"), blank=True)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    occurred_at = models.DateTimeField(_("occurred at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting event")
        verbose_name_plural = _("meeting events")
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.action}"
