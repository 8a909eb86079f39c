"""Writes of discussions.

    thread_create(*, user, agreement=None, forum=None, title, topic="", link=None, text, …)
    post_create(*, thread, user, text, kind="post", reply_to=None, quote=False,
                question_to=None, attachment=None) -> Post
    post_edit(*, post, user, version, text) -> Post          (claimed: merged edits, 409)
    post_delete(*, post, user) -> Post                       (a tombstone, audited)
    resolve_mentions(thread, text) -> Mentions               (refuses what cannot be named)

Every text a post has is rendered once (`markup.render`) and kept with an immutable
PostVersion. Mentions and questions start the response-time clock (`Question`); the first
later post by a member of the asked organisation stops it. Notifications go through
`notifying.py`, the one module that talks to the notification centre, in the same transaction.
"""

from dataclasses import dataclass, field
from typing import IO, Any

from django.core.files import File
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.agreements.models import Agreement
from simpul.core.claims import claim_instance
from simpul.core.errors import InvalidInput, NotAllowed
from simpul.core.uploads import safe_display_name, validate_upload
from simpul.meetings.models import Forum
from simpul.organizations.access import memberships_of
from simpul.organizations.models import Membership, Organization

from . import access, markup, notifying
from .models import MENTIONS_MAX, TEXT_MAX, Post, PostVersion, Question, Thread
from .public import public_progress_update_changed


class PostRefused(InvalidInput):
    """A post that cannot be saved as written (the person fixes it)."""


@dataclass
class Mentions:
    users: list[User] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)


# --- Text -----------------------------------------------------------------------------------


def _check_text(text: str) -> str:
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise PostRefused({"text": _("Write something first.")})
    if len(text) > TEXT_MAX:
        raise PostRefused(
            {
                "text": _(
                    "A post may have at most %(limit)s characters; this one has %(count)s. "
                    "Split it, or attach the long text as a document."
                )
                % {"limit": f"{TEXT_MAX:,}", "count": f"{len(text):,}"}
            }
        )
    return text


def resolve_mentions(thread: Thread, text: str) -> Mentions:
    """The people and organisations `text` mentions. Refuses, naming them, mentions of people
    who cannot read the thread, of organisations that take no part in it and of names nobody
    has, and more than MENTIONS_MAX mentions: never a silent leak or a silent drop."""
    names = markup.mentions_in(text)
    if len(names) > MENTIONS_MAX:
        raise PostRefused(
            {
                "text": _(
                    "A post may mention at most %(limit)d people or organisations; "
                    "this one mentions %(count)d."
                )
                % {"limit": MENTIONS_MAX, "count": len(names)}
            }
        )
    if not names:
        return Mentions()
    participants = access.participant_ids(agreement=thread.agreement, forum=thread.forum)
    folded = {name.casefold() for name in names}
    organizations = {
        key.casefold(): org
        for org in Organization.objects.filter(pk__in=participants)
        for key in (org.name, org.acronym)
        if key and key.casefold() in folded
    }
    people_by_name: dict[str, list[User]] = {}
    person_query = Q()
    for name in names:
        if name.casefold() not in organizations:
            person_query |= Q(full_name__iexact=name) | Q(email__iexact=name)
    if person_query:
        for person in User.objects.filter(person_query, is_active=True):
            for key in {person.full_name.casefold(), person.email.casefold()}:
                if key in folded:
                    people_by_name.setdefault(key, []).append(person)
    result = Mentions()
    unknown: list[str] = []
    ambiguous: list[str] = []
    cannot_see: list[str] = []
    for name in names:
        key = name.casefold()
        if key in organizations:
            if organizations[key] not in result.organizations:
                result.organizations.append(organizations[key])
            continue
        found = people_by_name.get(key, [])
        if not found:
            unknown.append(name)
        elif len(found) > 1:
            ambiguous.append(name)
        elif not access.thread_can_view(found[0], thread):
            cannot_see.append(name)
        elif found[0] not in result.users:
            result.users.append(found[0])
    errors = []
    if cannot_see:
        errors.append(
            _("These people cannot see this thread, so they were not mentioned: %(names)s.")
            % {"names": ", ".join(cannot_see)}
        )
    if unknown:
        errors.append(
            _(
                "Nobody taking part here is called %(names)s. Mention a person by name or "
                "e-mail, or an organisation of this cooperation."
            )
            % {"names": ", ".join(unknown)}
        )
    if ambiguous:
        errors.append(
            _("Several people are called %(names)s: mention them by e-mail address.")
            % {"names": ", ".join(ambiguous)}
        )
    if errors:
        raise PostRefused({"text": errors})
    return result


def _organization_members(organizations: list[Organization], thread: Thread) -> list[User]:
    """Everyone with a role in the mentioned organisations who reads the thread."""
    if not organizations:
        return []
    people = User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.filter(organization__in=organizations).values("user_id"),
    ).distinct()
    return [person for person in people if access.thread_can_view(person, thread)]


# --- Threads --------------------------------------------------------------------------------


@transaction.atomic
def thread_create(
    *,
    user: User,
    title: str,
    text: str,
    agreement: Agreement | None = None,
    forum: Forum | None = None,
    topic: str = "",
    link: dict[str, Any] | None = None,
    kind: str = Post.Kind.POST,
    question_to: Organization | None = None,
    attachment: IO[bytes] | None = None,
) -> Thread:
    if not access.place_can_write(user, agreement=agreement, forum=forum):
        raise NotAllowed(_("You cannot start a thread here."))
    title = " ".join(title.split())
    if not title:
        raise PostRefused({"title": _("Give the thread a title.")})
    thread = Thread(
        agreement=agreement,
        forum=forum,
        title=title,
        topic=" ".join(topic.split()),
        created_by=user,
        last_post_at=timezone.now(),
        **(link or {}),
    )
    thread.full_clean()
    _check_link(thread)
    thread.save()
    post_create(
        thread=thread,
        user=user,
        text=text,
        kind=kind,
        question_to=question_to,
        attachment=attachment,
    )
    return thread


def _check_link(thread: Thread) -> None:
    """What a thread is about must belong to its agreement (or to a forum's meeting)."""
    agreement_id = thread.agreement_id
    if thread.stage and agreement_id is None:
        raise PostRefused({"stage": _("Only an agreement's thread is about one of its stages.")})
    indicator, warning, meeting, action = (
        thread.indicator,
        thread.warning,
        thread.meeting,
        thread.action_item,
    )
    if indicator is not None and indicator.agreement_id != agreement_id:
        raise PostRefused({"indicator": _("The indicator belongs to another agreement.")})
    if warning is not None and warning.agreement_id != agreement_id:
        raise PostRefused({"warning": _("The warning belongs to another agreement.")})
    if meeting is not None and (
        meeting.agreement_id != agreement_id or meeting.forum_id != thread.forum_id
    ):
        raise PostRefused({"meeting": _("The meeting belongs elsewhere.")})
    if action is not None:
        held_at = action.agenda_item.meeting
        if held_at.agreement_id != agreement_id or held_at.forum_id != thread.forum_id:
            raise PostRefused({"action_item": _("The action item belongs elsewhere.")})


# --- Posts ----------------------------------------------------------------------------------


@transaction.atomic
def post_create(
    *,
    thread: Thread,
    user: User,
    text: str,
    kind: str = Post.Kind.POST,
    reply_to: Post | None = None,
    quote: bool = False,
    question_to: Organization | None = None,
    attachment: IO[bytes] | None = None,
) -> Post:
    if not access.thread_can_write(user, thread):
        raise NotAllowed(_("You cannot post in this thread."))
    if kind not in Post.Kind.values:
        raise PostRefused({"kind": _("Choose a kind of post.")})
    if kind != Post.Kind.POST and not access.thread_can_announce(user, thread):
        raise PostRefused(
            {"kind": _("Only admins, coordinators and editors post announcements and updates.")}
        )
    if kind == Post.Kind.PROGRESS_UPDATE and thread.agreement_id is None:
        raise PostRefused({"kind": _("Progress updates belong to an agreement's threads.")})
    if reply_to is not None:
        if reply_to.thread_id != thread.pk:
            raise PostRefused({"text": _("That post is in another thread.")})
        if reply_to.is_deleted:
            raise PostRefused(
                {"text": _("That post was deleted; you cannot reply to it. Reply to the thread.")}
            )
        if quote:
            author = reply_to.author.full_name if reply_to.author else ""
            text = markup.quote(reply_to.text, author) + text
    text = _check_text(text)
    mentions = resolve_mentions(thread, text)
    participants = access.participant_ids(agreement=thread.agreement, forum=thread.forum)
    if question_to is not None and question_to.pk not in participants:
        raise PostRefused(
            {"question_to": _("Ask an organisation that takes part in this cooperation.")}
        )
    stored_name = ""
    if attachment is not None:
        validate_upload(attachment)
        stored_name = safe_display_name(getattr(attachment, "name", "") or "")
    now = timezone.now()
    # The thread row is the counter: one UPDATE numbers the post and moves the thread up.
    Thread.objects.filter(pk=thread.pk).update(post_count=F("post_count") + 1, last_post_at=now)
    thread.refresh_from_db(fields=["post_count", "last_post_at"])
    post = Post(
        thread=thread,
        number=thread.post_count,
        kind=kind,
        author=user,
        reply_to=reply_to,
        text=text,
        html=markup.render(text),
        is_pinned=kind == Post.Kind.ANNOUNCEMENT,
        attachment_name=stored_name,
    )
    if attachment is not None:
        post.attachment.save(stored_name or "lampiran", File(attachment), save=False)
    post.save()
    PostVersion.objects.create(
        post=post, number=1, text=post.text, html=post.html, author=user, created_at=now
    )
    post.mentioned_users.set(mentions.users)
    post.mentioned_organizations.set(mentions.organizations)
    public_progress_update_changed(post)
    _stop_clocks(post, user)
    asked = {org.pk: org for org in mentions.organizations}
    if question_to is not None:
        asked[question_to.pk] = question_to
    own = {m.organization_id for m in memberships_of(user)}
    for organization in asked.values():
        if organization.pk not in own:
            Question.objects.create(
                thread=thread, post=post, organization=organization, asked_at=now
            )
    # In the post's transaction: the notifications and their mail commit with it or not at all.
    notifying.post_created(
        post,
        mentioned=mentions.users,
        organization_members=_organization_members(mentions.organizations, thread),
        asked=[o for o in asked.values() if o.pk not in own],
    )
    return post


def _stop_clocks(post: Post, user: User) -> int:
    """The first later post by a member of an asked organisation answers its questions."""
    own = [m.organization_id for m in memberships_of(user)]
    if not own:
        return 0
    return Question.objects.filter(
        thread_id=post.thread_id,
        organization_id__in=own,
        answered_at__isnull=True,
        asked_at__lte=post.created_at,
    ).update(answered_at=post.created_at, answer=post)


@transaction.atomic
def post_edit(*, post: Post, user: User, version: int, text: str) -> Post:
    """A new text for the author's own post, claimed at the version the form showed (two
    tabs editing it merge, simpul.core.merge); the old text stays as a PostVersion."""
    if not access.post_can_edit(user, post):
        raise NotAllowed(_("You cannot edit this post."))
    text = _check_text(text)
    mentions = resolve_mentions(post.thread, text)
    already = set(post.mentioned_users.values_list("pk", flat=True))
    claim_instance(post, version=version, by=user)
    now = timezone.now()
    post.text = text
    post.html = markup.render(text)
    post.edited_at = now
    post.save()
    number = post.versions.count() + 1
    PostVersion.objects.create(
        post=post, number=number, text=text, html=post.html, author=user, created_at=now
    )
    post.mentioned_users.set(mentions.users)
    post.mentioned_organizations.set(mentions.organizations)
    public_progress_update_changed(post)
    newly = [person for person in mentions.users if person.pk not in already]
    if newly:
        notifying.post_created(post, mentioned=newly, organization_members=[], asked=[])
    return post


@transaction.atomic
def post_delete(*, post: Post, user: User) -> Post:
    """Leaves a tombstone ("deleted by X at …"): the row stays, its text and file go. The
    audit log keeps the change (the post is an audited model, saved normally)."""
    if not access.post_can_delete(user, post):
        raise NotAllowed(_("You cannot delete this post."))
    claim_instance(post, version=post.version, by=user)
    post.deleted_at = timezone.now()
    post.deleted_by = user
    post.text = ""
    post.html = ""
    post.is_pinned = False
    if post.attachment:
        post.attachment.delete(save=False)
    post.attachment_name = ""
    post.save()
    public_progress_update_changed(post)
    return post


def open_questions(thread: Thread) -> QuerySet[Question]:
    return Question.objects.filter(thread=thread, answered_at__isnull=True)
