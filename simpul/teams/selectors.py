"""Reads of the teams app: the lists and the team page with its gaps, each in a fixed number
of queries however many members a team has."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from simpul.accounts.access import AnyUser
from simpul.organizations.models import Membership, Organization

from .access import teams_visible_to
from .models import EXPIRY_WARNING_DAYS, Competency, MemberCompetency, Team, TeamMember, Training
from .services import eligible_organization_ids


def teams_for_list(user: AnyUser, organization: Organization | None = None) -> QuerySet[Team]:
    teams = teams_visible_to(user)
    if organization is not None:
        teams = teams.filter(organization=organization)
    return (
        teams.select_related("organization", "agreement")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("organization__name", "kind", "name")
    )


def agreement_teams(user: AnyUser, agreement_id: int) -> QuerySet[Team]:
    return teams_for_list(user).filter(agreement_id=agreement_id)


@dataclass
class Cell:
    level: str = ""
    label: str = ""
    verified: bool = False


@dataclass
class MatrixRow:
    member: TeamMember
    cells: list[Cell]


@dataclass
class TeamPage:
    team: Team
    current: list[TeamMember]
    former: list[TeamMember]
    competencies: list[Competency]  # the matrix's columns: required ones, then others held
    required_ids: set[int]
    matrix: list[MatrixRow]
    missing: list[Competency]  # required, and no current member has it
    expiring: list[tuple[str, date, int]]  # (whose term, end, days left)
    left: list[TeamMember]  # current members no longer in the team's organisations
    today: date
    decrees: list[Any] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)

    @property
    def missing_ids(self) -> set[int]:
        return {c.pk for c in self.missing}

    @property
    def holders(self) -> list[tuple[Competency, list[MemberCompetency]]]:
        """The matrix read by competency (the phone's list): who holds each, at what level."""
        entries = [entry for member in self.current for entry in member.competencies.all()]
        return [
            (competency, [e for e in entries if e.competency_id == competency.pk])
            for competency in self.competencies
        ]


def team_page(team: Team, *, today: date | None = None) -> TeamPage:
    today = today or timezone.localdate()
    members = list(
        team.members.select_related("user", "agency")
        .prefetch_related(
            Prefetch(
                "competencies",
                queryset=MemberCompetency.objects.select_related("competency"),
            ),
            Prefetch("trainings", queryset=Training.objects.order_by("-held_on", "pk")),
            "criteria",
        )
        .order_by("role", "user__full_name")
    )
    role_order = {value: i for i, value in enumerate(TeamMember.Role.values)}
    members.sort(key=lambda m: (role_order.get(m.role, 99), m.user.full_name))
    current = [m for m in members if m.term_end >= today]
    former = [m for m in members if m.term_end < today]
    required = list(team.required_competencies.filter(is_active=True).order_by("position", "code"))
    required_ids = {c.pk for c in required}
    held: dict[int, Competency] = {}
    for member in current:
        for entry in member.competencies.all():
            held.setdefault(entry.competency_id, entry.competency)
    others = sorted(
        (c for pk, c in held.items() if pk not in required_ids), key=lambda c: (c.position, c.code)
    )
    columns = required + others
    matrix = []
    for member in current:
        by_competency = {e.competency_id: e for e in member.competencies.all()}
        cells = []
        for competency in columns:
            held_entry = by_competency.get(competency.pk)
            cells.append(
                Cell(held_entry.level, held_entry.get_level_display(), held_entry.is_verified)
                if held_entry
                else Cell()
            )
        matrix.append(MatrixRow(member, cells))
    missing = [c for c in required if c.pk not in held]

    horizon = today + timedelta(days=EXPIRY_WARNING_DAYS)
    expiring: list[tuple[str, date, int]] = []
    if team.term_end and today <= team.term_end <= horizon:
        expiring.append(("", team.term_end, (team.term_end - today).days))
    for member in current:
        if member.term_end <= horizon and member.term_end != team.term_end:
            expiring.append(
                (member.user.full_name, member.term_end, (member.term_end - today).days)
            )

    eligible = eligible_organization_ids(team)
    still_in = set(
        Membership.objects.filter(
            user_id__in=[m.user_id for m in current],
            organization_id__in=eligible,
            organization__is_active=True,
        ).values_list("user_id", "organization_id")
    )
    left = [
        m
        for m in current
        if not m.user.is_active
        or not m.agency.is_active
        or (m.user_id, m.agency_id) not in still_in
    ]
    return TeamPage(
        team=team,
        current=current,
        former=former,
        competencies=columns,
        required_ids=required_ids,
        matrix=matrix,
        missing=missing,
        expiring=expiring,
        left=left,
        today=today,
        decrees=list(team.decrees.select_related("recorded_by").order_by("-number")),
        events=list(team.events.select_related("actor").order_by("-occurred_at", "-pk")[:20]),
    )


def person_choices(team: Team) -> QuerySet[Any]:
    """The people who may join the team: members of its organisations and their agencies."""
    from simpul.accounts.models import User

    eligible = eligible_organization_ids(team)
    return (
        User.objects.filter(
            is_active=True,
            memberships__organization_id__in=eligible,
            memberships__organization__is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )


def agency_choices(team: Team) -> QuerySet[Organization]:
    return Organization.objects.filter(pk__in=eligible_organization_ids(team)).order_by("name")


def competency_choices() -> QuerySet[Competency]:
    return Competency.objects.filter(is_active=True).order_by("position", "code")
