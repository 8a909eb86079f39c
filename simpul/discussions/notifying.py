"""The one module of discussions that talks to the notification centre (simpul.notifications).

Kinds (registered in apps.py): `mention` (a person, or a person of a mentioned organisation),
`reply` (a new post in a thread one follows), `announcement` (every member of the
participants, e-mailed at once by default) and `question` (one's organisation was asked).
Keys are deterministic per effect (`mention:post:{pk}`, …), so a retried call notifies once.
Each person gets the strongest kind only: a mention is not also a reply.
"""

from collections.abc import Iterable
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from simpul.accounts.models import User
from simpul.organizations.models import Membership, Organization

from .models import Post, Thread

KINDS = {
    "mention": (_("Mentions"), _("Someone mentioned you or your organisation in a discussion.")),
    "reply": (_("Replies in followed threads"), _("A new post in a thread you follow.")),
    "announcement": (_("Announcements"), _("An announcement to the parties of a cooperation.")),
    "question": (_("Questions to your organisation"), _("Your organisation was asked.")),
}


def register_kinds() -> None:
    from simpul.notifications.registry import register_kind

    for key, (label, description) in KINDS.items():
        register_kind(
            key,
            label=label,
            description=description,
            default="now" if key == "announcement" else "app",
        )


def subject_of(thread: Thread) -> str:
    return f"thread:{thread.pk}"


def _group(thread: Thread) -> tuple[str, str]:
    if thread.agreement_id:
        return f"agreement:{thread.agreement_id}", str(thread.agreement)
    return f"forum:{thread.forum_id}", str(thread.forum)


def follow(user: User, thread: Thread) -> None:
    """The automatic follow of an author or a replier: never overrides an explicit unfollow."""
    from simpul.notifications.services import follow as follow_subject

    follow_subject(user, subject_of(thread), auto=True)


def follow_by_choice(user: User, thread: Thread, *, following: bool) -> None:
    """The thread page's Follow / Following button."""
    from simpul.notifications.services import follow as follow_subject
    from simpul.notifications.services import unfollow

    if following:
        follow_subject(user, subject_of(thread))
    else:
        unfollow(user, subject_of(thread))


def is_following(user: Any, thread: Thread) -> bool:
    from simpul.notifications.services import is_following as following

    return following(user, subject_of(thread))


def _participant_members(thread: Thread) -> list[User]:
    from . import access

    participants = access.participant_ids(agreement=thread.agreement, forum=thread.forum)
    return list(
        User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(organization_id__in=participants).values("user_id"),
        )
    )


def post_created(
    post: Post,
    *,
    mentioned: Iterable[User],
    organization_members: Iterable[User],
    asked: Iterable[Organization],
) -> None:
    from simpul.notifications.services import followers, notify

    from . import access

    thread = post.thread
    actor = post.author
    group, group_label = _group(thread)
    common: dict[str, Any] = {
        "url": post.get_absolute_url(),
        "actor": actor,
        "subject": subject_of(thread),
        "group": group,
        "group_label": group_label,
    }
    done: set[int] = {actor.pk} if actor else set()

    def recipients(people: Iterable[User]) -> list[User]:
        chosen = [p for p in people if p.pk not in done]
        done.update(p.pk for p in chosen)
        return chosen

    if actor is not None:
        follow(actor, thread)
    if post.kind == Post.Kind.ANNOUNCEMENT:
        notify(
            kind="announcement",
            recipients=recipients(_participant_members(thread)),
            key=f"announcement:post:{post.pk}",
            title=format_lazy(_("Announcement: {title}"), title=thread.title),
            body=post.text[:500],
            **common,
        )
    people = recipients([*mentioned, *organization_members])
    if people:
        notify(
            kind="mention",
            recipients=people,
            key=f"mention:post:{post.pk}",
            title=format_lazy(_("You were mentioned in “{title}”"), title=thread.title),
            body=post.text[:500],
            **common,
        )
    asked = list(asked)
    if asked:
        asked_people = User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(organization__in=asked).values("user_id"),
        )
        notify(
            kind="question",
            recipients=recipients(asked_people),
            key=f"question:post:{post.pk}",
            title=format_lazy(_("A question to your organisation: {title}"), title=thread.title),
            body=post.text[:500],
            **common,
        )
    # Someone may have followed the thread and lost access since: never notify them.
    followed = recipients(
        person for person in followers(subject_of(thread)) if access.thread_can_view(person, thread)
    )
    if followed:
        notify(
            kind="reply",
            recipients=followed,
            key=f"reply:post:{post.pk}",
            title=format_lazy(_("New post in “{title}”"), title=thread.title),
            body=post.text[:500],
            **common,
        )
