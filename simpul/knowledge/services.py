"""Knowledge items: write, submit for review, publish (to members or the public), return with
a reason, unpublish. Moves are the kernel's `KNOWLEDGE` machine, claimed on the item's
version; edits are claimed at the version the writer opened (the form merges two writers)."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.core import public_cache
from simpul.core.claims import claim_instance
from simpul.core.errors import InvalidInput, NotAllowed
from simpul.core.machines import Machine, Move
from simpul.core.uploads import file_size, safe_display_name
from simpul.meetings.models import Decision
from simpul.meetings.services.common import audit_claimed
from simpul.monitoring.models import Finding, Indicator
from simpul.organizations.models import Organization
from simpul.regions.models import Region

from . import access, checks
from .models import Kind, KnowledgeItem, KnowledgeResult
from .models.items import _item_upload_to

KNOWLEDGE = Machine(
    "knowledge item",
    Move("submit", gettext_lazy("Submit for review"), sources=("draft", "returned"),
         target="in_review"),
    Move("publish", gettext_lazy("Publish"), sources=("in_review",), target="published"),
    Move("return", gettext_lazy("Return"), sources=("in_review",), target="returned",
         note_required=True),
    Move("unpublish", gettext_lazy("Unpublish"), sources=("published",), target="returned",
         note_required=True),
)  # fmt: skip

# The item's own fields a writer changes (the many-to-many ones are set beside them).
TEXT_FIELDS = (
    "title", "summary", "year", "context", "problem", "approach", "results_text", "cost",
    "cost_paid_by", "replication_conditions", "pitfalls", "contact_person", "video_url",
    "transcript", "image_alt", "tags", "licence",
)  # fmt: skip
RELATION_FIELDS = ("contact_organization", "research_partner")
SET_FIELDS = ("affairs", "regions", "agreements")


class KnowledgeInvalid(InvalidInput):
    """A knowledge item breaks a rule."""


def _clean_tags(tags: str) -> str:
    seen: list[str] = []
    for tag in (" ".join(t.split()).lower() for t in tags.replace(";", ",").split(",")):
        if tag and tag not in seen:
            seen.append(tag)
    return ", ".join(seen)[:300]


def _values(fields: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        if name in fields:
            value = fields[name]
            values[name] = value.strip() if isinstance(value, str) else value
    if "title" in values:
        values["title"] = " ".join(values["title"].split())
    if "tags" in values:
        values["tags"] = _clean_tags(values["tags"])
    for name in RELATION_FIELDS:
        if name in fields:
            related = fields[name]
            values[f"{name}_id"] = related.pk if related is not None else None
    return values


def _check(kind: str, values: dict[str, Any], research_partner: Organization | None) -> None:
    errors: dict[str, list[str]] = {}
    if not values.get("title"):
        errors["title"] = [_("Give the item a title.")]
    if values.get("video_url"):
        try:
            values["video_url"] = checks.check_video_url(values["video_url"])
        except ValidationError as error:
            errors["video_url"] = error.messages
    if research_partner is not None and research_partner.kind != Organization.Kind.UNIVERSITY:
        errors["research_partner"] = [_("The research partner is a university.")]
    cost = values.get("cost")
    if cost is not None and cost < 0:
        errors["cost"] = [_("A cost cannot be negative.")]
    if errors:
        raise KnowledgeInvalid(errors, code="invalid")


def _store_media(image: Any, file: Any) -> dict[str, Any]:
    """Check and store new uploads; the values to set on the item."""
    values: dict[str, Any] = {}
    if image:
        try:
            checks.check_infographic(image)
        except ValidationError as error:
            raise KnowledgeInvalid({"image": error.messages}, code="image") from None
        values["image"] = default_storage.save(_item_upload_to(None, ""), image)  # type: ignore[arg-type]
    if file:
        try:
            detected = checks.check_document(file)
        except ValidationError as error:
            raise KnowledgeInvalid({"file": error.messages}, code="file") from None
        values["file_name"] = safe_display_name(getattr(file, "name", ""))
        values["file_content_type"] = detected.mime
        values["file_size"] = file_size(file)
        values["file"] = default_storage.save(_item_upload_to(None, ""), file)  # type: ignore[arg-type]
    return values


def _set_relations(item: KnowledgeItem, fields: dict[str, Any]) -> None:
    for name in SET_FIELDS:
        if name in fields:
            getattr(item, name).set(list(fields[name]))
    if "indicators" in fields:
        results_set(item=item, indicators=fields["indicators"])


def results_set(*, item: KnowledgeItem, indicators: Iterable[Indicator]) -> None:
    """The indicators whose verified values show the item's results (kept notes stay)."""
    wanted = {indicator.pk: indicator for indicator in indicators}
    item.results.exclude(indicator_id__in=wanted).delete()
    have = set(item.results.values_list("indicator_id", flat=True))
    for pk, indicator in wanted.items():
        if pk not in have:
            KnowledgeResult.objects.create(item=item, indicator=indicator)


def knowledge_item_create(
    *, user: Any, owner: Organization, kind: str, image: Any = None, file: Any = None,
    source_finding: Finding | None = None, source_decision: Decision | None = None,
    **fields: Any,
) -> KnowledgeItem:  # fmt: skip
    """A new draft of `owner`, written by `user` (who must write for that organisation)."""
    if kind not in Kind.values:
        raise KnowledgeInvalid({"kind": [_("Choose a kind of item.")]}, code="kind")
    if user is not None and owner not in access.knowledge_owner_choices(user):
        raise NotAllowed(_("You do not write for this organisation."), code="owner")
    values = _values(fields)
    _check(kind, values, fields.get("research_partner"))
    by = user if getattr(user, "pk", None) else None
    with transaction.atomic():
        values.update(_store_media(image, file))
        item = KnowledgeItem.objects.create(
            kind=kind,
            owner=owner,
            created_by=by,
            changed_by=by,
            source_finding=source_finding,
            source_decision=source_decision,
            **values,
        )
        item.code = f"PENG-{item.pk:06d}"
        KnowledgeItem.objects.filter(pk=item.pk).update(code=item.code)
        _set_relations(item, fields)
    return item


def knowledge_item_update(
    *, item: KnowledgeItem, user: Any, version: int | None, image: Any = None, file: Any = None,
    **fields: Any,
) -> KnowledgeItem:  # fmt: skip
    """Change a draft or returned item, claimed at the version the writer opened."""
    values = _values(fields)
    merged = {name: getattr(item, name) for name in TEXT_FIELDS}
    merged.update(values)
    _check(item.kind, merged, fields.get("research_partner", item.research_partner))
    if "video_url" in values:
        values["video_url"] = merged["video_url"]
    before = {name: getattr(item, name) for name in values if hasattr(item, name)}
    with transaction.atomic():
        values.update(_store_media(image, file))
        claim_instance(item, version=version, states=access.EDITABLE_STATES, by=user, set=values)
        _set_relations(item, fields)
        audit_claimed(item, "knowledge_item_changed", before)
    return item


def _missing_for_submit(item: KnowledgeItem) -> list[str]:
    """What the item's kind needs before anyone reviews it."""
    missing = []
    if item.kind in (Kind.PRACTICE, Kind.CASE_STUDY):
        if not item.problem:
            missing.append(_("the problem"))
        if not item.approach:
            missing.append(_("the approach"))
    if item.kind == Kind.LESSON and not (item.summary or item.context):
        missing.append(_("what was learnt (the summary)"))
    if item.kind == Kind.RESEARCH and item.research_partner_id is None:
        missing.append(_("the university partner"))
    if item.kind == Kind.VIDEO:
        if not item.video_url:
            missing.append(_("the video link"))
        if not item.transcript:
            missing.append(_("the transcript or summary"))
    if item.kind == Kind.INFOGRAPHIC:
        if not item.image:
            missing.append(_("the image"))
        if not item.image_alt:
            missing.append(_("the image's text alternative"))
    if item.kind == Kind.DOCUMENT and not item.file:
        missing.append(_("the file"))
    return missing


def _move(
    item: KnowledgeItem, user: Any, version: int | None, action: str, note: str, **extra: Any
) -> KnowledgeItem:
    move = KNOWLEDGE.move(action, note=note)
    before = {"status": item.status}
    claim_instance(
        item, version=version, states=move.sources, by=user, set={"status": move.target, **extra}
    )
    audit_claimed(item, f"knowledge_item_{action}", before)
    return item


def _check_reviewer(user: Any, item: KnowledgeItem) -> None:
    if access.knowledge_item_is_own_work(user, item):
        raise NotAllowed(_("Nobody reviews an item they wrote or submitted."), code="own_work")
    if not access.knowledge_item_can_review(user, item):
        raise NotAllowed(_("Only the owner's reviewers review its items."), code="not_reviewer")


def knowledge_item_submit(*, item: KnowledgeItem, user: Any, version: int | None) -> KnowledgeItem:
    """Send a draft or returned item to its owner's reviewers (`user=None`: the system, for
    the demo's history)."""
    if user is not None and not access.knowledge_item_can_edit(user, item):
        raise NotAllowed(_("You do not write for this organisation."), code="not_writer")
    missing = _missing_for_submit(item)
    if missing:
        raise KnowledgeInvalid(
            _("Add %(missing)s before submitting.") % {"missing": ", ".join(missing)},
            code="incomplete",
        )
    with transaction.atomic():
        return _move(
            item, user, version, "submit", "", submitted_by=user, submitted_at=timezone.now(),
            review_note="",
        )  # fmt: skip


def knowledge_item_publish(
    *, item: KnowledgeItem, user: Any, version: int | None, audience: str
) -> KnowledgeItem:
    """Publish an item in review to members or the public. Only the system (`user=None`, the
    demo) publishes without a reviewer; a person is checked for role and own work."""
    if user is not None:
        _check_reviewer(user, item)
    if audience not in KnowledgeItem.Audience.values:
        raise KnowledgeInvalid({"audience": [_("Choose who may read it.")]}, code="audience")
    with transaction.atomic():
        _move(
            item, user, version, "publish", "", audience=audience, reviewed_by=user,
            published_at=timezone.now(), review_note="",
        )  # fmt: skip
        if audience == KnowledgeItem.Audience.PUBLIC:
            public_cache.bump()
    return item


def knowledge_item_return(
    *, item: KnowledgeItem, user: Any, version: int | None, note: str
) -> KnowledgeItem:
    if user is not None:
        _check_reviewer(user, item)
    with transaction.atomic():
        return _move(
            item, user, version, "return", note, reviewed_by=user, review_note=note.strip()
        )


def knowledge_item_unpublish(
    *, item: KnowledgeItem, user: Any, version: int | None, note: str
) -> KnowledgeItem:
    """Take a published item back (to "returned", with the reason), off the portal too."""
    if not access.knowledge_item_can_unpublish(user, item):
        raise NotAllowed(_("Only the owner's reviewers unpublish its items."), code="not_reviewer")
    was_public = item.is_public
    with transaction.atomic():
        _move(
            item, user, version, "unpublish", note, reviewed_by=user, review_note=note.strip(),
            published_at=None,
        )  # fmt: skip
        if was_public:
            public_cache.bump()
    return item


# --- Lessons learned from a finding or a decision ----------------------------------------------


def lesson_from_finding(*, user: Any, owner: Organization, finding: Finding) -> KnowledgeItem:
    """A draft lesson learned that starts from an evaluation finding and links back to it."""
    evaluation = finding.evaluation
    agreement = evaluation.agreement
    return knowledge_item_create(
        user=user,
        owner=owner,
        kind=Kind.LESSON,
        source_finding=finding,
        title=_("Lesson: %(finding)s") % {"finding": _shorten(finding.text)},
        summary=finding.text,
        context=_("From the evaluation of “%(agreement)s”.") % {"agreement": agreement.title},
        agreements=[agreement],
        regions=_regions_of(agreement),
        affairs=list(agreement.affairs.all()),
    )


def lesson_from_decision(*, user: Any, owner: Organization, decision: Decision) -> KnowledgeItem:
    """A draft lesson learned that starts from a meeting decision and links back to it."""
    meeting = decision.agenda_item.meeting
    agreement = meeting.agreement
    return knowledge_item_create(
        user=user,
        owner=owner,
        kind=Kind.LESSON,
        source_decision=decision,
        title=_("Lesson: %(decision)s") % {"decision": _shorten(decision.text)},
        summary=decision.text,
        context=_("Decided at “%(meeting)s”.") % {"meeting": meeting.title},
        agreements=[agreement] if agreement is not None else [],
        regions=_regions_of(agreement) if agreement is not None else [],
        affairs=list(agreement.affairs.all()) if agreement is not None else [],
    )


def _shorten(text: str, length: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _regions_of(agreement: Any) -> list[Region]:
    return list(
        Region.objects.filter(organizations__agreement_parties__agreement=agreement)
        .defer("boundary", "bbox")
        .distinct()
    )
