"""Writes of ideas.

    idea_create(*, user, owner, title, problem, proposal, affairs=(), regions=()) -> Idea
    idea_update(*, idea, user, version, **fields)                 (open ideas; merged edits)
    idea_move(*, idea, user, version, action, note="")            (review, decline)
    idea_accept_as_agreement / _as_activity / _as_knowledge(*, idea, user, version, …)
    idea_support / idea_unsupport(*, idea, user)
    idea_comment(*, idea, user, body) -> IdeaComment
    citizen_idea_submit(*, owner, …, fingerprint) -> Submitted      (the portal's form)
    citizen_idea_confirm(token) -> (ConfirmResult, Idea | None)
    citizen_idea_moderate(*, idea, user, version, publish, reason="")

Every status move asks a kernel machine (IDEA, CITIZEN_IDEA) and claims the row at the
version the person saw (simpul.core.claims), so of two clicks exactly one wins and the other
gets a Conflict naming who acted first; each move appends an immutable IdeaEvent. The claimed
row is then saved normally so the audit log records the change. A citizen's idea is on the
portal only while published: every change to such an idea bumps the public cache.
"""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.accounts.models import User
from simpul.agreements.access import EDITOR_ROLES
from simpul.agreements.models import GovernmentAffair
from simpul.agreements.services.agreements import agreement_create
from simpul.complaints.services import UNCONFIRMED_TTL
from simpul.core import outbox
from simpul.core.abuse import token_hash
from simpul.core.claims import claim_instance
from simpul.core.errors import Conflict, InvalidInput, NotAllowed
from simpul.core.machines import Machine, Move
from simpul.core.public_cache import bump
from simpul.knowledge.models import KnowledgeItem
from simpul.notifications.services import notify, per_person
from simpul.organizations.models import Membership, Organization
from simpul.plans.models import Activity
from simpul.regions.models import Region

from .models import Idea, IdeaComment, IdeaEvent, Support
from .notification_kinds import MODERATION as MODERATION_KIND
from .selectors import activities_for_accepting, knowledge_items_for_accepting

S = Idea.Status
IDEA = Machine(
    "idea",
    Move("review", gettext_lazy("Start the review"), (S.NEW,), S.UNDER_REVIEW),
    Move("accept", gettext_lazy("Accept"), (S.NEW, S.UNDER_REVIEW), S.ACCEPTED),
    Move("decline", gettext_lazy("Decline"), (S.NEW, S.UNDER_REVIEW), S.DECLINED, True),
)
M = Idea.Moderation
CITIZEN_IDEA = Machine(
    "citizen idea",
    Move("confirm", gettext_lazy("Confirm"), (M.UNCONFIRMED,), M.PENDING),
    # A moderator may change their mind: a published idea can be hidden and vice versa.
    Move("publish", gettext_lazy("Publish"), (M.PENDING, M.HIDDEN), M.PUBLISHED),
    Move("hide", gettext_lazy("Hide"), (M.PENDING, M.PUBLISHED), M.HIDDEN, True),
)
# A citizen's link confirms within the same period as a complaint's, and the unconfirmed
# idea is deleted after it like an unconfirmed complaint (complaints' UNCONFIRMED_TTL).
CONFIRM_DAYS = UNCONFIRMED_TTL.days
EDITABLE_FIELDS = ("title", "problem", "proposal", "affairs", "regions")


def _event(idea: Idea, *, action: str, before: str, user: User | None, note: str = "") -> None:
    IdeaEvent.objects.create(
        idea=idea,
        action=action,
        from_status=before,
        to_status=getattr(idea, "moderation" if action in CITIZEN_IDEA else "status"),
        note=note,
        actor=user if getattr(user, "pk", None) else None,
        occurred_at=timezone.now(),
    )


# The support count is kept by UPDATE … SET support_count = support_count ± 1 alone: saving
# a claimed row writes every other column, so a support counted meanwhile is never lost.
SAVED_FIELDS = [
    f.name for f in Idea._meta.concrete_fields if not f.primary_key and f.name != "support_count"
]


def _save(idea: Idea) -> None:
    idea.save(update_fields=SAVED_FIELDS)


def _bump_if_public(idea: Idea) -> None:
    if idea.moderation == M.PUBLISHED:
        transaction.on_commit(bump)


def _clean_text(fields: dict[str, Any]) -> dict[str, Any]:
    for name in ("title", "problem", "proposal"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
            if not fields[name]:
                raise InvalidInput({name: _("This field is required.")}, code="required")
    return fields


def _assign_code(idea: Idea) -> None:
    idea.code = f"IDE-{idea.pk:06d}"
    Idea.objects.filter(pk=idea.pk).update(code=idea.code)


# --- members' ideas -----------------------------------------------------------------------


@transaction.atomic
def idea_create(
    *,
    user: User,
    owner: Organization,
    title: str,
    problem: str,
    proposal: str,
    affairs: Iterable[GovernmentAffair] = (),
    regions: Iterable[Region] = (),
) -> Idea:
    if not user.is_superuser and not Membership.objects.filter(user=user, organization=owner):
        raise NotAllowed(_("You may post ideas only for your own organisations."))
    fields = _clean_text({"title": title, "problem": problem, "proposal": proposal})
    idea = Idea(owner=owner, author=user, changed_by=user, **fields)
    idea.full_clean(exclude=["code"])
    idea.save()
    _assign_code(idea)
    idea.affairs.set(affairs)
    idea.regions.set(regions)
    _event(idea, action="create", before="", user=user)
    return idea


@transaction.atomic
def idea_update(*, idea: Idea, user: User, version: int, **fields: Any) -> Idea:
    """An open idea's text, affairs and regions, claimed at the version the form showed."""
    fields = _clean_text({k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    claim_instance(idea, version=version, states=(S.NEW, S.UNDER_REVIEW), by=user)
    for name in ("title", "problem", "proposal"):
        if name in fields:
            setattr(idea, name, fields[name])
    idea.full_clean(exclude=["code", "affairs", "regions"])
    _save(idea)
    if "affairs" in fields:
        idea.affairs.set(fields["affairs"])
    if "regions" in fields:
        idea.regions.set(fields["regions"])
    _bump_if_public(idea)
    return idea


def _move(
    idea: Idea,
    *,
    user: User,
    version: int,
    action: str,
    note: str = "",
    set: dict[str, Any] | None = None,  # noqa: A002 - reads as SQL: UPDATE … SET …
) -> Idea:
    move = IDEA.move(action, current=idea.status, note=note)
    before = idea.status
    claim_instance(
        idea,
        version=version,
        states=move.sources,
        by=user,
        set={"status": move.target, **(set or {})},
    )
    _save(idea)
    _event(idea, action=action, before=before, user=user, note=note.strip())
    _bump_if_public(idea)
    return idea


@transaction.atomic
def idea_move(*, idea: Idea, user: User, version: int, action: str, note: str = "") -> Idea:
    """Start the review, or decline with a reason (accepting has its own services)."""
    if action == "accept":
        raise InvalidInput(_("Say what the idea becomes to accept it."), code="outcome")
    note = (note or "").strip()
    if len(note) > 1000:
        raise InvalidInput({"note": _("Keep the reason under 1,000 characters.")}, code="long")
    extra = {"decline_reason": note} if action == "decline" else {}
    return _move(idea, user=user, version=version, action=action, note=note, set=extra)


def _government_of(organization: Organization) -> Organization | None:
    if organization.kind == Organization.Kind.REGIONAL_GOVERNMENT:
        return organization
    if organization.region_id is None:
        return None
    return Organization.objects.governments().filter(region_id=organization.region_id).first()


@transaction.atomic
def idea_accept_as_agreement(
    *,
    idea: Idea,
    user: User,
    version: int,
    title: str = "",
    family: str = "ksdd",
    category: str = "",
) -> Idea:
    """Accept by registering an agreement draft (through the agreements' own service, with
    its party rules) between the owner's government and those of the regions that could join;
    the idea keeps the link."""
    IDEA.move("accept", current=idea.status)
    owner_government = _government_of(idea.owner)
    parties = [owner_government] if owner_government else []
    parties += [
        government
        for government in Organization.objects.governments().filter(region__in=idea.regions.all())
        if government not in parties
    ]
    agreement = agreement_create(
        user=user,
        owner=idea.owner,
        family=family,
        category=category or ("sukarela" if family == "ksdd" else ""),
        title=(title or idea.title).strip(),
        parties=parties,
        affairs=list(idea.affairs.all()),
        objectives=idea.proposal,
    )
    return _move(
        idea,
        user=user,
        version=version,
        action="accept",
        note=agreement.reference_code,
        set={"outcome": Idea.Outcome.AGREEMENT, "agreement": agreement},
    )


@transaction.atomic
def idea_accept_as_activity(
    *, idea: Idea, user: User, version: int, activity: Activity | None
) -> Idea:
    """Accept by linking the plan activity that carries the idea out (one of the owner
    organisation's own agreements)."""
    if activity is None:
        raise InvalidInput({"activity": _("Choose the plan activity.")}, code="required")
    if not activities_for_accepting(idea).filter(pk=activity.pk).exists():
        raise InvalidInput(
            {"activity": _("Choose an activity of one of the owner organisation's agreements.")},
            code="activity",
        )
    return _move(
        idea,
        user=user,
        version=version,
        action="accept",
        note=activity.name,
        set={"outcome": Idea.Outcome.ACTIVITY, "activity": activity},
    )


@transaction.atomic
def idea_accept_as_knowledge(
    *, idea: Idea, user: User, version: int, item: KnowledgeItem | None
) -> Idea:
    """Accept by linking the knowledge item written from it or carrying it (one the owner
    organisation reads)."""
    if item is None:
        raise InvalidInput({"knowledge_item": _("Choose the knowledge item.")}, code="required")
    if not knowledge_items_for_accepting(idea).filter(pk=item.pk).exists():
        raise InvalidInput(
            {"knowledge_item": _("Choose a knowledge item the owner organisation reads.")},
            code="knowledge_item",
        )
    return _move(
        idea,
        user=user,
        version=version,
        action="accept",
        note=item.code or item.title,
        set={"outcome": Idea.Outcome.KNOWLEDGE, "knowledge_item": item},
    )


@transaction.atomic
def idea_support(*, idea: Idea, user: User) -> bool:
    """Support once; a second support by the same person changes nothing (False)."""
    if not idea.is_open:
        raise InvalidInput(_("Only open ideas can be supported."), code="state")
    try:
        with transaction.atomic():
            Support.objects.create(idea=idea, user=user)
    except IntegrityError:
        return False
    Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
    _bump_if_public(idea)
    return True


@transaction.atomic
def idea_unsupport(*, idea: Idea, user: User) -> bool:
    support = Support.objects.filter(idea=idea, user=user).first()
    if support is None:
        return False
    support.delete()
    Idea.objects.filter(pk=idea.pk, support_count__gt=0).update(
        support_count=F("support_count") - 1
    )
    _bump_if_public(idea)
    return True


@transaction.atomic
def idea_comment(*, idea: Idea, user: User, body: str) -> IdeaComment:
    body = (body or "").strip()
    if not body:
        raise InvalidInput({"body": _("Write your comment.")}, code="required")
    comment = IdeaComment(idea=idea, author=user, body=body)
    comment.full_clean()
    comment.save()
    return comment


# --- citizens' ideas ----------------------------------------------------------------------


@dataclass
class Submitted:
    idea: Idea
    token: str


def citizen_idea_submit(
    *,
    owner: Organization,
    title: str,
    problem: str,
    proposal: str,
    author_name: str,
    email: str,
    fingerprint: str,
    affairs: Iterable[GovernmentAffair] = (),
) -> Submitted:
    """Store an unconfirmed idea from the portal and e-mail its author a confirmation link in
    the active language. The caller has checked the form, the honeypot and the rate limit."""
    token = secrets.token_urlsafe(32)
    fields = _clean_text({"title": title, "problem": problem, "proposal": proposal})
    with transaction.atomic():
        idea = Idea(
            owner=owner,
            origin=Idea.Origin.CITIZEN,
            moderation=M.UNCONFIRMED,
            author_name=(author_name or "").strip(),
            email=email,
            confirm_token_hash=token_hash(token),
            ip_hash=fingerprint,
            **fields,
        )
        idea.full_clean(exclude=["code"])
        idea.save()
        _assign_code(idea)
        idea.affairs.set(affairs)
        context = {
            "idea": idea,
            "confirm_url": settings.SITE_URL
            + reverse("ideas_public:confirm", kwargs={"token": token}),
            "days": CONFIRM_DAYS,
        }
        outbox.enqueue(
            key=f"idea-confirm:{idea.pk}",
            to=idea.email,
            subject=_("Confirm your idea on Simpul"),
            text=render_to_string("ideas/email/confirm.txt", context),
            html=render_to_string("ideas/email/confirm.html", context),
            language=translation.get_language() or "",
        )
    return Submitted(idea, token)


class ConfirmResult:
    CONFIRMED = "confirmed"
    ALREADY = "already"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


def citizen_idea_confirm(token: str, now: datetime | None = None) -> tuple[str, Idea | None]:
    """Confirm the address behind a citizen's idea: it goes to moderation and the owner's
    editors are told. A reused link says so; a link older than CONFIRM_DAYS has expired."""
    now = now or timezone.now()
    if not token or len(token) > 100:
        return ConfirmResult.UNKNOWN, None
    idea = Idea.objects.filter(confirm_token_hash=token_hash(token)).first()
    if idea is None:
        return ConfirmResult.UNKNOWN, None
    if idea.moderation != M.UNCONFIRMED:
        return ConfirmResult.ALREADY, idea
    if idea.created_at < now - timedelta(days=CONFIRM_DAYS):
        return ConfirmResult.EXPIRED, idea
    with transaction.atomic():
        move = CITIZEN_IDEA.move("confirm")
        try:
            claim_instance(
                idea,
                states=move.sources,
                state_field="moderation",
                set={"moderation": move.target, "confirmed_at": now},
            )
        except Conflict:  # a second click confirmed it meanwhile
            return ConfirmResult.ALREADY, idea
        _save(idea)
        _event(idea, action="confirm", before=M.UNCONFIRMED, user=None)
        _notify_moderators(idea)
    return ConfirmResult.CONFIRMED, idea


def citizen_ideas_purge_unconfirmed(now: datetime | None = None) -> int:
    """Delete citizens' ideas never confirmed within the confirmation period (their e-mail
    address was never proven, so nothing of them is kept); run daily by tasks.py. Idempotent:
    a second run finds nothing older."""
    now = now or timezone.now()
    stale = Idea.objects.filter(
        origin=Idea.Origin.CITIZEN,
        moderation=M.UNCONFIRMED,
        created_at__lt=now - UNCONFIRMED_TTL,
    )
    count = 0
    # One by one, like complaints: each deletion is recorded by the audit registry, whose
    # snapshot reads every field (so the rows are loaded whole).
    for idea in stale:
        idea.delete()
        count += 1
    return count


def moderators_of(idea: Idea) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.filter(
            organization_id=idea.owner_id, role__in=EDITOR_ROLES
        ).values("user_id"),
    ).order_by("pk")


def _notify_moderators(idea: Idea) -> None:
    """Tell each editor of the owner, in their language (a notification, mailed at once
    unless they chose otherwise; committed with the confirmation, so a crash sends nothing
    twice)."""
    url = reverse("ideas:moderation")
    context = {
        "idea": idea,
        "url": settings.SITE_URL + url,
        "base_template": "notifications/email/body_only.txt",
    }
    notify(
        kind=MODERATION_KIND,
        recipients=moderators_of(idea),
        key=f"idea-moderate:{idea.pk}",
        title=per_person(
            lambda: (
                _("An idea from a citizen waits for moderation: %(title)s") % {"title": idea.title}
            )
        ),
        body=per_person(lambda: render_to_string("ideas/email/moderate.txt", context).strip()),
        url=url,
        subject=f"idea:{idea.pk}",
    )


@transaction.atomic
def citizen_idea_moderate(
    *, idea: Idea, user: User, version: int, publish: bool, reason: str = ""
) -> Idea:
    """Publish a confirmed citizen's idea (on the portal and the board), or hide it with a
    reason."""
    reason = (reason or "").strip()
    if len(reason) > 300:
        raise InvalidInput({"reason": _("Keep the reason under 300 characters.")}, code="long")
    if not publish and not reason:
        raise InvalidInput({"reason": _("Give the reason for hiding.")}, code="reason")
    move = CITIZEN_IDEA.move("publish" if publish else "hide", current=idea.moderation, note=reason)
    before = idea.moderation
    claim_instance(
        idea,
        version=version,
        states=move.sources,
        state_field="moderation",
        by=user,
        set={"moderation": move.target, "hide_reason": "" if publish else reason},
    )
    _save(idea)
    _event(idea, action=move.action, before=before, user=user, note=reason)
    transaction.on_commit(bump)
    return idea
