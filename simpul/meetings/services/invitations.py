"""Invitations, answers and reminders, mailed through the outbox with an .ics attached.

Who receives an invitation's mail: the invited person; an external guest at their address
(with a signed link to answer, their only access); for an organisation, its delegate in the
forum, else its admins and coordinators. Each mail's outbox key carries the meeting's
sequence, so a change mails once more and a re-run of the same change mails nothing twice.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.core import outbox
from simpul.core.formats import date_time
from simpul.core.outbox import Attachment
from simpul.notifications.services import notify
from simpul.organizations.models import Membership, Organization

from .. import ics
from ..models import ForumMember, Invitation, Meeting
from ..notification_kinds import CHANGE, INVITATION, REMINDER
from .common import MAX_INVITATIONS, MeetingInvalid

LINK_SALT = "simpul.meetings.guest-link"
# Every mail carries a fresh link; one older than this is refused with its own page.
LINK_MAX_AGE = timedelta(days=30)
ORGANIZATION_RECIPIENT_ROLES = (Membership.Role.ADMIN, Membership.Role.COORDINATOR)


@dataclass(frozen=True)
class Guest:
    name: str
    email: str
    affiliation: str = ""
    expertise: str = ""


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    name: str
    user: User | None = None  # a platform user: their mail is a notification


def invitations_add(
    *,
    meeting: Meeting,
    user: Any,
    organizations: Iterable[Organization] = (),
    people: Iterable[User] = (),
    guests: Iterable[Guest] = (),
    whole_series: bool = False,
) -> list[Invitation]:
    """Invite organisations, people and external guests (those already invited are left as
    they are) and mail them. With `whole_series`, every scheduled occurrence of the meeting's
    series from this one on gets the invitation and the mail is one .ics for the series."""
    if meeting.status != Meeting.Status.SCHEDULED:
        raise MeetingInvalid(_("Only a scheduled meeting takes invitations."), code="state")
    organizations, people, guests = list(organizations), list(people), list(guests)
    for guest in guests:
        if not guest.name.strip() or not guest.email.strip() or "\n" in guest.name:
            raise MeetingInvalid(
                {"guests": _("Each guest needs a name and an e-mail address.")}, code="guest"
            )
    existing = meeting.invitations.all()
    have_orgs = {i.organization_id for i in existing if i.organization_id}
    have_users = {i.user_id for i in existing if i.user_id}
    have_emails = {i.email.lower() for i in existing if i.kind == Invitation.Kind.EXTERNAL}
    new_orgs = [o for o in dict.fromkeys(organizations) if o.pk not in have_orgs]
    new_people = [p for p in dict.fromkeys(people) if p.pk not in have_users]
    new_guests = list(
        {
            g.email.strip().lower(): g for g in guests if g.email.strip().lower() not in have_emails
        }.values()
    )
    total = len(existing) + len(new_orgs) + len(new_people) + len(new_guests)
    if total > MAX_INVITATIONS:
        raise MeetingInvalid(
            {
                "__all__": _(
                    "A meeting can have at most %(max)d invitations; this would make %(count)d. "
                    "Invite organisations rather than each of their people."
                )
                % {"max": MAX_INVITATIONS, "count": total}
            },
            code="too_many_invitations",
        )
    meetings = [meeting]
    if whole_series and meeting.series_id:
        meetings = list(
            Meeting.objects.filter(
                series_id=meeting.series_id,
                status=Meeting.Status.SCHEDULED,
                starts_at__gte=meeting.starts_at,
            ).select_related("host", "region", "series", "forum")
        )
    by = user if getattr(user, "pk", None) else None
    created: list[Invitation] = []
    with transaction.atomic():
        for target in meetings:
            for organization in new_orgs:
                created.append(_invite(target, by, kind="organization", organization=organization))
            for person in new_people:
                created.append(_invite(target, by, kind="person", user=person))
            for guest in new_guests:
                created.append(
                    _invite(
                        target,
                        by,
                        kind="external",
                        name=guest.name.strip(),
                        email=guest.email.strip(),
                        affiliation=guest.affiliation.strip(),
                        expertise=guest.expertise.strip(),
                    )
                )
        if whole_series and meeting.series_id and meeting.series is not None:
            first = [i for i in created if i.meeting_id == meeting.pk]
            _send_series(meeting, first, meetings)
        else:
            invitations_send(meeting, created)
    return [i for i in created if i.meeting_id == meeting.pk]


def _invite(meeting: Meeting, by: Any, **fields: Any) -> Invitation:
    invitation, _created = Invitation.objects.get_or_create(
        meeting=meeting,
        **{k: v for k, v in fields.items() if k in {"organization", "user"}},
        **({"email__iexact": fields["email"]} if fields.get("kind") == "external" else {}),
        defaults={**fields, "invited_by": by},
    )
    invitation.meeting = meeting
    return invitation


# --- Mail ----------------------------------------------------------------------------------


def recipients_of(invitations: Iterable[Invitation]) -> dict[int, list[Recipient]]:
    """Who gets each invitation's mail (a fixed number of queries for any number)."""
    invitations = list(invitations)
    result: dict[int, list[Recipient]] = {i.pk: [] for i in invitations}
    org_invitations = [i for i in invitations if i.kind == Invitation.Kind.ORGANIZATION]
    delegates: dict[tuple[int, int], User] = {}
    forum_ids = {i.meeting.forum_id for i in org_invitations if i.meeting.forum_id}
    if forum_ids:
        for seat in ForumMember.objects.filter(
            forum_id__in=forum_ids, delegate__isnull=False, delegate__is_active=True
        ).select_related("delegate"):
            if seat.delegate is not None:
                delegates[(seat.forum_id, seat.organization_id)] = seat.delegate
    staff: dict[int, list[User]] = defaultdict(list)
    org_ids = {i.organization_id for i in org_invitations if i.organization_id}
    if org_ids:
        for membership in Membership.objects.filter(
            organization_id__in=org_ids,
            role__in=ORGANIZATION_RECIPIENT_ROLES,
            user__is_active=True,
        ).select_related("user"):
            staff[membership.organization_id].append(membership.user)
    for invitation in invitations:
        if invitation.kind == Invitation.Kind.PERSON and invitation.user is not None:
            people = [invitation.user]
        elif invitation.kind == Invitation.Kind.ORGANIZATION:
            delegate = delegates.get(
                (invitation.meeting.forum_id or 0, invitation.organization_id or 0)
            )
            people = [delegate] if delegate else staff.get(invitation.organization_id or 0, [])
        else:
            result[invitation.pk] = [
                Recipient(invitation.email, settings.LANGUAGE_CODE, invitation.name)
            ]
            continue
        result[invitation.pk] = [
            Recipient(p.email, p.language, p.full_name or p.email, p) for p in people if p.is_active
        ]
    return result


def guest_link(invitation: Invitation) -> str:
    token = signing.dumps({"i": invitation.pk, "n": invitation.link_nonce.hex}, salt=LINK_SALT)
    return settings.SITE_URL + reverse("meetings:guest-invitation", kwargs={"token": token})


def _attachment(content: str, method: str) -> Attachment:
    name = "batal.ics" if method == ics.CANCEL else "undangan.ics"
    return {"filename": name, "mimetype": "text/calendar", "content": content}


def _body(
    meeting: Meeting, invitation: Invitation, recipient: Recipient, kind: str
) -> tuple[str, str]:
    """Subject and text of a mail, in the recipient's language, times in the host's zone."""
    values = {
        "title": meeting.title,
        "when": date_time(meeting.starts_at, meeting.zone, long=True),
        "until": date_time(meeting.ends_at, meeting.zone),
        "host": meeting.host.name,
        "where": ", ".join(p for p in (meeting.venue, meeting.online_url) if p) or "-",
        "name": recipient.name,
        "invitee": invitation.invitee_label,
        "reason": meeting.cancel_reason,
    }
    subjects = {
        "invite": _("Invitation: %(title)s, %(when)s"),
        "update": _("Changed: %(title)s, %(when)s"),
        "cancel": _("Cancelled: %(title)s, %(when)s"),
        "reminder_day": _("Tomorrow: %(title)s, %(when)s"),
        "reminder_hour": _("In an hour: %(title)s, %(when)s"),
    }
    lines = [_("Hello %(name)s,") % values]
    if kind == "cancel":
        lines.append(_("The meeting “%(title)s” on %(when)s has been cancelled.") % values)
        if meeting.cancel_reason:
            lines.append(_("Reason: %(reason)s") % values)
    else:
        intro = {
            "invite": _("%(host)s invites %(invitee)s to “%(title)s”."),
            "update": _("The meeting “%(title)s” has changed; the details below are current."),
            "reminder_day": _("A reminder: “%(title)s” is tomorrow."),
            "reminder_hour": _("A reminder: “%(title)s” starts in an hour."),
        }[kind]
        lines.append(intro % values)
        lines.append(_("When: %(when)s to %(until)s") % values)
        lines.append(_("Where: %(where)s") % values)
        if invitation.kind == Invitation.Kind.EXTERNAL:
            lines.append(
                _("Accept, decline or name someone to come in your place here:")
                + "\n"
                + guest_link(invitation)
            )
        else:
            lines.append(_("Agenda and answer: %(link)s") % {"link": ics.meeting_url(meeting)})
    return subjects[kind] % values, "\n\n".join(lines)


# The notification kind of each mail (DAY and HOUR are the reminders, defined below).
NOTIFICATION_KINDS = {
    "invite": INVITATION,
    "update": CHANGE,
    "cancel": CHANGE,
    "reminder_day": REMINDER,
    "reminder_hour": REMINDER,
}


def _mail(
    meeting: Meeting,
    invitations: Iterable[Invitation],
    *,
    kind: str,
    key: str,
    calendar: Any = None,
) -> int:
    """Enqueue one mail per recipient of each invitation; `calendar(recipient)` gives the
    .ics text and method, or None for a mail without one. A platform user's mail is a
    notification (simpul.notifications: in the app, and mailed unless they chose otherwise);
    an external guest's a plain outbox mail."""
    invitations = list(invitations)
    count = 0
    for invitation in invitations:
        invitation.meeting = meeting
    recipients = recipients_of(invitations)
    group, group_label = _group(meeting)
    for invitation in invitations:
        for recipient in recipients[invitation.pk]:
            with translation.override(recipient.language):
                subject, text = _body(meeting, invitation, recipient, kind)
            attachments = None
            if calendar is not None:
                content, method = calendar(recipient)
                attachments = [_attachment(content, method)]
            if recipient.user is not None:
                count += notify(
                    kind=NOTIFICATION_KINDS[kind],
                    recipients=[recipient.user],
                    key=f"{key}:{invitation.pk}",
                    title=subject,
                    body=text,
                    url=meeting.get_absolute_url(),
                    subject=f"meeting:{meeting.pk}",
                    group=group,
                    group_label=group_label,
                    attachments=attachments,
                )
                continue
            outbox.enqueue(  # an external guest: a plain mail
                key=f"{key}:{invitation.pk}",
                to=recipient.email,
                subject=subject,
                text=text,
                language=recipient.language,
                attachments=attachments,
            )
            count += 1
    return count


def _group(meeting: Meeting) -> tuple[str, str]:
    """What a digest groups the meeting's notifications under: its agreement or forum."""
    agreement = meeting.agreement
    if agreement is not None:
        return f"agreement:{agreement.pk}", f"{agreement.reference_code} {agreement.title}"
    if meeting.forum_id:
        return f"forum:{meeting.forum_id}", str(meeting.forum)
    return "", ""


def invitations_send(meeting: Meeting, invitations: Iterable[Invitation] | None = None) -> int:
    """Mail the meeting's current state to the invitees not yet mailed at its current
    sequence: an invitation to the new ones, the change (REQUEST) or the cancellation
    (CANCEL) to those mailed before. Returns the number of mails enqueued."""
    if invitations is None:
        invitations = meeting.invitations.select_related("organization", "user")
    pending = [i for i in invitations if i.sent_sequence != meeting.sequence]
    fresh = [i for i in pending if i.sent_sequence is None]
    known = [i for i in pending if i.sent_sequence is not None]
    cancelled = meeting.status == Meeting.Status.CANCELLED
    method = ics.CANCEL if cancelled else ics.REQUEST
    batches = [("cancel", known)] if cancelled else [("invite", fresh), ("update", known)]
    count = 0
    for kind, batch in batches:
        if batch:
            count += _mail(
                meeting,
                batch,
                kind=kind,
                key=f"meeting-{kind}:{meeting.pk}:{meeting.sequence}",
                calendar=lambda r: (
                    ics.invitation_ics(meeting, method=method, attendee=r.email),
                    method,
                ),
            )
    Invitation.objects.filter(pk__in=[i.pk for i in pending]).update(sent_sequence=meeting.sequence)
    return count


def _send_series(
    meeting: Meeting, invitations: list[Invitation], occurrences: list[Meeting]
) -> int:
    """One mail per new invitee with the whole series as one calendar entry."""
    series = meeting.series
    if series is None:
        return 0
    everything = list(series.meetings.select_related("host", "region", "series"))
    count = _mail(
        meeting,
        invitations,
        kind="invite",
        key=f"meeting-series:{series.pk}:{series.sequence}",
        calendar=lambda r: (ics.series_ics(series, everything, attendee=r.email), ics.REQUEST),
    )
    for occurrence in occurrences:
        occurrence.invitations.filter(sent_sequence__isnull=True).update(
            sent_sequence=occurrence.sequence
        )
    return count


# --- Answers -------------------------------------------------------------------------------


def invitation_answer(
    *,
    invitation: Invitation,
    user: Any,
    answer: str,
    delegate_name: str = "",
    note: str = "",
) -> Invitation:
    """Accept, decline or name a delegate. Answering again replaces the answer; a cancelled
    or finished meeting takes no answers."""
    meeting = invitation.meeting
    if answer not in {
        Invitation.Rsvp.ACCEPTED,
        Invitation.Rsvp.DECLINED,
        Invitation.Rsvp.DELEGATED,
    }:
        raise MeetingInvalid({"answer": _("Choose an answer.")}, code="answer")
    if meeting.status == Meeting.Status.CANCELLED:
        raise MeetingInvalid(_("This meeting has been cancelled."), code="cancelled")
    if meeting.ends_at <= timezone.now():
        raise MeetingInvalid(_("This meeting is over; it takes no more answers."), code="over")
    delegate_name = " ".join(delegate_name.split())
    if answer == Invitation.Rsvp.DELEGATED and not delegate_name:
        raise MeetingInvalid(
            {"delegate_name": _("Name the person who comes in your place.")}, code="delegate"
        )
    invitation.rsvp = answer
    invitation.delegate_name = delegate_name if answer == Invitation.Rsvp.DELEGATED else ""
    invitation.rsvp_note = " ".join(note.split())[:500]
    invitation.responded_at = timezone.now()
    invitation.responded_by = user if getattr(user, "pk", None) else None
    invitation.save(
        update_fields=["rsvp", "delegate_name", "rsvp_note", "responded_at", "responded_by",
                       "updated_at"]
    )  # fmt: skip
    return invitation


class LinkState:
    OK = "ok"
    EXPIRED = "expired"
    INVALID = "invalid"


def invitation_from_link(token: str) -> tuple[str, Invitation | None]:
    """The guest invitation a signed link opens, or why it does not (expired, invalid: a
    forged, mangled or replaced link)."""
    try:
        payload = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        return LinkState.EXPIRED, None
    except signing.BadSignature:
        return LinkState.INVALID, None
    if not isinstance(payload, dict):
        return LinkState.INVALID, None
    invitation = (
        Invitation.objects.filter(pk=int(payload.get("i") or 0), kind=Invitation.Kind.EXTERNAL)
        .select_related("meeting__host", "meeting__region", "meeting__forum", "meeting__agreement")
        .first()
    )
    if invitation is None or invitation.link_nonce.hex != payload.get("n"):
        return LinkState.INVALID, None
    return LinkState.OK, invitation


# --- Reminders -----------------------------------------------------------------------------

DAY, HOUR = "reminder_day", "reminder_hour"


def reminders_send(now: datetime | None = None) -> int:
    """Remind invitees who did not decline: the day before (a meeting starting in one to 24
    hours that was known earlier than that) and an hour before. Idempotent: the outbox key
    names the meeting, the reminder, the start and the invitation, so each person gets each
    reminder once per meeting (again only if the meeting moves)."""
    now = now or timezone.now()
    soon = Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED, starts_at__gt=now, starts_at__lte=now + timedelta(hours=24)
    ).select_related("host", "region", "series", "forum")
    count = 0
    for meeting in soon:
        hour = meeting.starts_at <= now + timedelta(hours=1)
        if not hour and meeting.created_at > meeting.starts_at - timedelta(hours=24):
            continue  # invited less than a day ahead: the invitation itself is the reminder
        kind = HOUR if hour else DAY
        invitations = meeting.invitations.exclude(rsvp=Invitation.Rsvp.DECLINED).select_related(
            "organization", "user"
        )
        count += _mail(
            meeting,
            invitations,
            kind=kind,
            key=f"meeting-{kind}:{meeting.pk}:{meeting.starts_at.astimezone(UTC):%Y%m%dT%H%MZ}",
        )
    return count
