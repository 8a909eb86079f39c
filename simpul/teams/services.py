"""Writes of the teams app. Every write runs in a transaction, leaves an immutable TeamEvent,
and claims the team row (`core.claims`) so that two people changing one team at once are
serialised: a stale edit form gets the kernel's Conflict (merged by `core.merge`), and two
chairs for overlapping terms added at the same moment cannot both pass the overlap check."""

import hashlib
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.agreements.models import Agreement, Party
from simpul.core.claims import claim, claim_instance
from simpul.core.errors import InvalidInput
from simpul.core.formats import long_date
from simpul.core.uploads import PDF, file_size, safe_display_name, validate_upload
from simpul.organizations.models import Membership, Organization

from .models import (
    Competency,
    Decree,
    MemberCompetency,
    SelectionCriterion,
    Team,
    TeamEvent,
    TeamMember,
    Training,
)

EDITABLE_FIELDS = ("name", "description", "required_competencies")


class TeamInvalid(InvalidInput):
    """A team, decree, member or training the person can fix."""


def _sha256(uploaded_file: Any) -> str:
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    chunks = uploaded_file.chunks() if hasattr(uploaded_file, "chunks") else [uploaded_file.read()]
    for chunk in chunks:
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


def _event(team: Team, action: str, user: User | None, note: str = "") -> None:
    TeamEvent.objects.create(
        team=team, action=action, actor=user, note=note[:300], occurred_at=timezone.now()
    )


def _check_pdf(uploaded_file: IO[bytes], field: str) -> None:
    """The decree must be a PDF: anything else (or a damaged file) is refused with a message."""
    try:
        detected = validate_upload(uploaded_file)
    except ValidationError as error:
        raise TeamInvalid({field: error.messages}) from None
    if detected is not PDF:
        raise TeamInvalid(
            {
                field: _("The decree must be a PDF; this file is %(label)s.")
                % {"label": detected.label}
            }
        )


def _check_term(term_start: date, term_end: date, field: str = "term_end") -> None:
    if term_end < term_start:
        raise TeamInvalid({field: _("The term cannot end before it starts.")})


def team_organization_ids(team: Team) -> set[int]:
    """The organisations a team draws its members from: its own, and for a working team the
    agreement's parties (their agencies come on top, see `eligible_organization_ids`)."""
    ids = {team.organization_id}
    if team.agreement_id:
        ids |= set(
            Party.objects.filter(agreement_id=team.agreement_id).values_list(
                "organization_id", flat=True
            )
        )
    return ids


def eligible_organization_ids(team: Team) -> set[int]:
    """The team's organisations and the agencies under them, in one query."""
    ids = team_organization_ids(team)
    return ids | set(
        Organization.objects.filter(parent_id__in=ids, is_active=True).values_list("pk", flat=True)
    )


# --- Teams and decrees ----------------------------------------------------------------------


def _decree_add(
    team: Team,
    *,
    user: User | None,
    number: int,
    sk_number: str,
    sk_date: date,
    term_start: date,
    term_end: date,
    sk_file: Any,
    at: datetime | None = None,
) -> Decree:
    decree = Decree(
        team=team,
        number=number,
        sk_number=sk_number,
        sk_date=sk_date,
        term_start=term_start,
        term_end=term_end,
        original_name=safe_display_name(getattr(sk_file, "name", ""), default="sk"),
        sha256=_sha256(sk_file),
        recorded_by=user,
        recorded_at=at or timezone.now(),
    )
    decree.file.save(decree.original_name, sk_file, save=False)
    try:
        decree.save()
    except Exception:
        decree.file.delete(save=False)
        raise
    return decree


def _check_decree(
    *, sk_number: str, sk_date: date | None, term_start: date, term_end: date, sk_file: Any
) -> str:
    sk_number = " ".join((sk_number or "").split())
    if not sk_number:
        raise TeamInvalid({"sk_number": _("Enter the decree's number.")})
    if sk_date is None:
        raise TeamInvalid({"sk_date": _("Enter the decree's date.")})
    _check_term(term_start, term_end)
    if sk_file is None:
        raise TeamInvalid({"sk_file": _("Attach the decree as a PDF.")})
    _check_pdf(sk_file, "sk_file")
    return sk_number


@transaction.atomic
def team_create(
    *,
    organization: Organization,
    user: User | None,
    kind: str,
    name: str,
    sk_number: str,
    sk_date: date,
    term_start: date,
    term_end: date,
    sk_file: Any,
    description: str = "",
    agreement: Agreement | None = None,
) -> Team:
    """Form a team with its first decree. A TKKSD belongs to a regional government (one each);
    a working team to an agreement its organisation is a party to or registered."""
    name = " ".join((name or "").split())
    if not name:
        raise TeamInvalid({"name": _("Give the team a name.")})
    if kind == Team.Kind.TKKSD:
        if organization.kind != Organization.Kind.REGIONAL_GOVERNMENT:
            raise TeamInvalid(
                {"kind": _("A TKKSD belongs to a regional government; form a working team.")}
            )
        if Team.objects.filter(organization=organization, kind=Team.Kind.TKKSD).exists():
            raise TeamInvalid(
                {
                    "kind": _("%(organization)s already has a TKKSD; record its new decree there.")
                    % {"organization": organization.name}
                }
            )
        agreement = None
    elif kind == Team.Kind.WORKING:
        if agreement is None:
            raise TeamInvalid({"agreement": _("Choose the agreement the working team is for.")})
        involved = (
            agreement.owner_id == organization.pk
            or agreement.parties.filter(organization=organization).exists()
        )
        if not involved:
            raise TeamInvalid(
                {
                    "agreement": _(
                        "%(organization)s is neither a party to nor the registrar of this "
                        "agreement."
                    )
                    % {"organization": organization.name}
                }
            )
    else:
        raise TeamInvalid({"kind": _("Choose the kind of team.")})
    sk_number = _check_decree(
        sk_number=sk_number,
        sk_date=sk_date,
        term_start=term_start,
        term_end=term_end,
        sk_file=sk_file,
    )
    team = Team(
        organization=organization,
        kind=kind,
        name=name[:200],
        description=(description or "").strip()[:2000],
        agreement=agreement,
        sk_number=sk_number,
        sk_date=sk_date,
        term_start=term_start,
        term_end=term_end,
        changed_by=user,
    )
    try:
        with transaction.atomic():
            team.save()
    except IntegrityError:
        raise TeamInvalid(
            {
                "kind": _("%(organization)s already has a TKKSD; record its new decree there.")
                % {"organization": organization.name}
            }
        ) from None
    team.required_competencies.set(
        Competency.objects.filter(required_by_default=True, is_active=True)
    )
    _decree_add(
        team,
        user=user,
        number=1,
        sk_number=sk_number,
        sk_date=sk_date,
        term_start=term_start,
        term_end=term_end,
        sk_file=sk_file,
    )
    _event(team, TeamEvent.Action.FORMED, user, sk_number)
    return team


@transaction.atomic
def decree_record(
    *,
    team: Team,
    user: User | None,
    sk_number: str,
    sk_date: date,
    term_start: date,
    term_end: date,
    sk_file: Any,
) -> Decree:
    """A new decree renews or changes the team: a new version, the earlier ones kept."""
    sk_number = _check_decree(
        sk_number=sk_number,
        sk_date=sk_date,
        term_start=term_start,
        term_end=term_end,
        sk_file=sk_file,
    )
    set_ = {
        "sk_number": sk_number,
        "sk_date": sk_date,
        "term_start": term_start,
        "term_end": term_end,
    }
    claim_instance(team, by=user, set=set_, state_field="")
    number = (team.decrees.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    decree = _decree_add(
        team,
        user=user,
        number=number,
        sk_number=sk_number,
        sk_date=sk_date,
        term_start=term_start,
        term_end=term_end,
        sk_file=sk_file,
    )
    _event(team, TeamEvent.Action.DECREE, user, sk_number)
    return decree


@transaction.atomic
def team_update(*, team: Team, user: User | None, version: int, **fields: Any) -> Team:
    """The team's name, description and required competencies, claimed at the version the
    form showed (a stale form gets a Conflict, which the edit view merges)."""
    fields = {k: v for k, v in fields.items() if k in EDITABLE_FIELDS}
    if "name" in fields:
        fields["name"] = " ".join((fields["name"] or "").split())[:200]
        if not fields["name"]:
            raise TeamInvalid({"name": _("Give the team a name.")})
    set_ = {k: v for k, v in fields.items() if k in ("name", "description")}
    claim_instance(team, version=version, by=user, set=set_, state_field="")
    if "required_competencies" in fields:
        team.required_competencies.set(fields["required_competencies"])
    _event(team, TeamEvent.Action.EDITED, user)
    return team


# --- Members ------------------------------------------------------------------------------


@transaction.atomic
def member_add(
    *,
    team: Team,
    user: User | None,
    person: User,
    role: str,
    agency: Organization | None = None,
    term_start: date | None = None,
    term_end: date | None = None,
    nip: str = "",
    criteria: Iterable[SelectionCriterion] = (),
) -> TeamMember:
    """Add a person who is a member of one of the team's organisations or their agencies.
    A chair or secretary whose term overlaps another holder's is refused."""
    eligible = eligible_organization_ids(team)
    their_orgs = set(
        Membership.objects.filter(
            user=person, organization_id__in=eligible, organization__is_active=True
        ).values_list("organization_id", flat=True)
    )
    if not person.is_active or not their_orgs:
        raise TeamInvalid(
            {
                "person": _(
                    "%(person)s is not a member of the team's organisations or their agencies."
                )
                % {"person": person.full_name or person.email}
            }
        )
    if agency is None:
        agency = Organization.objects.get(pk=min(their_orgs))
    elif agency.pk not in their_orgs:
        raise TeamInvalid(
            {
                "agency": _("%(person)s is not a member of %(agency)s.")
                % {"person": person.full_name or person.email, "agency": agency.name}
            }
        )
    term_start = term_start or team.term_start or timezone.localdate()
    term_end = term_end or team.term_end
    if term_end is None:
        raise TeamInvalid({"term_end": _("Enter when the member's term ends.")})
    _check_term(term_start, term_end)
    nip = "".join((nip or "").split())
    if nip and (not nip.isdigit() or len(nip) != 18):
        raise TeamInvalid({"nip": _("A NIP has 18 digits.")})
    if role not in TeamMember.Role.values:
        raise TeamInvalid({"role": _("Choose a role.")})
    # Serialise changes to this team's roster: the claim's UPDATE holds the row until commit.
    claim(Team, team.pk, by=user, state_field="")
    if role in TeamMember.SINGLE_HOLDER_ROLES:
        holder = (
            TeamMember.objects.filter(team=team, role=role)
            .filter(Q(term_start__lte=term_end) & Q(term_end__gte=term_start))
            .select_related("user")
            .first()
        )
        if holder is not None:
            raise TeamInvalid(
                {
                    "role": _(
                        "%(person)s is already %(role)s from %(start)s to %(end)s; the terms "
                        "overlap."
                    )
                    % {
                        "person": holder.user.full_name,
                        "role": TeamMember.Role(role).label.lower(),
                        "start": long_date(holder.term_start),
                        "end": long_date(holder.term_end),
                    }
                }
            )
    member = TeamMember.objects.create(
        team=team,
        user=person,
        role=role,
        agency=agency,
        term_start=term_start,
        term_end=term_end,
        nip=nip,
        added_by=user,
    )
    member.criteria.set(list(criteria))
    _event(team, TeamEvent.Action.MEMBER_ADDED, user, person.full_name)
    return member


@transaction.atomic
def competency_record(
    *, member: TeamMember, user: User | None, competency: Competency, level: str
) -> MemberCompetency:
    """A member's competency at a level; a changed level needs verifying again."""
    if level not in MemberCompetency.Level.values:
        raise TeamInvalid({"level": _("Choose a level.")})
    if not competency.is_active:
        raise TeamInvalid({"competency": _("That competency is no longer on the list.")})
    claim(Team, member.team_id, by=user, state_field="")
    entry, created = MemberCompetency.objects.get_or_create(
        member=member, competency=competency, defaults={"level": level}
    )
    if not created and entry.level != level:
        entry.level = level
        entry.verified_by = None
        entry.verified_at = None
        entry.save()
    _event(
        member.team,
        TeamEvent.Action.COMPETENCY,
        user,
        f"{member.user.full_name}: {competency.name}",
    )
    return entry


@transaction.atomic
def competency_verify(*, entry: MemberCompetency, user: User | None) -> MemberCompetency:
    if entry.verified_at is None:
        entry.verified_by = user
        entry.verified_at = timezone.now()
        entry.save(update_fields=["verified_by", "verified_at", "updated_at"])
        _event(
            entry.member.team,
            TeamEvent.Action.VERIFIED,
            user,
            f"{entry.member.user.full_name}: {entry.competency.name}",
        )
    return entry


@transaction.atomic
def training_add(
    *,
    member: TeamMember,
    user: User | None,
    kind: str,
    course: str,
    organiser: str,
    held_on: date,
    hours: Decimal,
    competency: Competency | None = None,
    certificate: Any = None,
) -> Training:
    course = " ".join((course or "").split())
    organiser = " ".join((organiser or "").split())
    if not course:
        raise TeamInvalid({"course": _("Name the course.")})
    if not organiser:
        raise TeamInvalid({"organiser": _("Name the organiser.")})
    if hours is None or not (Decimal(0) < hours <= Decimal(2000)):
        raise TeamInvalid({"hours": _("Hours are more than 0 and at most 2,000.")})
    if held_on > timezone.localdate():
        raise TeamInvalid({"held_on": _("Record trainings that have taken place.")})
    training = Training(
        member=member,
        kind=kind if kind in Training.Kind.values else Training.Kind.TRAINING,
        course=course[:200],
        organiser=organiser[:200],
        held_on=held_on,
        hours=hours,
        competency=competency,
        added_by=user,
    )
    if certificate is not None:
        try:
            detected = validate_upload(certificate)
        except ValidationError as error:
            raise TeamInvalid({"certificate": error.messages}) from None
        training.certificate_name = safe_display_name(
            getattr(certificate, "name", ""), default="sertifikat"
        )
        training.certificate_type = detected.mime
        file_size(certificate)
        training.certificate.save(training.certificate_name, certificate, save=False)
    try:
        training.save()
    except Exception:
        if training.certificate:
            training.certificate.delete(save=False)
        raise
    _event(member.team, TeamEvent.Action.TRAINING, user, f"{member.user.full_name}: {course}"[:300])
    return training
