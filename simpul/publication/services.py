"""Publishing and unpublishing an agreement's information, and parties' consent to publish
binding texts. Every change is audited (the decision and consent models are registered with
the audit chain), appended to the PublicationEvent history (never rewritten) with its reason, and
makes every cached public page stale (public_cache.bump()).

    publish(agreement, kind, target_id=0, reason=..., user=...)
    unpublish(agreement, kind, target_id=0, reason=..., user=...)
    reset_to_default(agreement, kind, target_id=0, reason=..., user=...)
    consent(document, party, user) / withdraw_consent(document, party, user)

Deciding needs an editor role of the agreement (agreements.access.agreement_can_edit);
consenting needs an admin or coordinator membership of that very party's organisation.
`user=None` is the system (a management command such as the demo seeding, run inside
`acting_as(system_actor(...))`): it skips the role checks, never the other rules. Such a
command may also give `at`, the moment the decision or consent was really made (the demo's
history); people's decisions are always dated now.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.agreements.access import agreement_can_edit
from simpul.agreements.models import Agreement, Document, Party
from simpul.audit.context import current_actor
from simpul.core import public_cache
from simpul.organizations.access import role_in
from simpul.organizations.models import Membership
from simpul.reports.models import Report

from .kinds import CONSENT_DOCUMENT_KINDS, CONSENT_EXEMPT_ROLES, PER_OBJECT_KINDS, InfoKind
from .models import PublicationConsent, PublicationDecision, PublicationEvent
from .selectors import publication_overview

CONSENT_ROLES = {Membership.Role.ADMIN, Membership.Role.COORDINATOR}
REASON_MAX_LENGTH = 2000


def _changed() -> None:
    """Cached public pages are stale once the transaction commits: the generation is bumped
    in the same transaction, so it changes exactly when the data does."""
    public_cache.bump()


def _clean_reason(reason) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Give a reason: it is kept in the history and explains the decision."),
            code="reason_required",
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("Keep the reason under %(limit)d characters.") % {"limit": REASON_MAX_LENGTH},
            code="reason_too_long",
        )
    return reason


def _check_target(agreement: Agreement, kind: str, target_id: int) -> None:
    if kind not in InfoKind.values:
        raise ValidationError(_("Unknown kind of information."), code="kind")
    if kind not in PER_OBJECT_KINDS:
        if target_id:
            raise ValidationError(
                _("This kind of information is decided for the whole agreement."), code="target"
            )
        return
    if kind == InfoKind.DOCUMENT:
        if not Document.objects.filter(agreement=agreement, pk=target_id).exists():
            raise ValidationError(_("Choose a document of this agreement."), code="target")
    elif not Report.objects.filter(
        agreement=agreement, pk=target_id, status=Report.Status.DONE
    ).exists():
        raise ValidationError(_("Choose a finished report of this agreement."), code="target")


def _require_editor(user, agreement: Agreement) -> None:
    if user is not None and not agreement_can_edit(user, agreement):
        raise PermissionDenied(_("Only the parties' editors decide what is published."))


def _effective(agreement: Agreement, kind: str, target_id: int) -> bool:
    row = publication_overview(agreement).row(kind, target_id)
    return bool(row and row.effective)


def _event(agreement, kind, target_id, action, reason, user, at=None) -> PublicationEvent:
    return PublicationEvent.objects.create(
        agreement=agreement,
        kind=kind,
        target_id=target_id,
        action=action,
        is_public=_effective(agreement, kind, target_id),
        reason=reason,
        actor=user,
        actor_label=(str(user) if user else current_actor().label)[:200],
        occurred_at=at or timezone.now(),
    )


def _system_at(user, at):
    """Only the system (user None) records a decision made earlier: a person's decision is
    dated when it is made, so nobody can backdate one."""
    if at is not None and user is not None:
        raise ValueError("only the system records a decision with its own date")
    return at


def _decide(agreement, kind, target_id, is_public, reason, user, at) -> PublicationDecision:
    _require_editor(user, agreement)
    _check_target(agreement, kind, target_id)
    reason = _clean_reason(reason)
    with transaction.atomic():
        decision = (
            PublicationDecision.objects.select_for_update()
            .filter(agreement=agreement, kind=kind, target_id=target_id)
            .first()
        ) or PublicationDecision(agreement=agreement, kind=kind, target_id=target_id)
        decision.is_public = is_public
        decision.reason = reason
        decision.decided_by = user
        decision.decided_by_label = (str(user) if user else current_actor().label)[:200]
        decision.decided_at = at or timezone.now()
        decision.save()
        action = PublicationEvent.Action.PUBLISH if is_public else PublicationEvent.Action.UNPUBLISH
        _event(agreement, kind, target_id, action, reason, user, at)
    _changed()
    return decision


def publish(agreement: Agreement, kind: str, *, target_id: int = 0, reason: str, user, at=None):
    """Make this information public, whatever the default for the stage says. A binding
    document still waits for every party's consent; nothing shows while the summary is
    internal."""
    return _decide(agreement, kind, int(target_id or 0), True, reason, user, _system_at(user, at))


def unpublish(agreement: Agreement, kind: str, *, target_id: int = 0, reason: str, user, at=None):
    """Keep this information internal, whatever the default for the stage says."""
    return _decide(agreement, kind, int(target_id or 0), False, reason, user, _system_at(user, at))


def reset_to_default(agreement: Agreement, kind: str, *, target_id: int = 0, reason: str, user):
    """Remove the decision: the default for the agreement's stage applies again."""
    target_id = int(target_id or 0)
    _require_editor(user, agreement)
    _check_target(agreement, kind, target_id)
    reason = _clean_reason(reason)
    with transaction.atomic():
        decision = (
            PublicationDecision.objects.select_for_update()
            .filter(agreement=agreement, kind=kind, target_id=target_id)
            .first()
        )
        if decision is None:
            raise ValidationError(
                _("There is no decision to remove: the default already applies."), code="none"
            )
        decision.delete()
        _event(agreement, kind, target_id, PublicationEvent.Action.RESET, reason, user)
    _changed()


# --- Consent to publish a binding text -----------------------------------------------------


def party_can_consent(user, party: Party) -> bool:
    """Only an admin or coordinator of the party's own organisation speaks for it."""
    if not user.is_authenticated or party.role in CONSENT_EXEMPT_ROLES:
        return False
    return role_in(user, party.organization) in CONSENT_ROLES


def _check_consent(document: Document, party: Party, user) -> None:
    if party.agreement_id != document.agreement_id:
        raise ValidationError(_("This organisation is not a party to the agreement."))
    if document.kind not in CONSENT_DOCUMENT_KINDS:
        raise ValidationError(
            _("Only binding texts (KB, PKS, addendum) need the parties' consent.")
        )
    if user is not None and not party_can_consent(user, party):
        raise PermissionDenied(_("Only the party's admin or coordinator may consent for it."))


def consent(document: Document, party: Party, user, *, at=None) -> PublicationConsent:
    """The party agrees that the document's full text may be published (idempotent)."""
    _check_consent(document, party, user)
    with transaction.atomic():
        given, created = PublicationConsent.objects.get_or_create(
            document=document, party=party, defaults={"given_by": user}
        )
        if created:
            _event(
                document.agreement,
                InfoKind.DOCUMENT,
                document.pk,
                PublicationEvent.Action.CONSENT,
                _("%(party)s consents to publishing the text.") % {"party": party},
                user,
                _system_at(user, at),
            )
    if created:
        _changed()
    return given


def withdraw_consent(document: Document, party: Party, user) -> None:
    """The party no longer agrees: the text leaves the public side at once."""
    _check_consent(document, party, user)
    with transaction.atomic():
        deleted = 0
        for row in PublicationConsent.objects.filter(document=document, party=party):
            row.delete()  # one by one, so the audit chain records it
            deleted += 1
        if deleted:
            _event(
                document.agreement,
                InfoKind.DOCUMENT,
                document.pk,
                PublicationEvent.Action.WITHDRAW,
                _("%(party)s withdraws its consent to publishing the text.") % {"party": party},
                user,
            )
    if deleted:
        _changed()
