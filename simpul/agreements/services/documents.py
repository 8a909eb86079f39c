"""Uploading agreement documents: every upload is a new DocumentVersion, never changed.

    document_upload(*, agreement, user, kind, title, uploaded_file, party=None, note="",
                    document=None, amends=None, new_end_date=None) -> DocumentVersion

The file is checked by content (simpul.core.uploads.validate_upload), stored under a random key, and
recorded with its number (last + 1), SHA-256, size and detected content type. An addendum may
amend a version of the same agreement and may extend the agreement's end date (domain brief
§7 rule 10). Agreements in a closed stage (expired, terminated, rejected, withdrawn, taken
over) take no more documents.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.core import public_cache
from simpul.core.formats import long_date
from simpul.core.uploads import file_size, safe_display_name, validate_upload

from ..models import Agreement, Document, DocumentVersion, Stage
from .agreements import AgreementInvalid, agreement_update


def agreement_is_closed(agreement: Agreement) -> bool:
    """A final stage, or a side stage that is not in force (rejected, withdrawn, taken over)."""
    stage = (
        Stage.objects.filter(workflow_id=agreement.workflow_id, code=agreement.state)
        .values("kind", "counts_as_active")
        .first()
    )
    if stage is None:
        return False
    return stage["kind"] == Stage.Kind.FINAL or (
        stage["kind"] == Stage.Kind.SIDE and not stage["counts_as_active"]
    )


def _sha256(uploaded_file) -> str:
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in (
        uploaded_file.chunks() if hasattr(uploaded_file, "chunks") else [uploaded_file.read()]
    ):
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


def _agreement_to_extend(agreement: Agreement, new_end_date) -> Agreement:
    """The agreement row, locked, after checking that the addendum really extends it."""
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if locked.end_date is not None and new_end_date <= locked.end_date:
        raise ValidationError(
            {
                "new_end_date": _(
                    "An addendum can only extend the agreement: the new end date must be "
                    "after %(end)s."
                )
                % {"end": long_date(locked.end_date)}
            }
        )
    if locked.start_date is not None and new_end_date < locked.start_date:
        raise ValidationError(
            {"new_end_date": _("The new end date is before the agreement starts.")}
        )
    return locked


def _extend(agreement: Agreement, locked: Agreement, new_end_date, user) -> None:
    """Through the agreement's own update path: rules checked, version bumped, audited."""
    try:
        agreement_update(
            agreement=agreement,
            user=user,
            expected_version=locked.version,
            end_date=new_end_date,
        )
    except AgreementInvalid as error:
        raise ValidationError({"new_end_date": error.messages}) from error


@transaction.atomic
def document_upload(
    *,
    agreement: Agreement,
    user,
    kind: str,
    title: str,
    uploaded_file,
    party=None,
    note: str = "",
    document: Document | None = None,
    amends: DocumentVersion | None = None,
    new_end_date=None,
    uploaded_at=None,
) -> DocumentVersion:
    """A new version of a document (a new document when none is given), dated `uploaded_at`
    when the paper arrived before it was entered, as in the demo; else now."""
    if agreement_is_closed(agreement):
        raise ValidationError(
            _("This agreement has ended; its documents can no longer change."), code="closed"
        )
    if document is not None:
        if document.agreement_id != agreement.pk:
            raise ValidationError(_("That document belongs to another agreement."))
        kind = document.kind
    if kind not in Document.Kind.values:
        raise ValidationError({"kind": _("Choose a kind of document.")})
    if party is not None and party.agreement_id != agreement.pk:
        raise ValidationError({"party": _("That party is not a party to this agreement.")})
    if kind != Document.Kind.ADDENDUM and (amends is not None or new_end_date is not None):
        raise ValidationError(
            _("Only an addendum amends another document or changes the end date.")
        )
    if amends is not None and amends.document.agreement_id != agreement.pk:
        raise ValidationError({"amends": _("That version belongs to another agreement.")})
    try:
        detected = validate_upload(uploaded_file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    to_extend = _agreement_to_extend(agreement, new_end_date) if new_end_date else None

    if document is None:
        document = Document.objects.create(
            agreement=agreement, kind=kind, party=party, title=title.strip() or kind
        )
        number = 1
    else:
        Document.objects.select_for_update().filter(pk=document.pk).first()
        number = (document.versions.aggregate(m=Max("number"))["m"] or 0) + 1

    original_name = safe_display_name(getattr(uploaded_file, "name", ""))
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=original_name,
        content_type=detected.mime,
        size=file_size(uploaded_file),
        sha256=_sha256(uploaded_file),
        note=note.strip()[:500],
        uploaded_by=user,
        amends=amends,
        new_end_date=new_end_date,
        uploaded_at=uploaded_at or timezone.now(),
    )
    if to_extend is not None:
        _extend(agreement, to_extend, new_end_date, user)
    version.file.save(original_name, uploaded_file, save=False)
    try:
        version.save()
    except Exception:
        version.file.delete(save=False)
        raise
    public_cache.bump()  # a published document's public page lists its versions
    return version
