"""The agenda: the organiser adds items; invitees propose items until the cut-off and the
organiser accepts (the item joins the end of the agenda) or declines them with a reason."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.agreements.models import Agreement, Dispute, Party
from simpul.core.claims import claim_instance
from simpul.core.formats import date_time
from simpul.monitoring.models import EarlyWarning, FollowUp, Indicator
from simpul.plans.models import Activity

from ..models import AgendaItem, Meeting
from .common import MeetingInvalid, audit_claimed

# What an item may be about: the model, its field on AgendaItem, and how to reach its agreement.
SUBJECTS: dict[type, tuple[str, str]] = {
    Agreement: ("agreement", "pk"),
    Activity: ("activity", "plan__agreement_id"),
    Indicator: ("indicator", "agreement_id"),
    EarlyWarning: ("early_warning", "agreement_id"),
    Dispute: ("dispute", "agreement_id"),
    FollowUp: ("follow_up", "recommendation__evaluation__agreement_id"),
}
MAX_MINUTES = 600


def _subject_fields(meeting: Meeting, subject: Any) -> dict[str, Any]:
    """The item's link to what it is about, checked: the thing must belong to the meeting's
    agreement, or for a forum's meeting to an agreement one of the forum's members is party
    to."""
    if subject is None:
        return {}
    entry = SUBJECTS.get(type(subject))
    if entry is None:
        raise TypeError(f"an agenda item cannot be about a {type(subject).__name__}")
    field, path = entry
    agreement_id = (
        type(subject)._default_manager.filter(pk=subject.pk).values_list(path, flat=True).first()
    )
    if meeting.agreement_id is not None:
        allowed = agreement_id == meeting.agreement_id
    else:
        allowed = Party.objects.filter(
            agreement_id=agreement_id, organization__forum_seats__forum_id=meeting.forum_id or 0
        ).exists()
    if not allowed:
        raise MeetingInvalid(
            {"subject": _("An agenda item can only be about this meeting's own cooperation.")},
            code="subject",
        )
    return {field: subject}


def _clean(title: str, minutes_allotted: int | None) -> str:
    if "\n" in title or "\r" in title:
        raise MeetingInvalid({"title": _("The title must be one line.")}, code="title")
    title = " ".join(title.split())
    if not title:
        raise MeetingInvalid({"title": _("Give the item a title.")}, code="title")
    if minutes_allotted is not None and not 1 <= minutes_allotted <= MAX_MINUTES:
        raise MeetingInvalid(
            {"minutes_allotted": _("Allot between 1 and %(max)d minutes.") % {"max": MAX_MINUTES}},
            code="minutes",
        )
    return title


def _next_position(meeting: Meeting) -> int:
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"]
    return (last or 0) + 1


def agenda_open_for_proposals(meeting: Meeting, now: datetime | None = None) -> bool:
    cutoff = meeting.agenda_cutoff or meeting.starts_at
    return meeting.status == Meeting.Status.SCHEDULED and (now or timezone.now()) < cutoff


def _create(meeting: Meeting, user: Any, status: str, **fields: Any) -> AgendaItem:
    subject = fields.pop("subject", None)
    fields["title"] = _clean(fields.get("title", ""), fields.get("minutes_allotted"))
    by = user if getattr(user, "pk", None) else None
    with transaction.atomic():
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=_next_position(meeting) if status == AgendaItem.Status.ACCEPTED else 0,
            status=status,
            proposed_by=by,
            changed_by=by,
            **_subject_fields(meeting, subject),
            **fields,
        )
    return item


def agenda_item_add(
    *,
    meeting: Meeting,
    user: Any,
    title: str,
    presenter: str = "",
    minutes_allotted: int | None = None,
    description: str = "",
    subject: Any = None,
) -> AgendaItem:
    """The organiser puts an item on the agenda (at its end)."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise MeetingInvalid(_("This meeting has been cancelled."), code="cancelled")
    return _create(
        meeting, user, AgendaItem.Status.ACCEPTED, title=title, presenter=presenter,
        minutes_allotted=minutes_allotted, description=description, subject=subject,
    )  # fmt: skip


def agenda_item_propose(
    *,
    meeting: Meeting,
    user: Any,
    title: str,
    presenter: str = "",
    minutes_allotted: int | None = None,
    description: str = "",
    subject: Any = None,
    now: datetime | None = None,
) -> AgendaItem:
    """An invitee proposes an item; the organiser decides. Closed at the cut-off."""
    if not agenda_open_for_proposals(meeting, now):
        raise MeetingInvalid(
            _("Proposals for this agenda closed at %(when)s.")
            % {"when": date_time(meeting.agenda_cutoff or meeting.starts_at)},
            code="closed",
        )
    return _create(
        meeting, user, AgendaItem.Status.PROPOSED, title=title, presenter=presenter,
        minutes_allotted=minutes_allotted, description=description, subject=subject,
    )  # fmt: skip


def agenda_item_decide(
    *, item: AgendaItem, user: Any, accept: bool, reason: str = "", version: int | None = None
) -> AgendaItem:
    """Accept a proposed item (it joins the end of the agenda) or decline it with a reason.
    Of two organisers deciding at once, the second gets a Conflict."""
    reason = " ".join(reason.split())
    if not accept and not reason:
        raise MeetingInvalid(
            {"reason": _("Say why the item is declined; the proposer reads it.")}, code="reason"
        )
    with transaction.atomic():
        changes: dict[str, Any] = {
            "status": AgendaItem.Status.ACCEPTED if accept else AgendaItem.Status.DECLINED,
            "decline_reason": "" if accept else reason[:500],
            "decided_by": user if getattr(user, "pk", None) else None,
            "decided_at": timezone.now(),
        }
        if accept:
            changes["position"] = _next_position(item.meeting)
        before = {name: getattr(item, name) for name in ("status", "decline_reason", "position")}
        claim_instance(
            item, version=version, states=(AgendaItem.Status.PROPOSED,), by=user, set=changes
        )
        audit_claimed(item, "decided", before)
    return item


def agenda_item_move(*, item: AgendaItem, user: Any, up: bool) -> AgendaItem:
    """Swap an accepted item with its neighbour above or below."""
    accepted = list(
        item.meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED).order_by(
            "position", "pk"
        )
    )
    index = next((i for i, other in enumerate(accepted) if other.pk == item.pk), None)
    if index is None:
        raise MeetingInvalid(_("Only items on the agenda can be moved."), code="state")
    target = index - 1 if up else index + 1
    if not 0 <= target < len(accepted):
        return item
    accepted[index], accepted[target] = accepted[target], accepted[index]
    with transaction.atomic():
        for position, row in enumerate(accepted, start=1):
            if row.position != position:
                row.position = position
                row.changed_by = user if getattr(user, "pk", None) else None
                row.save(update_fields=["position", "changed_by", "updated_at"])
    return item
