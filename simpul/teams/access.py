"""Who may see and change cooperation teams: the one place these decisions are made.

- Reading a team (its page, members, competencies, trainings, decrees): the members of its
  organisation and of the agencies under it; for a working team also the members of the
  agreement's party organisations (its members come from them); by oversight, as
  `organizations.access` defines it (the province for its regencies and cities, the centre
  for all); platform administrators. Everyone else gets 404.
- Editing (new team, new SK, members, competencies, trainings): the owning organisation's
  admins and coordinators, and platform administrators.
- Verifying a member's competency: the team's current chair or the owning organisation's
  admins (and platform administrators).
Personal data of members (e-mail, phone, NIP) is shown to readers only; nothing here is public.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from simpul.accounts.access import AnyUser
from simpul.agreements.models import Party
from simpul.organizations.access import (
    OVERSEEN_KINDS,
    memberships_of,
    organization_can_view_internal,
    overseen_region_ids,
    role_in,
    user_oversees_everything,
)
from simpul.organizations.models import Membership, Organization

from .models import Decree, MemberCompetency, Team, TeamEvent, TeamMember, Training

EDIT_ROLES = {Membership.Role.ADMIN, Membership.Role.COORDINATOR}


def _reading_organization_ids(user: AnyUser) -> set[int]:
    """The user's organisations and, for an agency's member, the organisation above it."""
    ids: set[int] = set()
    for membership in memberships_of(user):
        ids.add(membership.organization_id)
        if membership.organization.parent_id:
            ids.add(membership.organization.parent_id)
    return ids


def teams_visible_to(user: AnyUser) -> QuerySet[Team]:
    if not user.is_authenticated:
        return Team.objects.none()
    if user.is_superuser or user_oversees_everything(user):
        return Team.objects.all()
    mine = _reading_organization_ids(user)
    party_agreements = Party.objects.filter(organization_id__in=mine).values("agreement_id")
    condition = Q(organization_id__in=mine) | Q(
        kind=Team.Kind.WORKING, agreement_id__in=party_agreements
    )
    overseen = overseen_region_ids(user)
    if overseen:
        condition |= Q(organization__region_id__in=overseen, organization__kind__in=OVERSEEN_KINDS)
    return Team.objects.filter(condition)


def team_can_edit(user: AnyUser, team: Team) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or role_in(user, team.organization) in EDIT_ROLES


def team_can_verify(user: AnyUser, team: Team) -> bool:
    """Verify a competency: the current chair or the owning organisation's admins."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or role_in(user, team.organization) == Membership.Role.ADMIN:
        return True
    today = timezone.localdate()
    return TeamMember.objects.filter(
        team=team,
        user_id=user.pk,
        role=TeamMember.Role.CHAIR,
        term_start__lte=today,
        term_end__gte=today,
    ).exists()


def team_get_for_user(user: AnyUser, pk: int, *, edit: bool = False, verify: bool = False) -> Team:
    """The team, or 404 when the user may not see it or do what is asked."""
    team = get_object_or_404(
        teams_visible_to(user).select_related("organization", "agreement"), pk=pk
    )
    if edit and not team_can_edit(user, team):
        raise Http404
    if verify and not team_can_verify(user, team):
        raise Http404
    return team


def organization_teams_get_for_user(user: AnyUser, pk: int, *, edit: bool = False) -> Organization:
    """The organisation whose teams list is asked for: its readers (members, the agencies'
    members, overseers); `edit` its admins and coordinators."""
    organization = get_object_or_404(Organization.objects.filter(is_active=True), pk=pk)
    readable = organization.pk in _reading_organization_ids(user) or (
        organization_can_view_internal(user, organization)
    )
    if not user.is_authenticated or not readable:
        raise Http404
    if edit and not (user.is_superuser or role_in(user, organization) in EDIT_ROLES):
        raise Http404
    return organization


def team_can_create_for(user: AnyUser, organization: Organization) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or role_in(user, organization) in EDIT_ROLES


def member_get_for_user(user: AnyUser, team: Team, pk: int) -> TeamMember:
    """A member of a team the user reads (the caller has checked the team)."""
    return get_object_or_404(
        TeamMember.objects.select_related("user", "agency", "team"), pk=pk, team=team
    )


def team_object_can_view_history(user: AnyUser, obj: object) -> bool:
    """History pages of teams and their parts: the team's readers."""
    if isinstance(obj, Team):
        team_id = obj.pk
    elif isinstance(obj, (TeamMember, Decree, TeamEvent)):
        team_id = obj.team_id
    elif isinstance(obj, (MemberCompetency, Training)):
        team_id = obj.member.team_id
    else:
        return False
    return teams_visible_to(user).filter(pk=team_id).exists()
