"""Minutes from draft to a final text every party signed off; decisions and action items.

The version's life cycle is the kernel's `Machine` (`MINUTES`) with claims: two editors of a
draft merge field by field (the edit form is a `MergeableForm`), circulating and every
sign-off claim the version row first, so two parties approving at once are serialised and
the last approval finalises exactly once. A final version is frozen: its snapshot (texts,
decisions, actions) and the snapshot's SHA-256, as plan versions are (`plans.snapshots`).
"""

import difflib
from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.accounts.models import User
from simpul.core import zones
from simpul.core.claims import claim, claim_instance
from simpul.core.formats import date_time, long_date
from simpul.core.machines import Machine, Move
from simpul.core.uploads import validate_upload
from simpul.notifications.services import notify, per_person
from simpul.organizations.models import Membership, Organization
from simpul.plans.snapshots import snapshot_sha256

from .. import minutes_access
from ..models import ActionItem, AgendaItem, Decision, Meeting, Minutes, MinutesVersion, SignOff
from ..notification_kinds import ACTION as ACTION_KIND
from ..notification_kinds import MINUTES as MINUTES_KIND
from ..public import public_meeting_changed
from .agenda import _subject_fields as subject_fields
from .attendance import attendance_organizations
from .common import MeetingInvalid, audit_claimed

MINUTES = Machine(
    "minutes",
    Move("circulate", gettext_lazy("Circulate for sign-off"), sources=("draft",),
         target="circulated"),
    Move("request_change", gettext_lazy("Ask for a change"), sources=("circulated",),
         target="draft", note_required=True),
    Move("finalise", gettext_lazy("Make final"), sources=("circulated",), target="final"),
)  # fmt: skip

ACTION = Machine(
    "action",
    Move("complete", gettext_lazy("Mark as done"), sources=("open",), target="done"),
)


def _by(user: Any) -> User | None:
    return user if getattr(user, "pk", None) else None


def agenda_of(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED))


def current_version(meeting: Meeting) -> MinutesVersion | None:
    return (
        MinutesVersion.objects.filter(minutes__meeting=meeting)
        .select_related("minutes")
        .order_by("-number")
        .first()
    )


def _check_writable(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise MeetingInvalid(_("This meeting has been cancelled."), code="cancelled")
    if meeting.starts_at > timezone.now():
        raise MeetingInvalid(
            _("Minutes are written once the meeting has started."), code="not_started"
        )


def _check_draft(meeting: Meeting) -> None:
    version = current_version(meeting)
    if version is not None and version.status != MinutesVersion.Status.DRAFT:
        raise MeetingInvalid(
            _("The minutes are no longer a draft; start a correction to change them."),
            code="not_draft",
        )


# --- The text ------------------------------------------------------------------------------


@transaction.atomic
def minutes_start(*, meeting: Meeting, user: Any) -> MinutesVersion:
    """The draft to write in: the current version, or version 1 (idempotent)."""
    _check_writable(meeting)
    minutes, _created = Minutes.objects.get_or_create(
        meeting=meeting, defaults={"created_by": _by(user)}
    )
    version = minutes.versions.order_by("-number").first()
    if version is None:
        version = MinutesVersion.objects.create(minutes=minutes, number=1, changed_by=_by(user))
    return version


def minutes_update(
    *, version: MinutesVersion, user: Any, version_number: int | None, summary: str,
    item_texts: dict[str, str],
) -> MinutesVersion:  # fmt: skip
    """Save a draft's texts, claimed at the version the editor opened (the merge's base)."""
    allowed = {str(pk) for pk in version.minutes.meeting.agenda_items.values_list("pk", flat=True)}
    texts = {key: value.strip() for key, value in item_texts.items() if key in allowed}
    before = {"summary": version.summary, "item_texts": version.item_texts}
    claim_instance(
        version,
        version=version_number,
        states=(MinutesVersion.Status.DRAFT,),
        by=user,
        set={"summary": summary.strip(), "item_texts": _without_empty(version.item_texts, texts)},
    )
    audit_claimed(version, "minutes_edited", before)
    return version


def _without_empty(old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    return {key: text for key, text in {**old, **new}.items() if text}


def minutes_snapshot(meeting: Meeting, version: MinutesVersion) -> dict[str, Any]:
    """What a final version freezes: the texts, decisions and actions, in agenda order."""
    items = agenda_of(meeting)
    decisions = Decision.objects.filter(agenda_item__in=items).order_by("pk")
    actions = ActionItem.objects.filter(agenda_item__in=items).select_related(
        "owner_organization", "owner"
    )
    return {
        "meeting": meeting.title,
        "starts_at": meeting.starts_at.isoformat(),
        "version": version.number,
        "summary": version.summary,
        "items": [
            {
                "id": item.pk,
                "title": item.title,
                "text": version.text_for(item),
                "decisions": [
                    {
                        "text": d.text,
                        "rationale": d.rationale,
                        "method": d.method,
                        "votes": [d.votes_for, d.votes_against, d.votes_abstained],
                    }
                    for d in decisions
                    if d.agenda_item_id == item.pk
                ],
                "actions": [
                    {
                        "title": a.title,
                        "owner_organization": a.owner_organization.name,
                        "owner": a.owner.full_name if a.owner else "",
                        "due_date": a.due_date.isoformat(),
                    }
                    for a in actions
                    if a.agenda_item_id == item.pk
                ],
            }
            for item in items
        ],
    }


def minutes_diff(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """What a correction changes against the last final text: per changed part, the lines
    removed and added (difflib), so the parties see what they are asked to sign again."""

    def parts(snapshot: dict[str, Any]) -> dict[str, tuple[str, str]]:
        found = {"summary": (str(_("General summary")), snapshot.get("summary") or "")}
        for item in snapshot.get("items", []):
            decisions = "\n".join(d["text"] for d in item.get("decisions", []))
            actions = "\n".join(
                f"{a['title']} ({a['owner_organization']}, {a['due_date']})"
                for a in item.get("actions", [])
            )
            found[f"{item['id']}:text"] = (item["title"], item.get("text") or "")
            found[f"{item['id']}:decisions"] = (f"{item['title']} · {_('Decisions')}", decisions)
            found[f"{item['id']}:actions"] = (f"{item['title']} · {_('Action items')}", actions)
        return found

    before, after = parts(old), parts(new)
    changes = []
    for key in dict.fromkeys([*before, *after]):
        label = (after.get(key) or before[key])[0]
        old_text, new_text = before.get(key, ("", ""))[1], after.get(key, ("", ""))[1]
        if old_text == new_text:
            continue
        lines = list(difflib.ndiff(old_text.splitlines(), new_text.splitlines()))
        changes.append(
            {
                "label": label,
                "removed": [line[2:] for line in lines if line.startswith("- ")],
                "added": [line[2:] for line in lines if line.startswith("+ ")],
            }
        )
    return changes


def previous_final(version: MinutesVersion) -> MinutesVersion | None:
    return (
        MinutesVersion.objects.filter(
            minutes_id=version.minutes_id,
            number__lt=version.number,
            status=MinutesVersion.Status.FINAL,
        )
        .order_by("-number")
        .first()
    )


# --- Circulation and sign-off --------------------------------------------------------------


@transaction.atomic
def minutes_circulate(*, version: MinutesVersion, user: Any) -> MinutesVersion:
    """Send a draft round to every party's delegate for sign-off (one mail per person)."""
    meeting = version.minutes.meeting
    parties = minutes_access.parties_of(meeting)
    if not parties:
        raise MeetingInvalid(_("This meeting has no parties to sign the minutes."), "no_parties")
    if not agenda_of(meeting):
        raise MeetingInvalid(_("The minutes need at least one agenda item."), code="no_agenda")
    move = MINUTES.move("circulate", current=version.status)
    delegates = minutes_access.delegates_of(meeting, parties)
    unsigned = [party.name for party in parties if not delegates[party.pk]]
    if unsigned:
        # Circulated, these minutes could never become final.
        raise MeetingInvalid(
            _(
                "Nobody can sign for %(parties)s: name the delegate in the forum, or give "
                "someone there the admin or coordinator role."
            )
            % {"parties": ", ".join(unsigned)},
            code="no_signer",
        )
    before = {"status": version.status}
    claim_instance(
        version,
        states=move.sources,
        by=user,
        set={"status": move.target, "circulated_at": timezone.now()},
    )
    audit_claimed(version, "minutes_circulated", before)
    url = reverse("meetings:minutes", kwargs={"pk": meeting.pk})
    for party in parties:

        def values(party: Organization = party) -> dict:
            return {
                "title": meeting.title,
                "party": party.name,
                "when": date_time(meeting.starts_at, meeting.zone),
                "number": version.number,
                "link": settings.SITE_URL + url,
            }

        notify(
            kind=MINUTES_KIND,
            recipients=delegates[party.pk],
            key=f"minutes-circulated:{version.pk}:{version.round}",
            title=per_person(lambda: _("Minutes to sign off: %(title)s") % values()),
            body=per_person(
                lambda: (
                    _(
                        "The minutes (version %(number)s) of “%(title)s” on %(when)s are ready "
                        "for sign-off. As the delegate of %(party)s, please approve them or ask "
                        "for a change:\n\n%(link)s"
                    )
                    % values()
                )
            ),
            url=url,
            subject=f"meeting:{meeting.pk}",
            group=f"agreement:{meeting.agreement_id}" if meeting.agreement_id else "",
            group_label=meeting.title,
        )
    return version


@transaction.atomic
def minutes_sign(
    *, version: MinutesVersion, user: Any, organization: Organization, answer: str,
    comment: str = "",
) -> SignOff:  # fmt: skip
    """A party's delegate approves the circulated round or asks for a change (with a comment).

    The same answer twice is idempotent; the last approval of a round makes the version final
    (frozen with its SHA-256); a change request sends it back to draft for a new round."""
    meeting = version.minutes.meeting
    parties = minutes_access.parties_of(meeting)
    if organization.pk not in {
        party.pk for party in minutes_access.parties_signed_by(user, meeting, parties)
    }:
        raise MeetingInvalid(
            _("Only the delegate of %(party)s signs the minutes for it.")
            % {"party": organization.name},
            code="not_delegate",
        )
    if answer not in SignOff.Answer.values:
        raise MeetingInvalid(_("Approve the minutes or ask for a change."), code="answer")
    comment = comment.strip()
    # The page may have been opened before others answered: decide on the row as it is now.
    version.refresh_from_db()
    existing = SignOff.objects.filter(
        version=version, round=version.round, organization=organization
    ).first()
    if existing is not None and existing.answer == answer:
        return existing
    if existing is not None:
        raise MeetingInvalid(
            _("%(party)s has already answered this round.") % {"party": organization.name},
            code="answered",
        )
    if answer == SignOff.Answer.CHANGE_REQUESTED:
        MINUTES.move("request_change", current=version.status, note=comment)
    elif version.status != MinutesVersion.Status.CIRCULATED:
        raise MeetingInvalid(_("These minutes are not waiting for sign-off."), code="state")
    # Claim the row first: two parties answering at once are serialised here, so the last
    # approval sees every other one and finalises exactly once.
    claim(MinutesVersion, version.pk, states=(MinutesVersion.Status.CIRCULATED,), by=user)
    version.refresh_from_db()
    round_number = version.round
    signoff = SignOff.objects.create(
        version=version,
        round=round_number,
        organization=organization,
        answer=answer,
        comment=comment,
        signed_by=_by(user),
    )
    before = {"status": version.status, "round": version.round}
    if answer == SignOff.Answer.CHANGE_REQUESTED:
        claim_instance(
            version, by=user, set={"status": MinutesVersion.Status.DRAFT, "round": round_number + 1}
        )
        audit_claimed(version, "minutes_change_requested", before)
        return signoff
    approved = set(
        SignOff.objects.filter(
            version=version, round=round_number, answer=SignOff.Answer.APPROVED
        ).values_list("organization_id", flat=True)
    )
    if {party.pk for party in parties} <= approved:
        MINUTES.move("finalise", current=version.status)
        snapshot = minutes_snapshot(meeting, version)
        claim_instance(
            version,
            states=(MinutesVersion.Status.CIRCULATED,),
            by=user,
            set={
                "status": MinutesVersion.Status.FINAL,
                "snapshot": snapshot,
                "sha256": snapshot_sha256(snapshot),
                "finalised_at": timezone.now(),
            },
        )
        audit_claimed(version, "minutes_final", before)
        public_meeting_changed(meeting)  # its decisions may now be public
    return signoff


@transaction.atomic
def minutes_correct(*, version: MinutesVersion, user: Any) -> MinutesVersion:
    """Start a correction of a final version: a new draft version with its texts."""
    if version.status != MinutesVersion.Status.FINAL:
        raise MeetingInvalid(_("Only final minutes are corrected."), code="not_final")
    newer = MinutesVersion.objects.filter(minutes_id=version.minutes_id, number__gt=version.number)
    if newer.exists():
        raise MeetingInvalid(_("A correction is already under way."), code="correcting")
    return MinutesVersion.objects.create(
        minutes=version.minutes,
        number=version.number + 1,
        summary=version.summary,
        item_texts=dict(version.item_texts),
        changed_by=_by(user),
    )


# --- Decisions and action items ------------------------------------------------------------


def decision_add(
    *, item: AgendaItem, user: Any, text: str, rationale: str = "", method: str = "consensus",
    votes_for: int | None = None, votes_against: int | None = None,
    votes_abstained: int | None = None, activity: Any = None, indicator: Any = None,
) -> Decision:  # fmt: skip
    _check_writable(item.meeting)
    _check_draft(item.meeting)
    text = text.strip()
    if not text:
        raise MeetingInvalid({"text": _("Write the decision.")}, code="decision")
    if method == Decision.Method.VOTE and (votes_for is None or votes_against is None):
        raise MeetingInvalid(
            {"votes_for": _("A vote needs the votes for and against.")}, code="decision"
        )
    if method == Decision.Method.CONSENSUS:
        votes_for = votes_against = votes_abstained = None
    if activity is not None and indicator is not None:
        raise MeetingInvalid(
            {"indicator": _("Link the decision to a plan activity or an indicator, not both.")},
            code="decision",
        )
    for link, name in ((activity, "activity"), (indicator, "indicator")):
        if link is None:
            continue
        try:
            subject_fields(item.meeting, link)
        except MeetingInvalid:
            raise MeetingInvalid(
                {name: _("A decision can only change this meeting's own cooperation.")},
                code="decision",
            ) from None
    return Decision.objects.create(
        agenda_item=item,
        text=text,
        rationale=rationale.strip(),
        method=method,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstained=votes_abstained,
        activity=activity,
        indicator=indicator,
        created_by=_by(user),
    )


def action_add(
    *, item: AgendaItem, user: Any, title: str, owner_organization: Organization,
    due_date: date, owner: User | None = None,
) -> ActionItem:  # fmt: skip
    _check_writable(item.meeting)
    _check_draft(item.meeting)
    errors: dict[str, str] = {}
    title = " ".join(title.split())
    if not title:
        errors["title"] = _("Say what is to be done.")
    if owner_organization.pk not in {o.pk for o in attendance_organizations(item.meeting)}:
        errors["owner_organization"] = _("That organisation is not part of this meeting.")
    elif (
        owner is not None
        and not Membership.objects.filter(user=owner, organization=owner_organization).exists()
    ):
        errors["owner"] = _("The owner must be a member of the owner organisation.")
    if errors:
        raise MeetingInvalid(errors, code="action")
    return ActionItem.objects.create(
        agenda_item=item,
        title=title[:300],
        owner_organization=owner_organization,
        owner=owner,
        due_date=due_date,
        changed_by=_by(user),
    )


@transaction.atomic
def action_complete(
    *, action: ActionItem, user: Any, version: int | None, note: str = "",
    file: UploadedFile | None = None,
) -> ActionItem:  # fmt: skip
    """Mark an action item done: a note of what was done or a file is required."""
    note = note.strip()
    if not note and file is None:
        raise MeetingInvalid(
            {"note": _("Say what was done or attach the evidence.")}, code="evidence"
        )
    move = ACTION.move("complete", current=action.status)
    stored = ""
    if file is not None:
        validate_upload(file)
        # Stored before the claim, which writes its name with the status in one statement
        # (the database refuses "done" without evidence); a lost claim leaves an unused file.
        field = ActionItem._meta.get_field("completion_file")
        stored = field.storage.save(field.generate_filename(action, file.name or "bukti"), file)
    before = {"status": action.status}
    claim_instance(
        action,
        version=version,
        states=move.sources,
        by=user,
        set={
            "status": move.target,
            "completion_note": note,
            "completion_file": stored,
            "done_at": timezone.now(),
            "done_by": _by(user),
        },
    )
    audit_claimed(action, "action_done", before)
    return action


def overdue_reminders_send(*, zone: str, today: date | None = None) -> int:
    """Remind the owners of open action items past their due date, for owner organisations
    in `zone`, where it is now `today`: at most one mail per item and day (the outbox key)."""
    today = today or zones.today_in(zone)
    count = 0
    actions = ActionItem.objects.filter(
        status=ActionItem.Status.OPEN, due_date__lt=today
    ).select_related("owner", "owner_organization__region", "agenda_item__meeting")
    overdue = [a for a in actions if zones.zone_of(a.owner_organization) == zone]
    staff: dict[int, list[User]] = {}
    without_owner = {a.owner_organization_id for a in overdue if a.owner is None}
    for membership in Membership.objects.filter(
        organization_id__in=without_owner,
        role__in=minutes_access.SIGNING_ROLES,
        user__is_active=True,
    ).select_related("user"):
        staff.setdefault(membership.organization_id, []).append(membership.user)
    for action in overdue:
        people = [action.owner] if action.owner else staff.get(action.owner_organization_id, [])
        meeting = action.agenda_item.meeting
        url = reverse("meetings:minutes", kwargs={"pk": meeting.pk})

        def values(action: ActionItem = action, meeting: Meeting = meeting, url: str = url) -> dict:
            return {
                "title": action.title,
                "due": long_date(action.due_date),
                "meeting": meeting.title,
                "link": settings.SITE_URL + url,
            }

        count += notify(
            kind=ACTION_KIND,
            recipients=people,
            key=f"action-overdue:{action.pk}:{today.isoformat()}",
            title=per_person(lambda: _("Overdue action: %(title)s") % values()),
            body=per_person(
                lambda: (  # rendered inside this notify call
                    _(
                        "The action “%(title)s” from “%(meeting)s” was due on %(due)s and is "
                        "still open. Mark it done with a note or the evidence:\n\n%(link)s"
                    )
                    % values()
                )
            ),
            url=url,
            subject=f"meeting:{meeting.pk}",
            group=f"agreement:{meeting.agreement_id}" if meeting.agreement_id else "",
            group_label=meeting.title,
        )
    return count
