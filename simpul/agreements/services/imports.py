"""Importing an existing Excel register: upload, check (preview), commit all-or-nothing.

Both the check and the commit run in the worker (simpul.agreements.import_tasks). The commit
creates every agreement of the file or none, in one transaction; a re-run after a crash
starts again from a rolled-back state, and a job that is done is left alone.

Progress channel: rows written inside the commit's transaction are invisible to the web
process until it commits (on PostgreSQL by isolation, on SQLite by the write lock), and the
project's cache is per-process (LocMemCache), so neither `ImportJob.processed_rows` nor the
cache can report progress while the transaction runs. The worker therefore writes the count
to a small JSON file beside the uploads (MEDIA_ROOT/imports/progress/<job>.json, replaced
atomically every PROGRESS_EVERY rows); `import_job_progress` reads it while the job is
importing, and the database row otherwise. This assumes the web and worker processes share a
disk, as the single-host deployment does; a shared cache (Redis) would replace the file.
"""

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from simpul.core import public_cache
from simpul.core.machines import Machine, Move
from simpul.organizations.models import Organization

from .. import access
from .. import imports as register
from ..models import Agreement, AgreementEvent, GovernmentAffair, ImportJob, Party
from ..workflow import _actor_label, workflow_for

PROGRESS_EVERY = 50
IMPORT_TRANSITION = "import"

COMMIT_FAILED = gettext_noop(
    "The import stopped because of an unexpected problem; nothing was imported. Try again, "
    "or ask a platform administrator."
)
CHECK_FAILED = gettext_noop(
    "The file could not be checked because of an unexpected problem. Upload it again, or ask "
    "a platform administrator."
)
RULE_CHANGED = gettext_noop("Row %(row)s: %(message)s")


J = ImportJob.Status
# The job's life; the worker's steps are idempotent because each starts only from its sources
# (a re-run of an interrupted check or commit starts again from CHECKING or IMPORTING).
IMPORT_JOB = Machine(
    "register import",
    Move("check", gettext_lazy("Check"), (J.UPLOADED, J.CHECKING), J.CHECKING),
    Move("checked", gettext_lazy("Checked"), (J.CHECKING,), J.READY),
    Move("refuse", gettext_lazy("Refuse"), (J.CHECKING, J.IMPORTING), J.INVALID),
    Move("request_commit", gettext_lazy("Import"), (J.READY, J.FAILED), J.IMPORTING),
    Move("commit", gettext_lazy("Import"), (J.READY, J.IMPORTING), J.IMPORTING),
    Move("finish", gettext_lazy("Finish"), (J.IMPORTING,), J.DONE),
    Move(
        "fail",
        gettext_lazy("Fail"),
        (J.UPLOADED, J.CHECKING, J.READY, J.INVALID, J.IMPORTING, J.FAILED),
        J.FAILED,
    ),
)
COMMITTABLE = IMPORT_JOB.moves["request_commit"].sources


class ImportNotAllowed(Exception):
    pass


class ImportFileRejected(Exception):
    """The upload is refused before it is stored; `error` is a message() dict."""

    def __init__(self, error: dict):
        self.error = error
        super().__init__(error["msgid"])


# --- Progress ----------------------------------------------------------------------------------


def _progress_path(job_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / "progress" / f"{int(job_id)}.json"


def _progress_write(job_id: int, processed: int, total: int) -> None:
    path = _progress_path(job_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{uuid.uuid4().hex}.tmp")
    temporary.write_text(json.dumps({"processed_rows": processed, "total_rows": total}))
    os.replace(temporary, path)


def _progress_clear(job_id: int) -> None:
    _progress_path(job_id).unlink(missing_ok=True)


@dataclass
class Progress:
    status: str
    processed_rows: int
    total_rows: int
    errors: int
    created_agreements: int

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "processed_rows": self.processed_rows,
            "total_rows": self.total_rows,
            "errors": self.errors,
            "created_agreements": self.created_agreements,
        }


def import_job_progress(job: ImportJob) -> Progress:
    processed = job.processed_rows
    if job.status == ImportJob.Status.IMPORTING:
        try:
            data = json.loads(_progress_path(job.pk).read_text())
            processed = max(processed, int(data.get("processed_rows", 0)))
        except (OSError, ValueError, TypeError):
            pass
    return Progress(
        status=job.status,
        processed_rows=min(processed, job.total_rows) if job.total_rows else processed,
        total_rows=job.total_rows,
        errors=len(job.errors or []),
        created_agreements=job.created_agreements,
    )


# --- Upload ------------------------------------------------------------------------------------


@transaction.atomic
def import_job_create(*, user, organization: Organization, uploaded_file) -> ImportJob:
    """Store the upload as a job of `organization` (the owner of what it will create) and
    queue the check. The stored name is random; the original name is kept for display."""
    if not access.import_can_create(user, organization):
        raise ImportNotAllowed
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > register.MAX_UPLOAD_BYTES:
        raise ImportFileRejected(
            register.message(
                register.FILE_TOO_LARGE, limit=register.MAX_UPLOAD_BYTES // (1024 * 1024)
            )
        )
    data = register._read_bytes(uploaded_file)
    try:
        register.check_archive(data)
    except register.RegisterFileError as error:
        raise ImportFileRejected(error.error) from None
    name = os.path.basename(getattr(uploaded_file, "name", "") or "register.xlsx")
    name = "".join(ch for ch in name if ch.isprintable() and ch not in "\u202e\u202d")[:200]
    job = ImportJob(
        organization=organization,
        uploaded_by=user,
        original_name=name or "register.xlsx",
        status=ImportJob.Status.UPLOADED,
    )
    job.file.save(f"{uuid.uuid4().hex}.xlsx", ContentFile(data), save=False)
    job.save()
    _enqueue("check_import_job", job.pk)
    return job


def _enqueue(name: str, job_id: int) -> None:
    from .. import import_tasks

    task = getattr(import_tasks, name)
    transaction.on_commit(lambda: task.enqueue(job_id))


def _read_file(job: ImportJob) -> bytes:
    with job.file.open("rb") as handle:
        return handle.read(register.MAX_UPLOAD_BYTES + 1)


# --- Check -------------------------------------------------------------------------------------


def import_job_check(*, job_id: int) -> ImportJob | None:
    """Parse the file and fill the preview and errors. Idempotent: only a job that is
    uploaded (or was interrupted while checking) is checked."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or not IMPORT_JOB.moves["check"].applies_to(job.status):
            return job
        job.status = IMPORT_JOB.moves["check"].target
        job.save(update_fields=["status", "updated_at"])
    try:
        result = register.parse_register(_read_file(job))
    except Exception:
        job.status = IMPORT_JOB.moves["fail"].target
        job.errors = [register.message(CHECK_FAILED)]
        job.save(update_fields=["status", "errors", "updated_at"])
        raise
    job.total_rows = result.total_rows
    job.errors = result.errors
    job.preview = [row.as_preview() for row in result.rows[: register.PREVIEW_ROWS]]
    job.processed_rows = 0
    job.status = IMPORT_JOB.moves["refuse" if result.errors else "checked"].target
    job.save(
        update_fields=["total_rows", "errors", "preview", "processed_rows", "status", "updated_at"]
    )
    return job


# --- Commit ------------------------------------------------------------------------------------


@transaction.atomic
def import_job_request_commit(*, job: ImportJob, user) -> ImportJob:
    """Queue the commit of a checked job (or retry a failed one: the commit checks the file
    again first); a second request while it runs changes nothing."""
    locked = ImportJob.objects.select_for_update().get(pk=job.pk)
    if locked.status not in COMMITTABLE:
        return locked
    locked.status = IMPORT_JOB.moves["request_commit"].target
    locked.processed_rows = 0
    locked.save(update_fields=["status", "processed_rows", "updated_at"])
    _enqueue("commit_import_job", locked.pk)
    return locked


def _documents_note(row: register.ParsedRow) -> str:
    lines = [f"{party}: {number}" for party, number in row.numbers.items()]
    parts = []
    if lines:
        parts.append("Nomor dokumen per pihak:\n" + "\n".join(lines))
    if row.note:
        parts.append(row.note)
    return "\n\n".join(parts)


def _create_agreement(
    row: register.ParsedRow,
    *,
    job: ImportJob,
    owner: Organization,
    user,
    affairs: dict[str, GovernmentAffair],
    workflows: dict[str, object],
) -> Agreement:
    if row.family not in workflows:
        workflows[row.family] = workflow_for(row.family, owner)
    agreement = Agreement.objects.create(
        reference_code=row.reference_code,
        title=row.title,
        family=row.family,
        category=row.category,
        legal_basis=row.legal_basis,
        start_date=row.start_date,
        end_date=row.end_date,
        workflow=workflows[row.family],
        state=row.state,
        owner=owner,
        created_by=user,
        is_legacy=True,
    )
    for position, organization_id in enumerate(row.organization_ids):
        Party.objects.create(
            agreement=agreement,
            organization_id=organization_id,
            role=Party.Role.THIRD_PARTY if organization_id in row.partner_ids else Party.Role.PARTY,
            position=position,
        )
    agreement.affairs.set([affairs[code] for code in row.affairs])
    AgreementEvent.objects.create(
        agreement=agreement,
        seq=1,
        transition_code=IMPORT_TRANSITION,
        from_state="",
        to_state=row.state,
        actor=user,
        actor_label=_actor_label(user),
        occurred_at=timezone.now(),
        note=(
            f"Diimpor dari register “{job.original_name}” (impor #{job.pk}, baris {row.row}). "
            "Riwayat tahapan sebelumnya tidak tercatat.\n\n" + _documents_note(row)
        ).strip(),
        warnings=[register.error_text(w) for w in row.warnings],
    )
    return agreement


def import_job_commit(*, job_id: int) -> ImportJob | None:
    """Create every agreement of the job in one transaction, or none. Idempotent."""
    job = ImportJob.objects.select_related("organization", "uploaded_by").filter(pk=job_id).first()
    commit = IMPORT_JOB.moves["commit"]
    if job is None or not commit.applies_to(job.status):
        return job
    if job.status != commit.target:
        job.status = commit.target
        job.save(update_fields=["status", "updated_at"])
    # Check again: the world may have changed since the preview (a code registered since).
    result = register.parse_register(_read_file(job))
    if result.errors:
        job.status = IMPORT_JOB.moves["refuse"].target
        job.errors = result.errors
        job.total_rows = result.total_rows
        job.processed_rows = 0
        job.save(update_fields=["status", "errors", "total_rows", "processed_rows", "updated_at"])
        return job
    affairs = {a.code: a for a in GovernmentAffair.objects.all()}
    workflows: dict[str, object] = {}
    total = len(result.rows)
    _progress_write(job.pk, 0, total)
    try:
        with transaction.atomic():
            for index, row in enumerate(result.rows, start=1):
                _create_agreement(
                    row,
                    job=job,
                    owner=job.organization,
                    user=job.uploaded_by,
                    affairs=affairs,
                    workflows=workflows,
                )
                if index % PROGRESS_EVERY == 0:
                    _progress_write(job.pk, index, total)
            # Imported agreements in a signed stage are public at once (register, map, data).
            public_cache.bump()
            job.status = IMPORT_JOB.moves["finish"].target
            job.total_rows = total
            job.processed_rows = total
            job.created_agreements = total
            job.errors = []
            job.save(
                update_fields=[
                    "status",
                    "total_rows",
                    "processed_rows",
                    "created_agreements",
                    "errors",
                    "updated_at",
                ]
            )
    except IntegrityError:
        # Another run of the same job (or a same code registered meanwhile) won the race.
        job.refresh_from_db()
        if job.status != ImportJob.Status.DONE:
            _mark_failed(job)
        return job
    except Exception:
        _mark_failed(job)
        raise
    finally:
        _progress_clear(job.pk)
    return job


def _mark_failed(job: ImportJob) -> None:
    fail = IMPORT_JOB.moves["fail"]
    ImportJob.objects.filter(pk=job.pk, status__in=fail.sources).update(
        status=fail.target,
        processed_rows=0,
        errors=[register.message(COMMIT_FAILED)],
        updated_at=timezone.now(),
    )
    job.refresh_from_db()
