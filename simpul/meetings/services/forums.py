"""Forums: created and changed by their secretariat (or a platform admin)."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from simpul.core.claims import claim_instance
from simpul.organizations.models import Organization

from ..models import Forum, ForumMember
from .common import MeetingInvalid, audit_claimed

FORUM_FIELDS = frozenset({"name", "kind", "description", "cadence", "quorum", "is_active"})


def _members_set(forum: Forum, members: Iterable[Organization]) -> None:
    wanted = {org.pk: org for org in members}
    current = {seat.organization_id: seat for seat in forum.memberships.all()}
    for organization_id, seat in current.items():
        if organization_id not in wanted:
            seat.delete()
    for organization_id, organization in wanted.items():
        if organization_id not in current:
            ForumMember.objects.create(forum=forum, organization=organization)


def forum_create(
    *,
    user: Any,
    name: str,
    slug: str,
    secretariat: Organization,
    members: Iterable[Organization],
    **details: Any,
) -> Forum:
    members = list(members)
    _check_members(members)
    name = " ".join(name.split())
    _check_name_free(name)
    if Forum.objects.filter(slug=slug).exists():
        raise MeetingInvalid({"slug": _("This short name is taken.")}, code="slug")
    by = user if getattr(user, "pk", None) else None
    with transaction.atomic():
        forum = Forum.objects.create(
            name=name,
            slug=slug,
            secretariat=secretariat,
            created_by=by,
            changed_by=by,
            **{k: v for k, v in details.items() if k in FORUM_FIELDS},
        )
        _members_set(forum, members)
    return forum


def _check_members(members: list[Organization]) -> None:
    if len(members) < 2:
        raise MeetingInvalid(
            {"members": _("A forum has at least two member organisations.")}, code="members"
        )


def _check_name_free(name: str, *, besides: Forum | None = None) -> None:
    """Two forums of one name would be told apart by nobody choosing one from a list."""
    same = Forum.objects.filter(name__iexact=name)
    if besides is not None:
        same = same.exclude(pk=besides.pk)
    if same.exists():
        raise MeetingInvalid(
            {"name": _("Another forum is already called “%(name)s”.") % {"name": name}},
            code="name",
        )


def forum_update(
    *,
    forum: Forum,
    user: Any,
    version: int | None,
    members: Iterable[Organization] | None = None,
    secretariat: Organization | None = None,
    **changes: Any,
) -> Forum:
    """Save an edit claimed at `version` (a Conflict if someone saved first: the edit form
    merges, simpul.core.merge). Members are set as a whole; their delegates stay."""
    unknown = set(changes) - FORUM_FIELDS
    if unknown:
        raise TypeError(f"unknown forum fields: {sorted(unknown)}")
    if "name" in changes:
        changes["name"] = " ".join(changes["name"].split())
        _check_name_free(changes["name"], besides=forum)
    before = {name: getattr(forum, name) for name in changes}
    if secretariat is not None:
        changes["secretariat"] = secretariat
        before["secretariat_id"] = forum.secretariat_id
    wanted = None if members is None else list(members)
    if wanted is not None:
        _check_members(wanted)
    by = user if getattr(user, "pk", None) else None
    with transaction.atomic():
        # Claimed even when only the members change: the version says the forum changed.
        claim_instance(forum, version=version, by=by, set=changes)
        audit_claimed(forum, "changed", before)
        if wanted is not None:
            _members_set(forum, wanted)
    return forum
