"""Forums: created and changed by their secretariat (or a platform admin)."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from simpul.organizations.models import Organization

from ..models import Forum, ForumMember
from .common import MeetingInvalid

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
    if len(members) < 2:
        raise MeetingInvalid(
            {"members": _("A forum has at least two member organisations.")}, code="members"
        )
    if Forum.objects.filter(slug=slug).exists():
        raise MeetingInvalid({"slug": _("This short name is taken.")}, code="slug")
    by = user if getattr(user, "pk", None) else None
    with transaction.atomic():
        forum = Forum.objects.create(
            name=" ".join(name.split()),
            slug=slug,
            secretariat=secretariat,
            created_by=by,
            changed_by=by,
            **{k: v for k, v in details.items() if k in FORUM_FIELDS},
        )
        _members_set(forum, members)
    return forum
