"""Who may see and run meetings and forums: the one place these decisions are made.

- A forum is read by the members of its secretariat and of its member organisations (and of
  the agencies under them, who carry the work out); its secretariat's admins, coordinators
  and editors manage it (members, meetings).
- An agreement's meeting is read by whoever reads the agreement (`agreements.access`: its
  parties, its registering organisation, their agencies, oversight); a forum's meeting by the
  forum's readers. Members of an invited organisation and invited people read the meeting
  they are invited to.
- Running a meeting (editing, cancelling, inviting, deciding on agenda items, recording
  attendance) needs an editor role (admin, coordinator, editor) in the host organisation, or
  in a party or the registering organisation of its agreement, or in its forum's secretariat.
- Answering an invitation: the invited person; for an organisation, its editors or its forum
  delegate. External guests answer through their signed link, which is their only access.
- Oversight (a province for forums with a member in its regions, the centre for all) reads
  and never acts. Everyone else gets 404, so a meeting's existence does not leak.
"""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from simpul.accounts.access import AnyUser
from simpul.agreements.access import (
    EDITOR_ROLES,
    agreement_can_edit,
    agreements_visible_to,
    editing_organization_ids,
    reading_organization_ids,
)
from simpul.organizations.access import (
    MANAGER_ROLES,
    OVERSEEN_KINDS,
    memberships_of,
    overseen_region_ids,
    role_in,
    user_oversees_everything,
)
from simpul.organizations.models import Organization

from .models import AgendaItem, Forum, ForumMember, Invitation, Meeting

# --- Forums --------------------------------------------------------------------------------


def forums_visible_to(user: AnyUser) -> QuerySet[Forum]:
    if not user.is_authenticated:
        return Forum.objects.none()
    if user.is_superuser or user_oversees_everything(user):
        return Forum.objects.all()
    org_ids = reading_organization_ids(user)
    condition = Q(secretariat_id__in=org_ids) | Q(
        pk__in=ForumMember.objects.filter(organization_id__in=org_ids).values("forum_id")
    )
    overseen = overseen_region_ids(user)
    if overseen:
        condition |= Q(secretariat__region_id__in=overseen) | Q(
            pk__in=ForumMember.objects.filter(organization__region_id__in=overseen).values(
                "forum_id"
            )
        )
    return Forum.objects.filter(condition)


def forum_can_manage(user: AnyUser, forum: Forum) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or role_in(user, forum.secretariat) in EDITOR_ROLES


def forum_get_for_user(user: AnyUser, slug: str, *, manage: bool = False) -> Forum:
    """The forum, or 404 when the user may not read it (or, with manage=True, run it)."""
    forum = get_object_or_404(forums_visible_to(user).select_related("secretariat"), slug=slug)
    if manage and not forum_can_manage(user, forum):
        raise Http404
    return forum


# Who may run a forum's secretariat or sit in one: the government side (regions' governments,
# agencies and DPRDs, joint secretariats) and the central government.
FORUM_ORGANIZATION_KINDS = OVERSEEN_KINDS | {Organization.Kind.CENTRAL_GOVERNMENT}


def forum_secretariats_for(user: AnyUser) -> QuerySet[Organization]:
    """The organisations a person may make a forum's secretariat: those they are an admin of
    (any, for a platform admin), of the government side."""
    if not user.is_authenticated:
        return Organization.objects.none()
    organizations = Organization.objects.filter(kind__in=FORUM_ORGANIZATION_KINDS)
    if user.is_superuser:
        return organizations
    admin_of = [m.organization_id for m in memberships_of(user) if m.role in MANAGER_ROLES]
    return organizations.filter(pk__in=admin_of)


def forum_can_create(user: AnyUser) -> bool:
    return user.is_authenticated and (user.is_superuser or forum_secretariats_for(user).exists())


def forum_can_edit(user: AnyUser, forum: Forum) -> bool:
    """Changing a forum itself (name, members, secretariat, cadence, quorum) is for the
    secretariat's admins and platform admins; its editors run its meetings only."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or role_in(user, forum.secretariat) in MANAGER_ROLES


def forum_get_for_edit(user: AnyUser, slug: str) -> Forum:
    """The forum, or 404 when the user may not read it or may not change it."""
    forum = forum_get_for_user(user, slug)
    if not forum_can_edit(user, forum):
        raise Http404
    return forum


def forum_object_can_view_history(user: AnyUser, obj: object) -> bool:
    forum = obj if isinstance(obj, Forum) else getattr(obj, "forum", None)
    return isinstance(forum, Forum) and forums_visible_to(user).filter(pk=forum.pk).exists()


# --- Meetings ------------------------------------------------------------------------------


def meetings_visible_to(
    user: AnyUser, *, starting: tuple[datetime, datetime] | None = None
) -> QuerySet[Meeting]:
    """The meetings the user reads; with `starting` (from, until), only those starting in that
    window, worked out from the window's meetings and invitations alone (a calendar's month, a
    feed) rather than from every invitation the user's organisations ever had."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    meetings = Meeting.objects.all()
    invitations = Invitation.objects.all()
    if starting is not None:
        meetings = meetings.filter(starts_at__gte=starting[0], starts_at__lt=starting[1])
        invitations = invitations.filter(
            meeting_starts_at__gte=starting[0], meeting_starts_at__lt=starting[1]
        )
    if user.is_superuser or user_oversees_everything(user):
        return meetings
    org_ids = reading_organization_ids(user)
    condition = (
        Q(agreement_id__in=agreements_visible_to(user).values("pk"))
        | Q(forum_id__in=forums_visible_to(user).values("pk"))
        | Q(host_id__in=org_ids)
        | Q(pk__in=invitations.filter(organization_id__in=org_ids).values("meeting_id"))
        | Q(pk__in=invitations.filter(user_id=user.pk).values("meeting_id"))
    )
    return meetings.filter(condition)


def meeting_can_manage(user: AnyUser, meeting: Meeting) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or role_in(user, meeting.host) in EDITOR_ROLES:
        return True
    if meeting.agreement is not None:
        return agreement_can_edit(user, meeting.agreement)
    return meeting.forum is not None and forum_can_manage(user, meeting.forum)


def meeting_get_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> Meeting:
    """The meeting, or 404 when the user may not read it (or, with manage=True, run it)."""
    meeting = get_object_or_404(
        meetings_visible_to(user).select_related(
            "agreement", "forum__secretariat", "host__region", "region", "series"
        ),
        pk=pk,
    )
    if manage and not meeting_can_manage(user, meeting):
        raise Http404
    return meeting


def meeting_object_can_view_history(user: AnyUser, obj: object) -> bool:
    """History pages of a meeting and of what hangs off it (agenda, invitations, attendance)."""
    meeting = obj if isinstance(obj, Meeting) else getattr(obj, "meeting", None)
    return isinstance(meeting, Meeting) and meetings_visible_to(user).filter(pk=meeting.pk).exists()


# --- Invitations and the agenda ------------------------------------------------------------


def invitation_can_answer(user: AnyUser, invitation: Invitation) -> bool:
    """The invited person; for an organisation its editors or its delegate in the forum."""
    if not user.is_authenticated:
        return False
    if invitation.kind == Invitation.Kind.PERSON:
        return invitation.user_id == user.pk
    if invitation.kind != Invitation.Kind.ORGANIZATION or invitation.organization_id is None:
        return False
    if invitation.organization_id in editing_organization_ids(user):
        return True
    forum_id = invitation.meeting.forum_id
    return (
        forum_id is not None
        and ForumMember.objects.filter(
            forum_id=forum_id, organization_id=invitation.organization_id, delegate_id=user.pk
        ).exists()
    )


def invitations_answerable_by(
    user: AnyUser, meeting: Meeting, invitations: list[Invitation] | None = None
) -> list[Invitation]:
    """The meeting's invitations this signed-in user answers (several for an editor of several
    invited organisations): the same rule as `invitation_can_answer`, in two queries at most
    however many invitations there are."""
    if not user.is_authenticated:
        return []
    if invitations is None:
        invitations = list(meeting.invitations.select_related("organization", "user"))
    editing = editing_organization_ids(user)
    delegated: set[int] = set()
    if meeting.forum_id is not None:
        delegated = set(
            ForumMember.objects.filter(forum_id=meeting.forum_id, delegate_id=user.pk).values_list(
                "organization_id", flat=True
            )
        )
    return [
        invitation
        for invitation in invitations
        if (invitation.kind == Invitation.Kind.PERSON and invitation.user_id == user.pk)
        or (
            invitation.kind == Invitation.Kind.ORGANIZATION
            and invitation.organization_id is not None
            and (invitation.organization_id in editing or invitation.organization_id in delegated)
        )
    ]


def invitation_get_for_answer(user: AnyUser, meeting_pk: int, pk: int) -> Invitation:
    """An invitation of a meeting the user reads and answers, or 404."""
    meeting = meeting_get_for_user(user, meeting_pk)
    invitation = get_object_or_404(
        Invitation.objects.select_related("organization", "user"), meeting=meeting, pk=pk
    )
    invitation.meeting = meeting
    if not invitation_can_answer(user, invitation):
        raise Http404
    return invitation


def agenda_can_propose(user: AnyUser, meeting: Meeting) -> bool:
    """Invitees propose agenda items; organisers add them directly."""
    return meeting_can_manage(user, meeting) or bool(invitations_answerable_by(user, meeting))


def agenda_item_get_for_user(
    user: AnyUser, meeting_pk: int, pk: int, *, decide: bool = False
) -> AgendaItem:
    """An agenda item of a meeting the user reads (with decide=True: runs), or 404."""
    meeting = meeting_get_for_user(user, meeting_pk, manage=decide)
    item = get_object_or_404(AgendaItem.objects.filter(meeting=meeting), pk=pk)
    item.meeting = meeting
    return item
