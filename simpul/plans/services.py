"""Writes of cooperation plans: the parts of the live draft, and the plan's life cycle
(submit → per-party approval or return → approved and frozen → revision).

Every write runs in one transaction. A part row has its own `version` (core `Versioned`): an
edit or delete claims the row at the version the person read (`simpul.core.claims`), so of two
people saving the same row the second gets a `Conflict` (the view merges it field by field,
`simpul.core.merge`), while edits of two different rows of one plan never conflict. In the same
transaction `_hold_draft` checks that the plan is still a draft with a conditional UPDATE of the
plan row that does not bump its version; a submit claims that same row, so "submit while a part
is being saved" is decided by the database: either the edit lands before the submit, or it is
refused because the plan is no longer a draft. The plan's moves are declared in `PLAN_MOVES`.

    <part>_create(*, plan, user, expected_version=None, **fields) -> part
        (expected_version: the plan's version, when given: no life-cycle move since)
    <part>_update(*, <part>, user, version=None, **fields) -> part
    <part>_delete(*, <part>, user, version=None) -> None
        (version: the row's version the person read; None: the row in hand's)
      for part in assessment, objective, strategy, risk, program, activity, budget_line

    plan_submit(*, plan, user, expected_version) -> list[CheckMessage]   (the warnings)
    plan_approve(*, plan, party, user, note="", expected_version=None) -> Plan
    plan_return(*, plan, party, user, note, expected_version=None) -> Plan
    plan_revise(*, plan, user, note="", expected_version=None) -> Plan
    plan_snapshot, snapshot_sha256, plan_diff: in snapshots.py (re-exported here)
"""

import hashlib
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.core import public_cache
from simpul.core.claims import claim_instance, conflict_for, person_label
from simpul.core.errors import Conflict, InvalidInput
from simpul.core.formats import long_date, rupiah
from simpul.core.machines import Machine, Move
from simpul.core.uploads import safe_display_name, validate_upload

from .access import plan_is_own_submission
from .checks import CheckMessage, run_submit_checks
from .models import (
    Activity,
    ApprovedBudgetLine,
    BudgetLine,
    NeedsAssessment,
    Objective,
    Plan,
    PlanEvent,
    PlanVersion,
    Program,
    Risk,
    Strategy,
)
from .snapshots import (  # noqa: F401 - other apps read snapshots through the services
    FIELD_LABELS,
    SECTIONS,
    SNAPSHOT_SCHEMA,
    _party_name,
    plan_diff,
    plan_snapshot,
    snapshot_canonical_json,
    snapshot_sections,
    snapshot_sha256,
)

DRAFT, SUBMITTED, APPROVED = Plan.Status.DRAFT, Plan.Status.SUBMITTED, Plan.Status.APPROVED
PLAN_MOVES = Machine(
    "plan",
    Move("submit", gettext_lazy("Submit for approval"), sources=(DRAFT,), target=SUBMITTED),
    # One party's approval keeps the plan submitted; the last one makes it approved.
    Move("approve", gettext_lazy("Approve"), sources=(SUBMITTED,), target=APPROVED),
    Move(
        "return",
        gettext_lazy("Return for changes"),
        sources=(SUBMITTED,),
        target=DRAFT,
        note_required=True,
    ),
    Move("revise", gettext_lazy("Start a revision"), sources=(APPROVED,), target=DRAFT),
)
# What a person reads when a move does not apply to the plan's status, and its code.
_WRONG_STATE = {
    "submit": (gettext_lazy("Only a draft plan can be submitted."), "not_draft"),
    "approve": (
        gettext_lazy("The plan is not waiting for approval: it must be submitted first."),
        "not_submitted",
    ),
    "return": (
        gettext_lazy("The plan is not waiting for approval: it must be submitted first."),
        "not_submitted",
    ),
    "revise": (
        gettext_lazy(
            "Only an approved plan can be revised; this one is still being drafted or approved."
        ),
        "not_approved",
    ),
}


class PlanNotEditable(InvalidInput):
    def __init__(self):
        super().__init__(
            _("The plan is submitted/approved; start a revision to change it."),
            code="not_editable",
        )


class PlanSubmitBlocked(InvalidInput):
    """The checks found blocking problems; `check_messages` lists them (with SMART letters)."""

    def __init__(self, check_messages: list[CheckMessage]):
        self.check_messages = check_messages
        super().__init__([m.text for m in check_messages], code="blocked")


def _move(plan: Plan, action: str, note: str = "") -> Move:
    """The declared move, refused with a message that says what the plan's status requires."""
    move = PLAN_MOVES.move(action, note=note)
    if not move.applies_to(plan.status):
        message, code = _WRONG_STATE[action]
        raise InvalidInput(str(message), code=code)
    return move


def _claim_plan(plan: Plan, move: Move, user, expected_version: int | None) -> None:
    """Claim the plan row for a move: still at the version read and in the move's sources.
    Bumps the version, so part forms opened before the move no longer save onto it."""
    claim_instance(plan, version=expected_version, states=move.sources, by=user)


def _hold_draft(plan: Plan, expected_version: int | None = None) -> None:
    """Refuse unless the plan is still a draft (and at `expected_version`, when given), and
    hold its row until the transaction ends. The check and the lock are one UPDATE that
    changes nothing and does not bump the version: a concurrent submit (which claims the same
    row) waits for this edit, or this edit sees the plan submitted and is refused; two edits
    of different parts only wait for each other, they never conflict."""
    filters = {"pk": plan.pk, "status": DRAFT}
    if expected_version is not None:
        filters["version"] = expected_version
    if Plan.objects.filter(**filters).update(status=F("status")) == 1:
        return
    status = Plan.objects.filter(pk=plan.pk).values_list("status", flat=True).first()
    if status != DRAFT:
        raise PlanNotEditable()
    raise conflict_for(Plan, plan.pk, states=(DRAFT,))


def _claim_draft_plan(plan: Plan, expected_version: int | None, user) -> None:
    """Claim the plan row itself (its summary): a draft at the version read."""
    try:
        claim_instance(plan, version=expected_version, states=(DRAFT,), by=user)
    except Conflict as error:
        if error.code == "state":
            raise PlanNotEditable() from None
        raise


def _event(plan: Plan, kind: str, user, *, party=None, note: str = "") -> PlanEvent:
    return PlanEvent.objects.create(
        plan=plan,
        number=plan.number,
        kind=kind,
        party=party,
        actor=user if getattr(user, "pk", None) else None,
        actor_label=person_label(user),
        occurred_at=timezone.now(),
        note=note,
    )


def _next_position(model, plan: Plan) -> int:
    return (model.objects.filter(plan=plan).aggregate(m=Max("position"))["m"] or 0) + 1


def _save(instance) -> None:
    """full_clean (field rules, check and unique constraints such as one code per plan) then
    save."""
    instance.full_clean()
    instance.save()


def _party_of(plan: Plan, party, field: str = "party"):
    if party is not None and party.agreement_id != plan.agreement_id:
        raise ValidationError({field: _("That party is not a party to this agreement.")})
    return party


def _apply(instance, fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields for {type(instance).__name__}: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)


def _by(user):
    return user if getattr(user, "pk", None) else None


def _claim_part(instance, version: int | None, user) -> None:
    """The plan is still a draft, and the row is still at the version the person read (both
    checked by the database in this transaction); bumps only the row's version."""
    _hold_draft(instance.plan)
    claim_instance(instance, version=version, by=user)


def _update(instance, version, user, fields, allowed, validate) -> object:
    _claim_part(instance, version, user)
    _apply(instance, fields, allowed)
    validate(instance.plan, instance)
    _save(instance)
    return instance


def _create(model, plan: Plan, expected_version, user, fields, allowed, validate):
    _hold_draft(plan, expected_version)
    instance = model(plan=plan, position=_next_position(model, plan), changed_by=_by(user))
    _apply(instance, fields, allowed)
    validate(plan, instance)
    _save(instance)
    return instance


def _delete(instance, version, user) -> None:
    _claim_part(instance, version, user)
    instance.delete()


def _no_check(plan, instance) -> None:
    return None


# --- Needs and potential assessments ---------------------------------------------------------

ASSESSMENT_FIELDS = {"title", "method", "conducted_on", "needs", "potentials", "position"}


def _sha256_of(uploaded_file) -> str:
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


def _attach(assessment: NeedsAssessment, uploaded_file) -> None:
    """Check the file by content and store it under a random name; the person's file name is
    kept only for display."""
    try:
        detected = validate_upload(uploaded_file)
    except ValidationError as error:
        raise ValidationError({"attachment": error.messages}) from None
    display = safe_display_name(getattr(uploaded_file, "name", ""))
    old = assessment.attachment.name if assessment.attachment else ""
    assessment.attachment_sha256 = _sha256_of(uploaded_file)
    assessment.attachment_name = display
    assessment.attachment.save(f"{uuid.uuid4().hex}.{detected.extensions[0]}", uploaded_file, False)
    if old:
        storage = assessment.attachment.storage
        transaction.on_commit(lambda: storage.delete(old))


@transaction.atomic
def assessment_create(
    *, plan: Plan, user, expected_version: int | None = None, attachment=None, **fields
) -> NeedsAssessment:
    _hold_draft(plan, expected_version)
    assessment = NeedsAssessment(
        plan=plan, position=_next_position(NeedsAssessment, plan), changed_by=_by(user)
    )
    _apply(assessment, fields, ASSESSMENT_FIELDS)
    assessment.full_clean(exclude=["attachment"])
    if attachment is not None:
        _attach(assessment, attachment)
    try:
        assessment.save()
    except Exception:
        if assessment.attachment:
            assessment.attachment.delete(save=False)
        raise
    return assessment


@transaction.atomic
def assessment_update(
    *,
    assessment: NeedsAssessment,
    user,
    version: int | None = None,
    attachment=None,
    remove_attachment: bool = False,
    **fields,
) -> NeedsAssessment:
    _claim_part(assessment, version, user)
    _apply(assessment, fields, ASSESSMENT_FIELDS)
    assessment.full_clean(exclude=["attachment"])
    if attachment is not None:
        _attach(assessment, attachment)
    elif remove_attachment and assessment.attachment:
        old, storage = assessment.attachment.name, assessment.attachment.storage
        assessment.attachment = ""
        assessment.attachment_name = ""
        assessment.attachment_sha256 = ""
        transaction.on_commit(lambda: storage.delete(old))
    assessment.save()
    return assessment


@transaction.atomic
def assessment_delete(*, assessment: NeedsAssessment, user, version: int | None = None) -> None:
    name = assessment.attachment.name if assessment.attachment else ""
    storage = assessment.attachment.storage
    _delete(assessment, version, user)
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- Objectives, strategies, risks, programs ------------------------------------------------

OBJECTIVE_FIELDS = {"code", "statement", "position"}
STRATEGY_FIELDS = {"description", "stakeholders_consulted", "position"}
RISK_FIELDS = {"description", "likelihood", "impact", "mitigation", "owner", "position"}
PROGRAM_FIELDS = {"objective", "name", "description", "position"}


def _check_objective(plan, objective: Objective) -> None:
    if not (objective.code or "").strip():
        raise ValidationError({"code": _("Give the objective a short code, e.g. T1.")})
    if not (objective.statement or "").strip():
        raise ValidationError({"statement": _("Say what the objective is.")})


def _check_risk(plan, risk: Risk) -> None:
    _party_of(plan, risk.owner, "owner")


def _check_program(plan, program: Program) -> None:
    if program.objective is not None and program.objective.plan_id != plan.pk:
        raise ValidationError({"objective": _("That objective belongs to another plan.")})


@transaction.atomic
def objective_create(
    *, plan: Plan, user, expected_version: int | None = None, **fields
) -> Objective:
    return _create(
        Objective, plan, expected_version, user, fields, OBJECTIVE_FIELDS, _check_objective
    )


@transaction.atomic
def objective_update(
    *, objective: Objective, user, version: int | None = None, **fields
) -> Objective:
    return _update(objective, version, user, fields, OBJECTIVE_FIELDS, _check_objective)


@transaction.atomic
def objective_delete(*, objective: Objective, user, version: int | None = None) -> None:
    _delete(objective, version, user)


@transaction.atomic
def strategy_create(*, plan: Plan, user, expected_version: int | None = None, **fields) -> Strategy:
    return _create(Strategy, plan, expected_version, user, fields, STRATEGY_FIELDS, _no_check)


@transaction.atomic
def strategy_update(*, strategy: Strategy, user, version: int | None = None, **fields) -> Strategy:
    return _update(strategy, version, user, fields, STRATEGY_FIELDS, _no_check)


@transaction.atomic
def strategy_delete(*, strategy: Strategy, user, version: int | None = None) -> None:
    _delete(strategy, version, user)


@transaction.atomic
def risk_create(*, plan: Plan, user, expected_version: int | None = None, **fields) -> Risk:
    return _create(Risk, plan, expected_version, user, fields, RISK_FIELDS, _check_risk)


@transaction.atomic
def risk_update(*, risk: Risk, user, version: int | None = None, **fields) -> Risk:
    return _update(risk, version, user, fields, RISK_FIELDS, _check_risk)


@transaction.atomic
def risk_delete(*, risk: Risk, user, version: int | None = None) -> None:
    _delete(risk, version, user)


@transaction.atomic
def program_create(*, plan: Plan, user, expected_version: int | None = None, **fields) -> Program:
    return _create(Program, plan, expected_version, user, fields, PROGRAM_FIELDS, _check_program)


@transaction.atomic
def program_update(*, program: Program, user, version: int | None = None, **fields) -> Program:
    return _update(program, version, user, fields, PROGRAM_FIELDS, _check_program)


@transaction.atomic
def program_delete(*, program: Program, user, version: int | None = None) -> None:
    _delete(program, version, user)


# --- Activities -------------------------------------------------------------------------------

ACTIVITY_FIELDS = {
    "program",
    "name",
    "start_date",
    "end_date",
    "region",
    "latitude",
    "longitude",
    "responsible",
    "status",
    "progress",
    "position",
}


def _check_activity(plan, activity: Activity) -> None:
    errors: dict[str, list[str]] = {}
    if activity.program_id is None:
        errors["program"] = [_("Choose the program this activity belongs to.")]
    elif activity.program.plan_id != plan.pk:
        errors["program"] = [_("That program belongs to another plan.")]
    if activity.responsible is not None and activity.responsible.agreement_id != plan.agreement_id:
        errors["responsible"] = [_("That party is not a party to this agreement.")]
    start, end = activity.start_date, activity.end_date
    if start and end and end < start:
        errors["end_date"] = [_("The activity cannot end before it starts.")]
    agreement = plan.agreement
    for field, value in (("start_date", start), ("end_date", end)):
        if value is None:
            continue
        if agreement.start_date and value < agreement.start_date:
            errors.setdefault(field, []).append(
                _("The agreement runs from %(start)s: the activity must fit inside it.")
                % {"start": long_date(agreement.start_date)}
            )
        if agreement.end_date and value > agreement.end_date:
            errors.setdefault(field, []).append(
                _("The agreement ends on %(end)s: the activity must fit inside it.")
                % {"end": long_date(agreement.end_date)}
            )
    if (activity.latitude is None) != (activity.longitude is None):
        errors["longitude" if activity.longitude is None else "latitude"] = [
            _("Give both latitude and longitude for a point, or neither.")
        ]
    if activity.latitude is not None and not Decimal(-90) <= activity.latitude <= Decimal(90):
        errors["latitude"] = [_("A latitude lies between -90 and 90.")]
    if activity.longitude is not None and not Decimal(-180) <= activity.longitude <= Decimal(180):
        errors["longitude"] = [_("A longitude lies between -180 and 180.")]
    if activity.progress is not None and not 0 <= activity.progress <= 100:
        errors["progress"] = [_("Progress is a percentage between 0 and 100.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def activity_create(*, plan: Plan, user, expected_version: int | None = None, **fields) -> Activity:
    return _create(Activity, plan, expected_version, user, fields, ACTIVITY_FIELDS, _check_activity)


@transaction.atomic
def activity_update(*, activity: Activity, user, version: int | None = None, **fields) -> Activity:
    return _update(activity, version, user, fields, ACTIVITY_FIELDS, _check_activity)


@transaction.atomic
def activity_delete(*, activity: Activity, user, version: int | None = None) -> None:
    _delete(activity, version, user)


# --- Budget lines -----------------------------------------------------------------------------

BUDGET_FIELDS = {
    "activity",
    "party",
    "funding_source",
    "fiscal_year",
    "planned",
    "realised",
    "note",
    "position",
}


def _check_budget_line(plan, line: BudgetLine) -> None:
    errors: dict[str, list[str]] = {}
    if line.activity_id is None:
        errors["activity"] = [_("Choose the activity this money is for.")]
    elif line.activity.plan_id != plan.pk:
        errors["activity"] = [_("That activity belongs to another plan.")]
    if line.party_id is None:
        errors["party"] = [_("Choose the party that pays.")]
    elif line.party.agreement_id != plan.agreement_id:
        errors["party"] = [_("That party is not a party to this agreement.")]
    if line.planned is not None and line.planned < 0:
        errors["planned"] = [_("The planned amount cannot be negative.")]
    if line.realised is not None and line.realised < 0:
        errors["realised"] = [_("The realised amount cannot be negative.")]
    agreement = plan.agreement
    year = line.fiscal_year
    if year is not None:
        first = agreement.start_date.year if agreement.start_date else 2000
        last = agreement.end_date.year if agreement.end_date else 2100
        if not first <= year <= last:
            errors["fiscal_year"] = [
                _("The fiscal year must lie within the agreement: %(first)s to %(last)s.")
                % {"first": first, "last": last}
            ]
    if errors:
        raise ValidationError(errors)


def budget_line_warnings(line: BudgetLine) -> list[str]:
    """Allowed but worth saying: money realised above plan."""
    if line.is_over_plan:
        return [
            _(
                "Realised (%(realised)s) is above planned (%(planned)s): the line is flagged "
                "as over plan."
            )
            % {"realised": rupiah(line.realised), "planned": rupiah(line.planned)}
        ]
    return []


@transaction.atomic
def budget_line_create(
    *, plan: Plan, user, expected_version: int | None = None, **fields
) -> BudgetLine:
    fields.setdefault("realised", Decimal(0))
    return _create(
        BudgetLine, plan, expected_version, user, fields, BUDGET_FIELDS, _check_budget_line
    )


@transaction.atomic
def budget_line_update(
    *, budget_line: BudgetLine, user, version: int | None = None, **fields
) -> BudgetLine:
    return _update(budget_line, version, user, fields, BUDGET_FIELDS, _check_budget_line)


@transaction.atomic
def budget_line_delete(*, budget_line: BudgetLine, user, version: int | None = None) -> None:
    _delete(budget_line, version, user)


@transaction.atomic
def plan_summary_update(*, plan: Plan, user, expected_version: int | None, summary: str) -> Plan:
    _claim_draft_plan(plan, expected_version, user)
    plan.summary = summary.strip()
    _save_plan(plan, "summary")
    return plan


# --- The life cycle ---------------------------------------------------------------------------


def _save_plan(plan: Plan, *fields: str) -> None:
    # The version was bumped by the claim's UPDATE; save() writes the same value back and lets
    # the audit log record the other fields' change.
    plan.save(update_fields=[*fields, "version", "changed_by", "updated_at"])


def plan_submit_messages(plan: Plan) -> list[CheckMessage]:
    """What stands between the draft and its submission (blocking) and what deserves a look
    (warnings): the plan's own rule plus every registered check (e.g. SMART)."""
    messages: list[CheckMessage] = []
    if not Objective.objects.filter(plan=plan).exists():
        messages.append(
            CheckMessage(
                text=_("Add at least one objective before submitting the plan."),
                blocking=True,
            )
        )
    messages.extend(run_submit_checks(plan))
    return messages


@transaction.atomic
def plan_submit(*, plan: Plan, user, expected_version: int | None) -> list[CheckMessage]:
    """Submit the draft for approval by every party. Blocking check messages raise
    PlanSubmitBlocked (with the messages); the warnings are returned.

    The plan is claimed before the checks run: a part edit saving at the same moment holds the
    same row (_hold_draft), so the checks see every part edit that landed before the submit,
    and any later one is refused because the plan is no longer a draft."""
    move = _move(plan, "submit")
    _claim_plan(plan, move, user, expected_version)
    messages = plan_submit_messages(plan)
    blocking = [m for m in messages if m.blocking]
    if blocking:
        raise PlanSubmitBlocked(blocking)  # the transaction, and so the claim, is rolled back
    plan.status = move.target
    plan.submitted_at = timezone.now()
    plan.submitted_by = _by(user)
    _save_plan(plan, "status", "submitted_at", "submitted_by")
    _event(plan, PlanEvent.Kind.SUBMITTED, user)
    return [m for m in messages if not m.blocking]


def _require_party(plan: Plan, party) -> None:
    if party is None or party.agreement_id != plan.agreement_id:
        raise InvalidInput(_("That party is not a party to this agreement."), code="party")


@transaction.atomic
def plan_approve(
    *, plan: Plan, party, user, note: str = "", expected_version: int | None = None
) -> Plan:
    """One party approves the submitted version. When every party of the agreement has
    approved it, the plan is approved and frozen as a PlanVersion (snapshot + SHA-256)."""
    from .selectors import approvals_for_current_number

    move = _move(plan, "approve")
    _require_party(plan, party)
    if plan_is_own_submission(user, plan):
        raise ValidationError(
            _("You submitted this plan: another admin or coordinator of %(party)s approves it.")
            % {"party": party.organization.name},
            code="own_submission",
        )
    if party.pk in approvals_for_current_number(plan):
        raise InvalidInput(
            _("%(party)s has already approved this version.") % {"party": party.organization.name},
            code="already_approved",
        )
    _claim_plan(plan, move, user, expected_version)
    _event(plan, PlanEvent.Kind.PARTY_APPROVED, user, party=party, note=note.strip())
    party_ids = set(plan.agreement.parties.values_list("pk", flat=True))
    if party_ids <= approvals_for_current_number(plan):
        now = timezone.now()
        snapshot = plan_snapshot(plan)
        version = PlanVersion.objects.create(
            plan=plan,
            number=plan.number,
            snapshot=snapshot,
            sha256=snapshot_sha256(snapshot),
            approved_at=now,
        )
        approved_budget_replace(version=version)
        plan.status = move.target
        plan.approved_at = now
        _save_plan(plan, "status", "approved_at")
        _event(plan, PlanEvent.Kind.APPROVED, user)
        public_cache.bump()  # the approved plan's budget is what the public sees
    return plan


def approved_budget_replace(*, version: PlanVersion) -> None:
    """The plan's approved budget becomes this new version's lines: the live rows its snapshot
    was just made of, in the same transaction (see ApprovedBudgetLine)."""
    plan = version.plan
    ApprovedBudgetLine.objects.filter(plan=plan).delete()
    ApprovedBudgetLine.objects.bulk_create(
        ApprovedBudgetLine(
            version=version,
            plan=plan,
            line_id=line.pk,
            party_id=line.party_id,
            party_name=_party_name(line.party),
            activity_name=line.activity.name,
            funding_source=line.funding_source,
            fiscal_year=line.fiscal_year,
            planned=line.planned,
            realised=line.realised,
            approved_at=version.approved_at,
        )
        for line in BudgetLine.objects.filter(plan=plan).select_related(
            "party__organization", "activity"
        )
    )


@transaction.atomic
def plan_return(*, plan: Plan, party, user, note: str, expected_version: int | None = None) -> Plan:
    """A party sends the submitted plan back to draft, saying why."""
    note = (note or "").strip()
    if not note:
        raise InvalidInput(
            {"note": _("Say what must change before the plan can be approved.")}, code="note"
        )
    move = _move(plan, "return", note)
    _require_party(plan, party)
    _claim_plan(plan, move, user, expected_version)
    plan.status = move.target
    _save_plan(plan, "status")
    _event(plan, PlanEvent.Kind.RETURNED, user, party=party, note=note)
    return plan


@transaction.atomic
def plan_revise(*, plan: Plan, user, note: str = "", expected_version: int | None = None) -> Plan:
    """Start a new version of an approved plan: number + 1, back to draft. The approved
    version stays frozen; the monitoring evaluations call this when they propose a revision."""
    move = _move(plan, "revise")
    _claim_plan(plan, move, user, expected_version)
    plan.number += 1
    plan.status = move.target
    plan.submitted_at = None
    plan.submitted_by = None
    _save_plan(plan, "number", "status", "submitted_at", "submitted_by")
    _event(plan, PlanEvent.Kind.REVISION_STARTED, user, note=(note or "").strip())
    return plan
