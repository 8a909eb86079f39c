"""Writes of the stakeholder register.

    stakeholder_create(*, agreement, user, **fields) -> Stakeholder   (DuplicateStakeholder)
    stakeholder_update(*, stakeholder, user, version, **fields)       (merged edits)
    stakeholder_invite(*, stakeholder, user, email="") -> Invitation  (organizations' flow)
    contribution_record(*, stakeholder, user, kind, description, value, year, source="",
                        evidence=None) -> Contribution
    contribution_decide(*, contribution, user, version, action, note="")  (verify, reject)

A duplicate stakeholder (the same platform organisation, or a name that folds to the same
key) is refused with the existing one named, so the form can offer it instead. A contribution
moves through the kernel's CONTRIBUTION machine with a claim at the version the page showed
(of two clicks one wins, the other gets a Conflict naming who acted) and an immutable
ContributionEvent per step. A change to what the public may see (a stakeholder of an agreement,
a verified contribution) bumps the public cache after commit.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.accounts.models import User
from simpul.agreements.access import agreement_can_edit
from simpul.agreements.models import Agreement
from simpul.core.claims import claim_instance
from simpul.core.errors import InvalidInput, NotAllowed
from simpul.core.formats import rupiah
from simpul.core.machines import Machine, Move
from simpul.core.public_cache import bump
from simpul.core.uploads import safe_display_name, validate_upload
from simpul.organizations.models import Invitation, Membership, Organization
from simpul.organizations.services import invitation_create

from .access import contribution_can_decide
from .models import Contribution, ContributionEvent, Role, Stakeholder

S = Contribution.Status
CONTRIBUTION = Machine(
    "contribution",
    Move("verify", gettext_lazy("Verify"), (S.RECORDED,), S.VERIFIED),
    Move("reject", gettext_lazy("Reject"), (S.RECORDED,), S.REJECTED, True),
    # A coordinator may reopen a decision (a wrong verification is corrected, not hidden).
    Move("reopen", gettext_lazy("Reopen"), (S.VERIFIED, S.REJECTED), S.RECORDED, True),
)
EDITABLE_FIELDS = (
    "name",
    "kind",
    "roles",
    "interest",
    "interest_reason",
    "influence",
    "influence_reason",
    "contact_name",
    "contact_email",
    "contact_phone",
    "notes",
)
# Outside parties become platform organisations of these kinds when invited to join.
INVITE_KINDS: dict[str, str] = {
    Stakeholder.Kind.NGO: Organization.Kind.NGO,
    Stakeholder.Kind.PRIVATE: Organization.Kind.BUSINESS,
    Stakeholder.Kind.UNIVERSITY: Organization.Kind.UNIVERSITY,
    Stakeholder.Kind.COMMUNITY: Organization.Kind.COMMUNITY_GROUP,
    Stakeholder.Kind.MEDIA: Organization.Kind.BUSINESS,
    Stakeholder.Kind.DONOR: Organization.Kind.NGO,
}
ORGANIZATION_KINDS: dict[str, str] = {
    Organization.Kind.NGO: Stakeholder.Kind.NGO,
    Organization.Kind.BUSINESS: Stakeholder.Kind.PRIVATE,
    Organization.Kind.UNIVERSITY: Stakeholder.Kind.UNIVERSITY,
    Organization.Kind.COMMUNITY_GROUP: Stakeholder.Kind.COMMUNITY,
    Organization.Kind.FOREIGN_PARTNER: Stakeholder.Kind.DONOR,
}
# Legal-form words that do not tell two parties apart: "PT Bank BPD DIY" is "Bank BPD DIY".
_LEGAL_FORMS = {"pt", "cv", "tbk", "persero", "yayasan", "perkumpulan", "ud", "koperasi"}


class DuplicateStakeholder(InvalidInput):
    """The party is on the register already; `existing` is the row to use instead."""

    def __init__(self, existing: Stakeholder) -> None:
        super().__init__(
            _("%(name)s is already a stakeholder of this agreement: edit that entry instead.")
            % {"name": existing.name},
            code="duplicate",
        )
        self.existing = existing


def name_key(name: str) -> str:
    """A name folded for comparison: accents, case, punctuation and legal forms removed."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w and w not in _LEGAL_FORMS]
    return " ".join(words)[:200]


def duplicate_of(
    agreement: Agreement,
    *,
    name: str,
    organization: Organization | None,
    exclude: int | None = None,
) -> Stakeholder | None:
    rows = Stakeholder.objects.filter(agreement=agreement)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    if organization is not None:
        found = rows.filter(organization=organization).first()
        if found is not None:
            return found
    key = name_key(name)
    return rows.filter(name_key=key).first() if key else None


def _event(contribution: Contribution, *, action: str, before: str, user: User | None,
           note: str = "") -> None:  # fmt: skip
    ContributionEvent.objects.create(
        contribution=contribution,
        action=action,
        from_status=before,
        to_status=contribution.status,
        note=note,
        actor=user if getattr(user, "pk", None) else None,
        occurred_at=timezone.now(),
    )


def _clean_fields(fields: dict[str, Any], organization: Organization | None) -> dict[str, Any]:
    fields = {k: v for k, v in fields.items() if k in EDITABLE_FIELDS}
    for name in ("name", "interest_reason", "influence_reason", "contact_name", "notes"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    if "name" in fields and not fields["name"]:
        if organization is None:
            raise InvalidInput(
                {"name": _("Name the stakeholder or choose an organisation.")}, code="required"
            )
        fields["name"] = organization.name
    if "roles" in fields:
        roles = list(dict.fromkeys(fields["roles"] or []))
        if not roles:
            raise InvalidInput({"roles": _("Choose at least one role.")}, code="required")
        if any(role not in Role.values for role in roles):
            raise InvalidInput({"roles": _("Choose roles from the list.")}, code="invalid")
        fields["roles"] = roles
    return fields


def _check_editor(user: User, agreement: Agreement) -> None:
    if not agreement_can_edit(user, agreement):
        raise NotAllowed(_("You may not change this agreement's stakeholders."))


@transaction.atomic
def stakeholder_create(
    *, agreement: Agreement, user: User, organization: Organization | None = None, **fields: Any
) -> Stakeholder:
    _check_editor(user, agreement)
    if organization is not None:
        # A platform organisation's own kind decides (a bureau is a government, a firm private).
        fields["kind"] = ORGANIZATION_KINDS.get(organization.kind, Stakeholder.Kind.GOVERNMENT)
    fields = _clean_fields({"name": "", **fields}, organization)
    existing = duplicate_of(agreement, name=fields["name"], organization=organization)
    if existing is not None:
        raise DuplicateStakeholder(existing)
    stakeholder = Stakeholder(
        agreement=agreement,
        organization=organization,
        name_key=name_key(fields["name"]),
        changed_by=user,
        **fields,
    )
    stakeholder.full_clean(exclude=["invitation"])
    stakeholder.save()
    transaction.on_commit(bump)
    return stakeholder


@transaction.atomic
def stakeholder_update(
    *, stakeholder: Stakeholder, user: User, version: int, **fields: Any
) -> Stakeholder:
    """The stakeholder's data, claimed at the version the form showed (merged on conflict)."""
    _check_editor(user, stakeholder.agreement)
    fields = _clean_fields(fields, stakeholder.organization)
    if "name" in fields:
        existing = duplicate_of(
            stakeholder.agreement, name=fields["name"], organization=None, exclude=stakeholder.pk
        )
        if existing is not None:
            raise DuplicateStakeholder(existing)
        fields["name_key"] = name_key(fields["name"])
    claim_instance(stakeholder, version=version, by=user)
    for name, value in fields.items():
        setattr(stakeholder, name, value)
    stakeholder.full_clean(exclude=["invitation"], validate_constraints=False)
    stakeholder.save()
    transaction.on_commit(bump)
    return stakeholder


@transaction.atomic
def stakeholder_invite(*, stakeholder: Stakeholder, user: User, email: str = "") -> Invitation:
    """Invite an outside stakeholder to become a member: it becomes an organisation on the
    platform and its contact (or `email`) is invited as that organisation's admin through
    the organisations' own invitation flow (e-mail through the outbox)."""
    _check_editor(user, stakeholder.agreement)
    if stakeholder.organization_id is not None:
        raise InvalidInput(_("This stakeholder is on the platform already."), code="member")
    kind = INVITE_KINDS.get(stakeholder.kind)
    if kind is None:
        raise InvalidInput(
            _("Government bodies are on the platform already: choose the organisation instead."),
            code="kind",
        )
    email = (email or stakeholder.contact_email).strip()
    if not email:
        raise InvalidInput({"email": _("Give the e-mail address to invite.")}, code="required")
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput({"email": _("Enter a valid e-mail address.")}, code="email") from None
    organization = Organization.objects.create(
        name=stakeholder.name, kind=kind, email=email, is_active=True
    )
    invitation = invitation_create(
        organization=organization, email=email, role=Membership.Role.ADMIN, invited_by=user
    )
    stakeholder.organization = organization
    stakeholder.invitation = invitation
    stakeholder.save(update_fields=["organization", "invitation", "updated_at"])
    return invitation


def _value(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InvalidInput({"value": _("Enter the value as a number.")}, code="invalid") from None
    if not amount.is_finite():
        raise InvalidInput({"value": _("Enter the value as a number.")}, code="invalid")
    if amount < 0:
        raise InvalidInput({"value": _("A contribution cannot be negative.")}, code="negative")
    ceiling = Decimal(settings.SIMPUL_CONTRIBUTION_MAX_RUPIAH)
    if amount > ceiling:
        raise InvalidInput(
            {
                "value": _(
                    "%(value)s is more than any single contribution can be (the ceiling is "
                    "%(ceiling)s): check the number of zeros."
                )
                % {"value": rupiah(amount), "ceiling": rupiah(ceiling)}
            },
            code="absurd",
        )
    return amount.quantize(Decimal("0.01"))


def _year(year: Any) -> int:
    this_year = timezone.now().year
    try:
        number = int(year)
    except (TypeError, ValueError):
        raise InvalidInput({"year": _("Enter the year, e.g. 2026.")}, code="invalid") from None
    if not 2000 <= number <= this_year + 5:
        raise InvalidInput(
            {"year": _("Enter a year from 2000 to %(last)s.") % {"last": this_year + 5}},
            code="range",
        )
    return number


@transaction.atomic
def contribution_record(
    *,
    stakeholder: Stakeholder,
    user: User,
    kind: str,
    description: str,
    value: Any,
    year: Any,
    source: str = "",
    evidence: UploadedFile | None = None,
) -> Contribution:
    _check_editor(user, stakeholder.agreement)
    if kind not in Contribution.Kind.values:
        raise InvalidInput({"kind": _("Choose a kind from the list.")}, code="invalid")
    description = (description or "").strip()
    if not description:
        raise InvalidInput({"description": _("Say what is contributed.")}, code="required")
    contribution = Contribution(
        stakeholder=stakeholder,
        kind=kind,
        description=description,
        value=_value(value),
        year=_year(year),
        source=(source or "").strip(),
        recorded_by=user,
        changed_by=user,
    )
    if evidence is not None:
        try:
            validate_upload(evidence)
        except ValidationError as error:
            raise InvalidInput({"evidence": error.messages}, code="evidence") from None
        contribution.evidence_name = safe_display_name(evidence.name or "", default="bukti")
        contribution.evidence = evidence
    contribution.full_clean(exclude=["evidence"])
    contribution.save()
    _event(contribution, action="record", before="", user=user)
    return contribution


@transaction.atomic
def contribution_decide(
    *, contribution: Contribution, user: User, version: int, action: str, note: str = ""
) -> Contribution:
    """Verify, reject (a reason required) or reopen, as the agreement's coordinator."""
    if not contribution_can_decide(user, contribution):
        raise NotAllowed(_("Only another coordinator of the agreement verifies this."))
    note = (note or "").strip()[:300]
    move = CONTRIBUTION.move(action, current=contribution.status, note=note)
    before = contribution.status
    changes: dict[str, Any] = {
        "status": move.target,
        "decided_by": user if move.target != S.RECORDED else None,
        "decided_at": timezone.now() if move.target != S.RECORDED else None,
        "reject_reason": note if move.target == S.REJECTED else "",
    }
    claim_instance(contribution, version=version, states=move.sources, by=user, set=changes)
    contribution.save()
    _event(contribution, action=action, before=before, user=user, note=note)
    if S.VERIFIED in (before, move.target):
        transaction.on_commit(bump)
    return contribution
