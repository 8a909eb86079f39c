"""Discussion threads in the search index (simpul.search): one document per thread, its title,
topic and the text of its posts (deleted posts leave nothing).

Readers are exactly those of `access.threads_visible_to`: an agreement's thread is read by the
agreement's readers (`agreements.search.readers_of`), a forum's by the forum's secretariat and
members and the overseers of their regions (`meetings.access.forums_visible_to`). Threads are
internal: never public in the index (a published progress update shows on the portal's
agreement page, not in the search).
"""

from collections.abc import Iterable, Sequence

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement
from simpul.agreements.search import readers_of, region_ids_of, with_readers
from simpul.meetings.models import ForumMember
from simpul.search.registry import Entry, Readers, register_kind

from .models import Post, Thread


def _forum_readers(thread: Thread) -> Readers:
    forum = thread.forum
    assert forum is not None
    organizations = {forum.secretariat_id}
    regions = {forum.secretariat.region_id} if forum.secretariat.region_id else set()
    for seat in forum.memberships.all():
        organizations.add(seat.organization_id)
        if seat.organization.region_id:
            regions.add(seat.organization.region_id)
    return Readers(organization_ids=organizations, region_ids=regions)


def build_entries(ids: Sequence[int]) -> Iterable[Entry]:
    threads = (
        Thread.objects.filter(pk__in=ids)
        .select_related("forum__secretariat")
        .prefetch_related(
            Prefetch("agreement", queryset=with_readers(Agreement.objects.all())),
            Prefetch(
                "forum__memberships",
                queryset=ForumMember.objects.select_related("organization").only(
                    "forum_id", "organization_id", "organization__region_id"
                ),
            ),
            Prefetch(
                "posts",
                queryset=Post.objects.filter(deleted_at__isnull=True)
                .only("thread_id", "number", "text")
                .order_by("number"),
            ),
        )
    )
    for thread in threads:
        if thread.agreement is not None:
            readers = readers_of(thread.agreement)
            regions = region_ids_of(thread.agreement)
        else:
            readers = _forum_readers(thread)
            regions = set(readers.region_ids)
        yield Entry(
            object_id=thread.pk,
            title=thread.title,
            text="\n".join([thread.topic, *(post.text for post in thread.posts.all())]),
            url=thread.get_absolute_url(),
            readers=readers,
            year=thread.created_at.year,
            region_ids=regions,
        )


def register() -> None:
    register_kind(
        "discussion",
        _("Discussion"),
        build=build_entries,
        all_ids=lambda: Thread.objects.order_by("pk").values_list("pk", flat=True).iterator(),
        watches={Thread: lambda t: [t.pk], Post: lambda p: [p.thread_id]},
    )
