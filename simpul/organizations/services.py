"""Writes for organisations, memberships and invitations. Views and commands call these.

Membership and invitation changes raise `MembershipError` (a translated message, and the
form field it belongs to) for every rule a person can break; views show it, never a 500.
"""

import dataclasses
import uuid
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.audit.context import acting_as, current_actor
from simpul.core.errors import InvalidInput
from simpul.regions.models import Region

from .models import Invitation, Membership, Organization, _default_expiry

INVITATION_SALT = "simpul.invitation"


class MembershipError(InvalidInput):
    """A rule about memberships or invitations was broken; `message` is for the person,
    `field` the form field it belongs to (if any)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message, code=field or "membership")
        self.field = field


class InvitationUnusable(MembershipError):
    """An invitation link that cannot be used. `status` is the HTTP status to answer with:

    404 for a link that is not ours or was tampered with (it names no invitation we can tell
    about); 410 Gone for a real invitation that expired, was withdrawn or was accepted already.
    """

    def __init__(self, reason: str):
        messages = {
            "invalid": _(
                "This invitation link is not valid. Check that you opened the whole link from "
                "the e-mail, or ask the organisation for a new invitation."
            ),
            "expired": _(
                "This invitation has expired. Ask the organisation's administrator to send it "
                "again."
            ),
            "revoked": _("This invitation has been withdrawn by the organisation."),
            "accepted": _("This invitation has been accepted already. Sign in to continue."),
        }
        super().__init__(messages[reason])
        self.reason = reason
        self.status = 404 if reason == "invalid" else 410


def government_name(region: Region) -> str:
    if region.level == Region.Level.PROVINCE:
        return f"Pemerintah Provinsi {region.name}"
    return f"Pemerintah {region.name}"


@transaction.atomic
def governments_ensure(*, regions=None) -> int:
    """Give every region its regional-government organisation; return how many were created."""
    regions = Region.objects.current().without_geometry() if regions is None else regions
    have = set(
        Organization.objects.governments()
        .filter(region__in=regions)
        .values_list("region_id", flat=True)
    )
    created = 0
    for region in regions:
        if region.pk in have:
            continue
        Organization.objects.create(
            name=government_name(region),
            kind=Organization.Kind.REGIONAL_GOVERNMENT,
            region=region,
        )
        created += 1
    return created


# --- Invitation tokens ---------------------------------------------------------------------


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=INVITATION_SALT)


def invitation_token(invitation: Invitation) -> str:
    """The signed, timestamped token of the accept link (only the nonce, never the pk)."""
    return _signer().sign(str(invitation.token_nonce))


def _ensure_usable(invitation: Invitation) -> None:
    if invitation.status == Invitation.Status.REVOKED or not invitation.organization.is_active:
        raise InvitationUnusable("revoked")
    if invitation.status == Invitation.Status.ACCEPTED:
        raise InvitationUnusable("accepted")
    if invitation.is_expired:
        raise InvitationUnusable("expired")


def invitation_from_token(token: str) -> Invitation:
    """The pending invitation a token names, or InvitationUnusable saying why not."""
    max_age = timedelta(days=settings.SIMPUL_INVITATION_MAX_AGE_DAYS)
    try:
        nonce = _signer().unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        raise InvitationUnusable("expired") from None
    except signing.BadSignature:
        raise InvitationUnusable("invalid") from None
    try:
        nonce = uuid.UUID(nonce)
    except ValueError:
        raise InvitationUnusable("invalid") from None
    invitation = (
        Invitation.objects.select_related("organization__region", "invited_by")
        .filter(token_nonce=nonce)
        .first()
    )
    if invitation is None:
        raise InvitationUnusable("invalid")
    _ensure_usable(invitation)
    return invitation


def _enqueue_invitation_email(invitation: Invitation) -> None:
    from .tasks import send_invitation_email

    pk = invitation.pk
    transaction.on_commit(lambda: send_invitation_email.enqueue(pk))


# --- Invitations ---------------------------------------------------------------------------


def _already_invited_error(email: str) -> MembershipError:
    return MembershipError(
        _(
            "%(email)s has been invited already and has not answered yet. You can send the "
            "invitation again from the list of pending invitations."
        )
        % {"email": email},
        field="email",
    )


def invitation_create(
    *, organization: Organization, email: str, role: str, invited_by: User | None
) -> Invitation:
    """Invite an e-mail address into the organisation; the e-mail goes out after commit."""
    email = email.strip().lower()
    if role not in Membership.Role.values:
        raise MembershipError(_("Choose a valid role."), field="role")
    with transaction.atomic():
        if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
            raise MembershipError(
                _("%(email)s is a member of this organisation already.") % {"email": email},
                field="email",
            )
        pending = (
            Invitation.objects.select_for_update()
            .filter(
                organization=organization, email__iexact=email, status=Invitation.Status.PENDING
            )
            .first()
        )
        if pending is not None:
            if not pending.is_expired:
                raise _already_invited_error(email)
            # An expired invitation no longer counts: withdraw it and invite afresh.
            pending.status = Invitation.Status.REVOKED
            pending.save(update_fields=["status", "updated_at"])
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    organization=organization, email=email, role=role, invited_by=invited_by
                )
        except IntegrityError:
            # Someone sent the same invitation at the same moment.
            raise _already_invited_error(email) from None
        _enqueue_invitation_email(invitation)
    return invitation


def _lock_pending(invitation: Invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.status != Invitation.Status.PENDING:
        raise MembershipError(_("This invitation has been answered or withdrawn already."))
    return locked


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation; its link stops working at once."""
    invitation = _lock_pending(invitation)
    invitation.status = Invitation.Status.REVOKED
    invitation.save(update_fields=["status", "updated_at"])
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> Invitation:
    """Send a pending invitation again with a fresh link and a fresh expiry date.

    The old link stops working: the nonce it signs is replaced.
    """
    invitation = _lock_pending(invitation)
    invitation.token_nonce = uuid.uuid4()
    invitation.expires_at = _default_expiry()
    invitation.sent_at = None
    invitation.save(update_fields=["token_nonce", "expires_at", "sent_at", "updated_at"])
    _enqueue_invitation_email(invitation)
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None = None,
    full_name: str = "",
    password: str = "",
) -> Membership:
    """Accept an invitation as the signed-in `user`, or create the account (name, password).

    Returns the membership; someone who is a member already keeps their current role.
    """
    invitation = (
        Invitation.objects.select_for_update().select_related("organization").get(pk=invitation.pk)
    )
    _ensure_usable(invitation)
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise MembershipError(
                _("An account with this e-mail address exists already. Sign in to accept.")
            )
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name.strip()
        )
    elif user.email.lower() != invitation.email.lower():
        raise MembershipError(_("This invitation is addressed to another e-mail address."))
    actor = dataclasses.replace(current_actor(), user_id=user.pk, label=user.email)
    with acting_as(actor):
        membership, _created = Membership.objects.get_or_create(
            user=user, organization=invitation.organization, defaults={"role": invitation.role}
        )
        invitation.status = Invitation.Status.ACCEPTED
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["status", "accepted_at", "accepted_by", "updated_at"])
    if hasattr(user, "_simpul_memberships"):
        del user._simpul_memberships
    return membership


# --- Memberships ---------------------------------------------------------------------------


def _last_admin_error() -> MembershipError:
    return MembershipError(
        _(
            "An organisation needs at least one administrator. Make someone else an "
            "administrator first."
        )
    )


def _lock_for_admin_rule(membership: Membership) -> tuple[Membership, list[int]]:
    admin_ids = list(
        Membership.objects.select_for_update()
        .filter(organization_id=membership.organization_id, role=Membership.Role.ADMIN)
        .values_list("pk", flat=True)
    )
    locked = (
        Membership.objects.select_for_update()
        .select_related("user", "organization")
        .get(pk=membership.pk)
    )
    return locked, admin_ids


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str) -> Membership:
    """Give a member another role; the last administrator cannot step down."""
    if role not in Membership.Role.values:
        raise MembershipError(_("Choose a valid role."), field="role")
    membership, admin_ids = _lock_for_admin_rule(membership)
    if membership.role == role:
        return membership
    if membership.role == Membership.Role.ADMIN and admin_ids == [membership.pk]:
        raise _last_admin_error()
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove someone from the organisation; the last administrator cannot be removed."""
    membership, admin_ids = _lock_for_admin_rule(membership)
    if membership.role == Membership.Role.ADMIN and admin_ids == [membership.pk]:
        raise _last_admin_error()
    membership.delete()
