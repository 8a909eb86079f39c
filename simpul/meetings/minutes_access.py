"""Who reads, writes and signs a meeting's minutes, and who closes an action item.

The minutes are read by whoever reads the meeting (`access.meeting_get_for_user`) and written
(text, decisions, action items, circulating, corrections) by whoever runs it. Signing off is
for a party's delegate only: in a forum's meeting the forum member's named delegate, else (no
delegate named, or an agreement's meeting) the party's admins and coordinators, the same
people the circulation mail goes to. Platform admins do not sign for a party. An action item
is closed by its owner, the owner organisation's editors, or whoever runs the meeting.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from simpul.accounts.access import AnyUser
from simpul.accounts.models import User
from simpul.agreements.access import editing_organization_ids
from simpul.organizations.access import memberships_of
from simpul.organizations.models import Membership, Organization

from . import access
from .models import ActionItem, AgendaItem, Decision, ForumMember, Meeting, MinutesVersion

SIGNING_ROLES = (Membership.Role.ADMIN, Membership.Role.COORDINATOR)


def parties_of(meeting: Meeting) -> list[Organization]:
    """Whose sign-off makes the minutes final: the agreement's parties or the forum's members."""
    from .services.attendance import member_organizations

    return member_organizations(meeting)


def delegates_of(meeting: Meeting, parties: list[Organization]) -> dict[int, list[User]]:
    """The people who sign for each party (two queries for any number of parties)."""
    named: dict[int, User] = {}
    if meeting.forum_id is not None:
        for seat in ForumMember.objects.filter(
            forum_id=meeting.forum_id, delegate__isnull=False, delegate__is_active=True
        ).select_related("delegate"):
            if seat.delegate is not None:
                named[seat.organization_id] = seat.delegate
    staff: dict[int, list[User]] = {party.pk: [] for party in parties}
    for membership in Membership.objects.filter(
        organization_id__in=[p.pk for p in parties if p.pk not in named],
        role__in=SIGNING_ROLES,
        user__is_active=True,
    ).select_related("user"):
        staff[membership.organization_id].append(membership.user)
    return {
        party.pk: [named[party.pk]] if party.pk in named else staff[party.pk] for party in parties
    }


def parties_signed_by(
    user: AnyUser, meeting: Meeting, parties: list[Organization]
) -> list[Organization]:
    """The parties this person signs for (none for anyone else, platform admins included)."""
    if not user.is_authenticated:
        return []
    named: dict[int, int | None] = {}
    if meeting.forum_id is not None:
        named = dict(
            ForumMember.objects.filter(
                forum_id=meeting.forum_id, delegate__isnull=False
            ).values_list("organization_id", "delegate_id")
        )
    signing = {m.organization_id for m in memberships_of(user) if m.role in SIGNING_ROLES}
    return [
        party
        for party in parties
        if (named[party.pk] == user.pk if party.pk in named else party.pk in signing)
    ]


def minutes_can_write(user: AnyUser, meeting: Meeting) -> bool:
    return access.meeting_can_manage(user, meeting)


def agenda_item_get_for_minutes(user: AnyUser, meeting_pk: int, pk: int) -> AgendaItem:
    """An accepted agenda item of a meeting the user runs, or 404."""
    meeting = access.meeting_get_for_user(user, meeting_pk, manage=True)
    item = get_object_or_404(
        AgendaItem.objects.filter(meeting=meeting, status=AgendaItem.Status.ACCEPTED), pk=pk
    )
    item.meeting = meeting
    return item


def action_can_complete(user: AnyUser, action: ActionItem, meeting: Meeting) -> bool:
    if not user.is_authenticated:
        return False
    if action.owner_id == user.pk:
        return True
    editing = editing_organization_ids(user)
    return action.owner_organization_id in editing or access.meeting_can_manage(user, meeting)


def action_get_for_completion(user: AnyUser, meeting_pk: int, pk: int) -> ActionItem:
    """An open action item of a meeting the user reads and may close, or 404."""
    meeting = access.meeting_get_for_user(user, meeting_pk)
    action = get_object_or_404(
        ActionItem.objects.select_related("agenda_item", "owner_organization", "owner"),
        agenda_item__meeting=meeting,
        pk=pk,
    )
    if not action_can_complete(user, action, meeting):
        raise Http404
    action.agenda_item.meeting = meeting
    return action


def object_can_view_history(user: AnyUser, obj: object) -> bool:
    """History pages of a minutes version, decision or action item: the meeting's readers."""
    meeting = None
    if isinstance(obj, MinutesVersion):
        meeting = obj.minutes.meeting
    elif isinstance(obj, Decision | ActionItem):
        meeting = obj.agenda_item.meeting
    return meeting is not None and access.meeting_object_can_view_history(user, meeting)
