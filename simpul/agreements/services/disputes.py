"""Disputes between the parties of an agreement (domain brief §1.13).

    dispute_open(*, agreement, user, subject, description, parties, level,
                 suspends_agreement) -> Dispute
    dispute_escalate(*, dispute, user, note="") -> DisputeDecision
    dispute_decide(*, dispute, user, summary, decided_on, resolves, uploaded_file=None)
        -> DisputeDecision

A dispute that suspends the agreement moves it to `in_dispute` through the workflow
(transition `open_dispute`, allowed from the in-force stages); when the last open dispute
that suspends it is resolved, it returns through `resolve_dispute`. Escalation goes to the
next DisputeLevel by position (deliberation → governor → minister by default) and is recorded
as a non-resolving decision at the level it leaves.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import workflow
from ..models import Agreement, Dispute, DisputeDecision, DisputeLevel, Document, Transition
from .documents import agreement_is_closed, document_upload

OPEN_TRANSITION = "open_dispute"
RESOLVE_TRANSITION = "resolve_dispute"
DISPUTE_STATE = "in_dispute"


def _transition(
    agreement: Agreement, code: str, user, note: str, versions=(), occurred_at=None
) -> None:
    # A blocked step (InvalidInput) or a concurrent move (Conflict) is already a
    # ValidationError the dispute forms show.
    workflow.agreement_transition(
        agreement=agreement,
        transition_code=code,
        user=user,
        note=note,
        document_versions=versions,
        accept_warnings=True,
        expected_version=agreement.version,
        occurred_at=occurred_at,
    )


def _can_move(agreement: Agreement, code: str) -> bool:
    return Transition.objects.filter(
        workflow_id=agreement.workflow_id, code=code, source__code=agreement.state
    ).exists()


def next_level(level: DisputeLevel) -> DisputeLevel | None:
    return DisputeLevel.objects.filter(position__gt=level.position).order_by("position").first()


@transaction.atomic
def dispute_open(
    *,
    agreement: Agreement,
    user,
    subject: str,
    description: str = "",
    parties,
    level: DisputeLevel,
    suspends_agreement: bool = False,
    opened_at=None,
) -> Dispute:
    """Open a dispute (dated `opened_at` when it was opened before being entered, as in the
    demo; else now); one that suspends the agreement moves it into dispute."""
    if agreement_is_closed(agreement):
        raise ValidationError(_("This agreement has ended; a dispute can no longer be opened."))
    parties = list(parties)
    if not parties:
        raise ValidationError({"parties": _("Choose at least one party involved.")})
    if any(party.agreement_id != agreement.pk for party in parties):
        raise ValidationError({"parties": _("Only this agreement's parties can be involved.")})
    subject = subject.strip()
    if not subject:
        raise ValidationError({"subject": _("Say what the dispute is about.")})
    dispute = Dispute.objects.create(
        agreement=agreement,
        subject=subject,
        description=description.strip(),
        level=level,
        suspends_agreement=suspends_agreement,
        opened_by=user,
    )
    if opened_at is not None:
        # created_at is the page's "Opened" date and is set on insert only.
        Dispute.objects.filter(pk=dispute.pk).update(created_at=opened_at)
        dispute.created_at = opened_at
    dispute.parties.set(parties)
    if suspends_agreement and _can_move(agreement, OPEN_TRANSITION):
        _transition(agreement, OPEN_TRANSITION, user, subject, occurred_at=opened_at)
    return dispute


def _require_open(dispute: Dispute) -> None:
    if dispute.status != Dispute.Status.OPEN:
        raise ValidationError(_("This dispute has been resolved."))


@transaction.atomic
def dispute_escalate(*, dispute: Dispute, user, note: str = "") -> DisputeDecision:
    dispute = Dispute.objects.select_for_update().select_related("level").get(pk=dispute.pk)
    _require_open(dispute)
    target = next_level(dispute.level)
    if target is None:
        raise ValidationError(_("The dispute is already at the highest level."))
    summary = _("Escalated from “%(from)s” to “%(to)s”.") % {
        "from": str(dispute.level),
        "to": str(target),
    }
    if note.strip():
        summary = f"{summary}\n{note.strip()}"
    decision = DisputeDecision.objects.create(
        dispute=dispute,
        level=dispute.level,
        decided_on=timezone.localdate(),
        summary=summary,
        resolves=False,
    )
    dispute.level = target
    dispute.save(update_fields=["level", "updated_at"])
    return decision


@transaction.atomic
def dispute_decide(
    *,
    dispute: Dispute,
    user,
    summary: str,
    decided_on,
    resolves: bool,
    uploaded_file=None,
) -> DisputeDecision:
    dispute = (
        Dispute.objects.select_for_update().select_related("level", "agreement").get(pk=dispute.pk)
    )
    _require_open(dispute)
    if not summary.strip():
        raise ValidationError({"summary": _("Write down what was decided.")})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("The decision date cannot be in the future.")})
    agreement = dispute.agreement
    version = None
    if uploaded_file is not None:
        version = document_upload(
            agreement=agreement,
            user=user,
            kind=Document.Kind.DISPUTE_DECISION,
            title=_("Dispute decision: %(subject)s") % {"subject": dispute.subject},
            uploaded_file=uploaded_file,
            note=summary.strip()[:500],
        )
    decision = DisputeDecision.objects.create(
        dispute=dispute,
        level=dispute.level,
        decided_on=decided_on,
        summary=summary.strip(),
        resolves=resolves,
        document=version.document if version else None,
    )
    if resolves:
        dispute.status = Dispute.Status.RESOLVED
        dispute.resolved_on = decided_on
        dispute.save(update_fields=["status", "resolved_on", "updated_at"])
        agreement.refresh_from_db(fields=["state", "version"])
        still_suspended = (
            Dispute.objects.filter(
                agreement=agreement, status=Dispute.Status.OPEN, suspends_agreement=True
            )
            .exclude(pk=dispute.pk)
            .exists()
        )
        if (
            agreement.state == DISPUTE_STATE
            and not still_suspended
            and _can_move(agreement, RESOLVE_TRANSITION)
        ):
            _transition(
                agreement,
                RESOLVE_TRANSITION,
                user,
                summary.strip(),
                versions=[version] if version else (),
            )
    return decision
