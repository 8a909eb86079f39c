"""Saving values and moving a submission: save, submit, verify, return (conditional UPDATEs on
its version, audited explicitly)."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.audit.services import record as audit_record
from simpul.core import zones
from simpul.core.claims import claim, conflict_for, person_label
from simpul.core.errors import Conflict, InvalidInput
from simpul.core.formats import date_time
from simpul.core.uploads import file_size, safe_display_name, validate_upload

from ...access import (
    agreement_can_verify,
    submission_is_own_work,
)
from ...access import party_can_enter_data as _party_can_enter_data
from ...models import (
    DataValue,
    Evidence,
    ReportingPeriod,
    Submission,
    SubmissionEvent,
)
from .common import DONE, EDITABLE, Status, ValuesInvalid, period_name
from .periods import SUBMISSION, party_indicators
from .values import SaveResult, values_validate


def _locked_error(period: ReportingPeriod) -> InvalidInput:
    return InvalidInput(
        _("%(period)s is locked: its data can no longer be changed.")
        % {"period": period_name(period)},
        code="locked",
    )


def _actor_label(user) -> str:
    if user is None:
        return "system"
    return (getattr(user, "full_name", "") or user.email)[:200]


def _event(submission, action, user, comment="") -> SubmissionEvent:
    return SubmissionEvent.objects.create(
        submission=submission,
        action=action,
        actor=user if user is not None and user.is_authenticated else None,
        actor_label=_actor_label(user),
        occurred_at=timezone.now(),
        comment=comment,
    )


def _check_editable(submission: Submission, user) -> ReportingPeriod:
    if not _party_can_enter_data(user, submission.party):
        raise InvalidInput(
            _("You may not enter data for %(party)s.")
            % {"party": submission.party.organization.name}
        )
    period = ReportingPeriod.objects.get(pk=submission.period_id)
    if period.status == Status.LOCKED:
        raise _locked_error(period)
    if period.status != Status.OPEN:
        raise InvalidInput(
            _("%(period)s is not open for data entry (it is %(status)s).")
            % {"period": period_name(period), "status": period.get_status_display().lower()},
            code="period_not_open",
        )
    return period


def _conflict(submission: Submission) -> Conflict:
    """A submitted submission names its submitter (who may differ from the last changer)."""
    fresh = (
        Submission.objects.filter(pk=submission.pk)
        .select_related("submitted_by")
        .only("status", "version", "submitted_at", "submitted_by")
        .first()
    )
    if fresh and fresh.status in DONE:
        who, when = person_label(fresh.submitted_by), fresh.submitted_at
        return Conflict(
            _("This submission was already submitted by %(who)s on %(when)s; nothing was changed.")
            % {"who": who, "when": date_time(when)},
            code="already_submitted",
            who=who,
            when=when,
            state=fresh.get_status_display(),
            version=fresh.version,
        )
    return conflict_for(Submission, submission.pk)


def _bump(submission: Submission, expected_version, statuses, user=None, **changes) -> None:
    """The claim every submission write goes through."""
    now = timezone.now()
    changes["updated_at"] = now
    # Without an expected version (a coordinator's button) only the status condition applies.
    submission.version = claim(
        Submission,
        submission.pk,
        version=expected_version,
        states=statuses,
        by=user,
        set=changes,
        describe=lambda: _conflict(submission),
    )
    submission.changed_by = user if getattr(user, "pk", None) else None
    for name, value in changes.items():
        setattr(submission, name, value)


def _is_late_change(old, new) -> dict:
    return {} if old == new else {"is_late": [old, new]}


def _audit_status(submission: Submission, old_status: str, **extra) -> None:
    changes = {"status": [old_status, submission.status], **extra}
    audit_record(action="update", obj=submission, changes=changes)


@transaction.atomic
def values_save(
    *,
    submission: Submission,
    user,
    rows,
    expected_version: int,
    action: str = SubmissionEvent.Action.SAVED,
) -> SaveResult:
    """Validate and store values, all or nothing. Raises ValuesInvalid (nothing saved),
    Conflict or InvalidInput."""
    _check_editable(submission, user)
    if submission.status not in EDITABLE:
        raise _conflict(submission)
    clean, problems = values_validate(submission=submission, rows=rows)
    if problems:
        raise ValuesInvalid(problems)
    _bump(submission, expected_version, EDITABLE, user)
    keys = [row.key for row in clean]
    existing = {
        (v.indicator_id, v.option_id): v
        for v in DataValue.objects.filter(
            submission=submission, indicator_id__in={k[0] for k in keys}
        )
    }
    now = timezone.now()
    to_create, to_update, to_delete = [], [], []
    for row in clean:
        current = existing.get(row.key)
        if row.empty:
            if current is not None:
                to_delete.append(current.pk)
            continue
        if current is None:
            to_create.append(
                DataValue(
                    submission=submission,
                    indicator=row.indicator,
                    option=row.option,
                    value=row.value,
                    text=row.text,
                    narrative=row.narrative,
                    is_outlier=row.is_outlier,
                    updated_by=user,
                )
            )
            continue
        if (current.value, current.text, current.narrative, current.is_outlier) != (
            row.value,
            row.text,
            row.narrative,
            row.is_outlier,
        ):
            current.value, current.text, current.narrative = row.value, row.text, row.narrative
            current.is_outlier = row.is_outlier
            current.updated_at, current.updated_by = now, user
            to_update.append(current)
    DataValue.objects.filter(pk__in=to_delete).delete()
    DataValue.objects.bulk_create(to_create)
    DataValue.objects.bulk_update(
        to_update, ["value", "text", "narrative", "is_outlier", "updated_at", "updated_by"]
    )
    changed = len(to_create) + len(to_update) + len(to_delete)
    if changed or action == SubmissionEvent.Action.UPLOADED:
        _event(
            submission,
            action,
            user,
            comment=_("%(count)s values changed.") % {"count": changed},
        )
    return SaveResult(changed=changed, outliers=[row for row in clean if row.is_outlier])


@transaction.atomic
def submission_submit(*, submission: Submission, user, expected_version: int) -> Submission:
    period = _check_editable(submission, user)
    if not DataValue.objects.filter(submission=submission).exists():
        if submission.status in DONE:
            raise _conflict(submission)
        raise InvalidInput(
            _("Enter at least one value before submitting %(period)s.")
            % {"period": period_name(period)},
            code="empty",
        )
    old, was_late = submission.status, submission.is_late
    now = timezone.now()
    # Decided at the first submit only: marked late once (by the worker, or an earlier late
    # submit), a submission stays late; resubmitting after a return keeps the first decision.
    late = zones.is_late(now, period.due_date, zones.zone_of(submission.party))
    move = SUBMISSION.move("submit")
    _bump(
        submission,
        expected_version,
        move.sources,
        user,
        status=move.target,
        submitted_at=now,
        submitted_by=user,
        is_late=Coalesce(F("is_late"), Value(late)),
    )
    submission.refresh_from_db(fields=["is_late"])
    _audit_status(submission, old, **_is_late_change(was_late, submission.is_late))
    _event(submission, SubmissionEvent.Action.SUBMITTED, user)
    return submission


def _check_verifiable(submission: Submission, user) -> ReportingPeriod:
    period = ReportingPeriod.objects.select_related("agreement").get(pk=submission.period_id)
    if not agreement_can_verify(user, period.agreement):
        raise InvalidInput(_("Only the agreement's coordinators verify data."))
    if period.status == Status.LOCKED:
        raise _locked_error(period)
    return period


def _refresh_indicators(submission: Submission) -> None:
    from .. import analysis

    ids = list(
        DataValue.objects.filter(submission=submission)
        .values_list("indicator_id", flat=True)
        .distinct()
    )
    analysis.indicator_refresh(ids)


def _status_refusal(submission: Submission, wanted: str) -> Conflict:
    found = conflict_for(Submission, submission.pk)
    current = Submission.objects.filter(pk=submission.pk).values_list("status", flat=True).first()
    label = Submission.Status(current).label if current else "—"
    if current == wanted:
        message = _("This submission is already %(status)s; nothing was changed.")
    else:
        message = _("This submission is %(status)s; it cannot be changed that way.")
    return Conflict(
        message % {"status": str(label).lower()},
        code="status",
        who=found.who,
        when=found.when,
        state=found.state,
        version=found.version,
    )


def submission_verify(
    *, submission: Submission, user, comment: str = "", expected_version: int | None = None
) -> Submission:
    with transaction.atomic():
        _check_verifiable(submission, user)
        if submission_is_own_work(user, submission):
            raise InvalidInput(
                _(
                    "You submitted this data or entered its values: another coordinator of "
                    "the agreement verifies it."
                ),
                code="own_work",
            )
        old = submission.status
        move = SUBMISSION.move("verify")
        try:
            _bump(
                submission,
                expected_version,
                move.sources,
                user,
                status=move.target,
                verified_at=timezone.now(),
                verified_by=user,
            )
        except Conflict:
            raise _status_refusal(submission, move.target) from None
        _audit_status(submission, old)
        _event(submission, SubmissionEvent.Action.VERIFIED, user, (comment or "").strip())
    _refresh_indicators(submission)
    return submission


def submission_return(
    *, submission: Submission, user, comment: str, expected_version: int | None = None
) -> Submission:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": _("Say why the data is returned, so the party knows what to correct.")}
        )
    with transaction.atomic():
        _check_verifiable(submission, user)
        old = submission.status
        move = SUBMISSION.move("return", note=comment)
        try:
            _bump(
                submission,
                expected_version,
                move.sources,
                user,
                status=move.target,
                verified_at=None,
                verified_by=None,
            )
        except Conflict:
            raise _status_refusal(submission, move.target) from None
        _audit_status(submission, old, comment=[None, comment])
        _event(submission, SubmissionEvent.Action.RETURNED, user, comment)
    _refresh_indicators(submission)
    return submission


# --- Evidence ----------------------------------------------------------------------------------


def _sha256(uploaded_file) -> str:
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    chunks = uploaded_file.chunks() if hasattr(uploaded_file, "chunks") else [uploaded_file.read()]
    for chunk in chunks:
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


@transaction.atomic
def evidence_add(
    *, submission: Submission, user, uploaded_file, indicator=None, description: str = ""
) -> Evidence:
    _check_editable(submission, user)
    if submission.status not in EDITABLE:
        raise _conflict(submission)
    if indicator is not None and not (
        party_indicators(submission.period, submission.party).filter(pk=indicator.pk).exists()
    ):
        raise ValidationError({"indicator": _("That indicator is not part of this form.")})
    try:
        detected = validate_upload(uploaded_file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    evidence = Evidence(
        submission=submission,
        indicator=indicator,
        original_name=safe_display_name(getattr(uploaded_file, "name", ""), default="bukti"),
        content_type=detected.mime,
        size=file_size(uploaded_file),
        sha256=_sha256(uploaded_file),
        description=(description or "").strip()[:300],
        uploaded_by=user,
    )
    evidence.file.save(evidence.original_name, uploaded_file, save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence
