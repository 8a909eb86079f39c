"""Moving an agreement through its stages: which transitions a person may make now, and
making one (documents, rules, roles, optimistic concurrency, the append-only event).

    available_transitions(user, agreement) -> list[TransitionCheck]
    agreement_transition(*, agreement, transition_code, user, note="", document_versions=(),
                         accept_warnings=False, expected_version, actor_label=None)
        -> AgreementEvent   (extending with an addendum that sets new_end_date moves end_date)
    state_from_events(agreement) -> str
    workflow_for(family, owner_org) -> Workflow
    workflows_install_defaults()

Rules named by a Transition are looked up in rules.RULES; "block" findings stop the move,
"warn" findings need accept_warnings=True and are recorded on the event.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.core import public_cache
from simpul.core.claims import claim, conflict_for
from simpul.core.errors import Conflict, InvalidInput
from simpul.core.formats import date_time
from simpul.notifications.services import followers, notify, per_person

from . import rules as agreement_rules
from .access import agreement_role
from .models import (
    Agreement,
    AgreementEvent,
    Document,
    DocumentVersion,
    Stage,
    Transition,
    Workflow,
)
from .notification_kinds import STAGE

SYSTEM_ROLE = "system"


class TransitionBlocked(InvalidInput):
    """The move is not allowed now (role, missing documents, a blocking rule); `messages`
    says why, one message per reason."""

    def __init__(self, messages):
        if isinstance(messages, str):
            messages = [messages]
        super().__init__([str(m) for m in messages], code="blocked")


class WarningsNotAccepted(TransitionBlocked):
    """Only warnings stand in the way: ask the person to accept them (accept_warnings=True)."""


def agreement_conflict(agreement_pk) -> Conflict:
    """The Conflict for a stale agreement: who changed it last, when, and the stage it is at
    now (by its workflow's name, which the bare state code is not)."""
    found = conflict_for(Agreement, agreement_pk, state_field=None)
    agreement = Agreement.objects.filter(pk=agreement_pk).first()
    if agreement is None:
        return found
    stage = _stage_name(agreement)
    return Conflict(
        _(
            "%(who)s changed this agreement at %(when)s (it is now at the stage “%(stage)s”). "
            "Reload to see their changes."
        )
        % {"who": found.who, "when": date_time(found.when), "stage": stage},
        who=found.who,
        when=found.when,
        state=stage,
        version=found.version,
    )


# --- Workflows -----------------------------------------------------------------------------------


def workflows_install_defaults() -> None:
    """(Re)install the national default workflows; idempotent."""
    from .workflow_defaults import install, install_actions

    install(Workflow, Stage, Transition)
    install_actions(Transition)


def workflow_for(family: str, owner_org) -> Workflow:
    """The registering region's own workflow for the family, else the national default."""
    region_id = getattr(owner_org, "region_id", None) if owner_org is not None else None
    if region_id:
        own = Workflow.objects.filter(family=family, region_id=region_id).first()
        if own is not None:
            return own
    national = Workflow.objects.filter(family=family, region__isnull=True).first()
    if national is None:
        workflows_install_defaults()
        national = Workflow.objects.get(family=family, region__isnull=True)
    return national


@transaction.atomic
def workflow_copy_for_region(*, family: str, region) -> Workflow:
    """Give a region its own copy of the national workflow for a family, to adapt to its
    Perda/Perkada (rename stages, require other documents, change roles). Idempotent: an
    existing copy is returned unchanged."""
    existing = Workflow.objects.filter(family=family, region=region).first()
    if existing is not None:
        return existing
    national = workflow_for(family, None)
    copy = Workflow.objects.create(
        name=f"{national.name} — {region.name}",
        family=family,
        region=region,
        legal_basis=national.legal_basis,
    )
    stages = {}
    for stage in national.stages.all():
        stages[stage.pk] = Stage.objects.create(
            workflow=copy,
            code=stage.code,
            name_id=stage.name_id,
            name_en=stage.name_en,
            position=stage.position,
            kind=stage.kind,
            counts_as_active=stage.counts_as_active,
        )
    for transition in national.transitions.all():
        Transition.objects.create(
            workflow=copy,
            code=transition.code,
            name_id=transition.name_id,
            name_en=transition.name_en,
            action_id=transition.action_id,
            action_en=transition.action_en,
            emphasis=transition.emphasis,
            source=stages[transition.source_id],
            target=stages[transition.target_id],
            allowed_roles=list(transition.allowed_roles),
            required_documents=list(transition.required_documents),
            rules=list(transition.rules),
            position=transition.position,
        )
    return copy


# --- Checking -----------------------------------------------------------------------------------


@dataclass
class ChecklistItem:
    code: str
    label: str
    ok: bool
    kind: str  # "document" or "rule"
    messages: list[str] = field(default_factory=list)


@dataclass
class TransitionCheck:
    transition: Transition
    role_allowed: bool
    checklist: list[ChecklistItem]
    blocking: list[str]
    warnings: list[str]

    @property
    def code(self) -> str:
        return self.transition.code

    @property
    def can_apply(self) -> bool:
        return self.role_allowed and not self.blocking

    @property
    def documents(self) -> list[ChecklistItem]:
        return [item for item in self.checklist if item.kind == "document"]

    @property
    def rules(self) -> list[ChecklistItem]:
        return [item for item in self.checklist if item.kind == "rule"]


def user_role(user, agreement: Agreement) -> str | None:
    if user is None:
        return SYSTEM_ROLE
    if getattr(user, "is_superuser", False):
        return "admin"
    return agreement_role(user, agreement)


BLOCKED_PREFIX = {
    "offer": lambda: _("The offer cannot be sent"),
    "accept_offer": lambda: _("The offer cannot be accepted"),
    "sign_kb": lambda: _("KB cannot be signed"),
    "submit_central_clearance": lambda: _("The KB cannot be submitted for central clearance"),
    "request_council_approval": lambda: _("DPRD approval cannot be requested"),
    "record_council_approval": lambda: _("DPRD approval cannot be recorded"),
    "start_pks_drafting": lambda: _("PKS drafting cannot start"),
    "sign_pks": lambda: _("PKS cannot be signed"),
    "activate": lambda: _("The agreement cannot be put into force"),
    "activate_without_pks": lambda: _("The agreement cannot be put into force"),
    "terminate": lambda: _("The agreement cannot be terminated"),
    "extend": lambda: _("The agreement cannot be extended"),
}


def _prefix(transition: Transition) -> str:
    make = BLOCKED_PREFIX.get(transition.code)
    if make:
        return make()
    return _("“%(name)s” is not possible") % {"name": str(transition)}


def _document_kinds_present(agreement: Agreement) -> set[str]:
    return set(
        DocumentVersion.objects.filter(document__agreement=agreement)
        .values_list("document__kind", flat=True)
        .distinct()
    )


def _check(
    transition: Transition, agreement: Agreement, role: str | None, kinds: set[str]
) -> TransitionCheck:
    prefix = _prefix(transition)
    checklist: list[ChecklistItem] = []
    blocking: list[str] = []
    warnings: list[str] = []
    role_allowed = role == SYSTEM_ROLE or (role is not None and role in transition.allowed_roles)
    for kind in transition.required_documents:
        ok = kind in kinds
        label = str(Document.Kind(kind).label) if kind in Document.Kind.values else kind
        messages = (
            [] if ok else [_("the document “%(kind)s” has not been uploaded") % {"kind": label}]
        )
        checklist.append(ChecklistItem(kind, label, ok, "document", messages))
        blocking.extend(f"{prefix}: {m}" for m in messages)
    for code in transition.rules:
        rule = agreement_rules.RULES.get(code)
        findings = rule(agreement) if rule else []
        blocks = [f for f in findings if f.blocks]
        warns = [f for f in findings if not f.blocks]
        checklist.append(
            ChecklistItem(
                code,
                agreement_rules.rule_label(code),
                not blocks,
                "rule",
                [str(f.message) for f in findings],
            )
        )
        blocking.extend(f"{prefix}: {f.message}" for f in blocks)
        warnings.extend(str(f.message) for f in warns)
    return TransitionCheck(transition, role_allowed, checklist, blocking, warnings)


def _transitions_from(agreement: Agreement, code: str | None = None):
    qs = Transition.objects.filter(
        workflow_id=agreement.workflow_id, source__code=agreement.state
    ).select_related("source", "target")
    if code is not None:
        qs = qs.filter(code=code)
    return qs.order_by("position")


def available_transitions(user, agreement: Agreement) -> list[TransitionCheck]:
    """Every transition out of the current stage, with whether this person may make it and
    the checklist of documents and rules. System-only transitions (no roles) are left out."""
    role = user_role(user, agreement)
    kinds = _document_kinds_present(agreement)
    return [
        _check(t, agreement, role, kinds) for t in _transitions_from(agreement) if t.allowed_roles
    ]


def primary_step(checks: list[TransitionCheck]) -> str | None:
    """The code of the one step shown as the primary button: the first usual next step
    (emphasis "next") this person can take now, else the first usual next step at all."""
    usual = [c for c in checks if c.transition.emphasis == Transition.Emphasis.NEXT]
    ready = [c for c in usual if c.can_apply]
    chosen = (ready or usual)[:1]
    return chosen[0].code if chosen else None


# --- Moving -------------------------------------------------------------------------------------


def _actor_label(user) -> str:
    if user is None:
        return "system"
    return getattr(user, "full_name", "") or getattr(user, "email", "") or str(user)


def _write_event(
    agreement,
    *,
    transition_code,
    from_state,
    to_state,
    user,
    actor_label,
    note,
    versions,
    warnings,
    occurred_at=None,
) -> AgreementEvent:
    last = agreement.events.aggregate(m=Max("seq"))["m"] or 0
    try:
        with transaction.atomic():
            event = AgreementEvent.objects.create(
                agreement=agreement,
                seq=last + 1,
                transition_code=transition_code,
                from_state=from_state,
                to_state=to_state,
                actor=user,
                actor_label=actor_label,
                occurred_at=occurred_at or timezone.now(),
                note=note,
                warnings=list(warnings),
            )
    except IntegrityError as error:
        raise agreement_conflict(agreement.pk) from error
    if versions:
        event.documents.set(versions)
    return event


@transaction.atomic
def agreement_transition(
    *,
    agreement: Agreement,
    transition_code: str,
    user,
    note: str = "",
    document_versions=(),
    accept_warnings: bool = False,
    expected_version: int,
    actor_label: str | None = None,
    occurred_at=None,
) -> AgreementEvent:
    """Make one transition. `user=None` is the system (pass actor_label, e.g.
    "system:expiry"); it may make system-only transitions such as `expire`. `occurred_at`
    records a step taken before it was entered (the demo's history); by default, now.

    Raises TransitionBlocked (exact messages), WarningsNotAccepted, or Conflict."""
    current = Agreement.objects.filter(pk=agreement.pk).values("state", "version").first()
    if current is None or current["version"] != expected_version:
        raise agreement_conflict(agreement.pk)
    agreement.state, agreement.version = current["state"], current["version"]
    transition = _transitions_from(agreement, transition_code).first()
    if transition is None:
        raise TransitionBlocked(
            _("This step is not possible from the stage “%(stage)s”.")
            % {"stage": _stage_name(agreement)}
        )
    role = user_role(user, agreement)
    if user is not None and (not transition.allowed_roles or role not in transition.allowed_roles):
        raise TransitionBlocked(
            _("Your role in this agreement does not allow “%(name)s”.") % {"name": str(transition)}
        )
    check = _check(transition, agreement, role, _document_kinds_present(agreement))
    if check.blocking:
        raise TransitionBlocked(check.blocking)
    if check.warnings and not accept_warnings:
        raise WarningsNotAccepted(check.warnings)
    versions = list(document_versions)
    for version in versions:
        if version.document.agreement_id != agreement.pk:
            raise TransitionBlocked(
                _("A document attached to this step belongs to another agreement.")
            )
    changes = {"state": transition.target.code}
    new_end = _extended_end_date(agreement, transition, versions)
    if new_end is not None:
        changes["end_date"] = new_end
    claim(
        Agreement,
        agreement.pk,
        version=expected_version,
        by=user,
        set=changes,
        describe=lambda: agreement_conflict(agreement.pk),
    )
    event = _write_event(
        agreement,
        transition_code=transition.code,
        from_state=transition.source.code,
        to_state=transition.target.code,
        user=user,
        actor_label=actor_label or _actor_label(user),
        note=note,
        versions=versions,
        warnings=check.warnings,
        occurred_at=occurred_at,
    )
    for name, value in changes.items():
        setattr(agreement, name, value)
    agreement.version = expected_version + 1
    # The stage decides which information is public by default (publication rules).
    public_cache.bump()
    agreement.changed_by = user
    _notify_followers(agreement, transition.target, event, user)
    return event


def _notify_followers(agreement: Agreement, stage: Stage, event: AgreementEvent, user) -> None:
    """Tell the people who follow the agreement that it moved (not the one who moved it)."""
    notify(
        kind=STAGE,
        recipients=followers(f"agreement:{agreement.pk}"),
        key=f"agreement-stage:{event.pk}",
        title=per_person(
            lambda: (
                _("%(code)s moved to “%(stage)s”")
                % {"code": agreement.reference_code, "stage": str(stage)}
            )
        ),
        body=event.note,
        url=agreement.get_absolute_url(),
        actor=user,
        subject=f"agreement:{agreement.pk}",
        group=f"agreement:{agreement.pk}",
        group_label=f"{agreement.reference_code} {agreement.title}",
    )


def _extended_end_date(agreement: Agreement, transition: Transition, versions):
    """For an extension: the addendum's new end date (the attached addendum version, else the
    newest addendum version that sets one), when it is later than the current end date."""
    if transition.target.code != "extended":
        return None
    chosen = [
        v.new_end_date
        for v in versions
        if v.document.kind == Document.Kind.ADDENDUM and v.new_end_date
    ]
    if not chosen:
        latest = (
            DocumentVersion.objects.filter(
                document__agreement=agreement,
                document__kind=Document.Kind.ADDENDUM,
                new_end_date__isnull=False,
            )
            .order_by("-uploaded_at", "-pk")
            .values_list("new_end_date", flat=True)
            .first()
        )
        chosen = [latest] if latest else []
    if not chosen:
        return None
    current = Agreement.objects.filter(pk=agreement.pk).values_list("end_date", flat=True).first()
    new_end = max(chosen)
    return new_end if current is None or new_end > current else None


def _stage_name(agreement: Agreement) -> str:
    stage = Stage.objects.filter(workflow_id=agreement.workflow_id, code=agreement.state).first()
    return str(stage) if stage else agreement.state


def state_from_events(agreement: Agreement) -> str:
    """The state the events lead to: the last event's target (draft when there are none)."""
    last = agreement.events.order_by("-seq").values_list("to_state", flat=True).first()
    return last or "draft"
