"""Threads in the search index: found by exactly the people `access.threads_visible_to` lets
read them (an agreement's and a forum's alike), never by the public, never with a deleted
post's words."""

import pytest
from django.contrib.auth.models import AnonymousUser

from simpul.agreements.tests.factories import make_agreement
from simpul.discussions import services
from simpul.discussions.access import threads_visible_to
from simpul.search import index
from simpul.search.selectors import Filters, search, visible_ids

from .factories import make_forum_thread, make_post, make_thread

pytestmark = pytest.mark.django_db


def test_threads_in_the_index_follow_threads_visible_to(cast):
    make_thread(cast)
    make_forum_thread(cast, user=cast.lina)
    make_thread(
        cast,
        agreement=make_agreement(cast, family="ksdpk", parties=[cast.pemkot_semarang, cast.ngo]),
        user=cast.budi,
    )
    index.rebuild()
    for name, user in cast.people().items():
        reader = user or AnonymousUser()
        expected = set(threads_visible_to(reader).values_list("pk", flat=True))
        assert visible_ids(reader, "discussion") == expected, name


def test_a_thread_is_found_by_its_posts_words_until_the_post_is_deleted(cast):
    thread = make_thread(cast, title="Jadwal truk")
    post = make_post(cast, thread, user=cast.yanto, text="Kompos dari Piyungan siap diangkut")
    index.rebuild()
    found = search(cast.wati, "kompos", Filters())
    assert [hit.object_id for hit in found.hits] == [thread.pk]
    assert not search(None, "kompos", Filters()).hits
    services.post_delete(post=post, user=cast.yanto)
    index.rebuild()
    assert not search(cast.wati, "kompos", Filters()).hits
