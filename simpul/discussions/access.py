"""Who may read and write discussions: the one place these decisions are made.

- A thread of an agreement is read by whoever reads the agreement (`agreements.access`: its
  parties, its registering organisation, the agencies under them, oversight, platform
  admins); a forum's thread by whoever reads the forum (`meetings.access`). Everyone else
  gets 404, so a thread's existence does not leak.
- Writing (new threads, posts, replies, quotes) needs a membership, whatever the role, in a
  participant — the agreement's parties and registering organisation, or the forum's
  secretariat and members — or in an agency under one. Oversight and platform admins read
  and do not write (404 on the write pages).
- Announcements and progress updates: the participants' admins, coordinators and editors.
- A post is edited by its author only (403 for the other readers); deleted by its author or
  a platform admin (moderation), leaving a tombstone.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from simpul.accounts.access import AnyUser
from simpul.agreements.access import EDITOR_ROLES, agreements_visible_to
from simpul.agreements.models import Agreement
from simpul.meetings.access import forums_visible_to
from simpul.meetings.models import Forum
from simpul.organizations.access import memberships_of

from .models import Post, Thread

# --- Places (an agreement or a forum) -------------------------------------------------------


def participant_ids(*, agreement: Agreement | None = None, forum: Forum | None = None) -> set[int]:
    """The organisations that take part in an agreement's or a forum's discussions."""
    if agreement is not None:
        ids = set(agreement.parties.values_list("organization_id", flat=True))
        ids.add(agreement.owner_id)
        return ids
    if forum is not None:
        ids = set(forum.memberships.values_list("organization_id", flat=True))
        ids.add(forum.secretariat_id)
        return ids
    return set()


def _participating_roles(user: AnyUser, participants: set[int]) -> list[str]:
    """The user's roles in participants, an agency's role counting for its government."""
    return [
        m.role
        for m in memberships_of(user)
        if m.organization_id in participants or m.organization.parent_id in participants
    ]


def place_can_write(
    user: AnyUser, *, agreement: Agreement | None = None, forum: Forum | None = None
) -> bool:
    if not user.is_authenticated:
        return False
    return bool(_participating_roles(user, participant_ids(agreement=agreement, forum=forum)))


def place_can_announce(
    user: AnyUser, *, agreement: Agreement | None = None, forum: Forum | None = None
) -> bool:
    if not user.is_authenticated:
        return False
    roles = _participating_roles(user, participant_ids(agreement=agreement, forum=forum))
    return any(role in EDITOR_ROLES for role in roles)


# --- Threads --------------------------------------------------------------------------------


def threads_visible_to(user: AnyUser) -> QuerySet[Thread]:
    if not user.is_authenticated:
        return Thread.objects.none()
    return Thread.objects.filter(
        Q(agreement__in=agreements_visible_to(user).values("pk"))
        | Q(forum__in=forums_visible_to(user).values("pk"))
    )


def thread_can_view(user: AnyUser, thread: Thread) -> bool:
    return threads_visible_to(user).filter(pk=thread.pk).exists()


def thread_can_write(user: AnyUser, thread: Thread) -> bool:
    return place_can_write(user, agreement=thread.agreement, forum=thread.forum)


def thread_can_announce(user: AnyUser, thread: Thread) -> bool:
    return place_can_announce(user, agreement=thread.agreement, forum=thread.forum)


def thread_get_for_user(user: AnyUser, pk: int, *, write: bool = False) -> Thread:
    """The thread, or 404 when the user may not read it (or, with write=True, post in it)."""
    thread = get_object_or_404(threads_visible_to(user).select_related("agreement", "forum"), pk=pk)
    if write and not thread_can_write(user, thread):
        raise Http404
    return thread


def thread_object_can_view_history(user: AnyUser, obj: object) -> bool:
    """History pages of a thread and of its posts."""
    thread = obj if isinstance(obj, Thread) else getattr(obj, "thread", None)
    return isinstance(thread, Thread) and thread_can_view(user, thread)


# --- Posts ----------------------------------------------------------------------------------


def post_get_for_user(user: AnyUser, pk: int, *, edit: bool = False, delete: bool = False) -> Post:
    """The post, or 404 when the user may not read its thread; with edit=True (or
    delete=True) 403 for a reader who may not change it (404 once it is deleted)."""
    post = get_object_or_404(
        Post.objects.select_related("thread__agreement", "thread__forum", "author").filter(
            thread__in=threads_visible_to(user).values("pk")
        ),
        pk=pk,
    )
    if (edit or delete) and post.is_deleted:
        raise Http404
    if edit and not post_can_edit(user, post):
        raise PermissionDenied
    if delete and not post_can_delete(user, post):
        raise PermissionDenied
    return post


def post_can_edit(user: AnyUser, post: Post) -> bool:
    return (
        user.is_authenticated
        and not post.is_deleted
        and post.author_id == user.pk
        and thread_can_write(user, post.thread)
    )


def post_can_delete(user: AnyUser, post: Post) -> bool:
    if not user.is_authenticated or post.is_deleted:
        return False
    return user.is_superuser or post_can_edit(user, post)
