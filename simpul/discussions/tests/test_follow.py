"""Following a thread: authors and repliers follow it by themselves, anyone who reads it may
follow or stop, and a new post reaches the followers (never one who stopped)."""

import pytest
from django.test import Client
from django.urls import reverse

from simpul.notifications.models import Notification

from .factories import make_post, make_thread

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def replies_to(user) -> int:
    return Notification.objects.filter(recipient=user, kind="reply").count()


def test_the_author_and_a_replier_follow_the_thread_and_hear_of_its_next_post(cast):
    thread = make_thread(cast, user=cast.wati)
    make_post(cast, thread, user=cast.yanto)
    make_post(cast, thread, user=cast.sari)

    assert replies_to(cast.wati) == 2
    assert replies_to(cast.yanto) == 1
    page = signed_in(cast.yanto).get(thread.get_absolute_url()).content.decode()
    assert 'aria-pressed="true">Following</button>' in page


def test_a_reader_who_follows_the_thread_hears_of_new_posts_until_they_stop(cast):
    thread = make_thread(cast, user=cast.wati)
    url = reverse("discussions:thread-follow", kwargs={"pk": thread.pk})
    gita = signed_in(cast.gita)  # oversight: reads, never writes

    assert (
        'aria-pressed="false">Follow</button>'
        in gita.get(thread.get_absolute_url()).content.decode()
    )
    assert gita.post(url).status_code == 302
    make_post(cast, thread, user=cast.yanto)
    assert replies_to(cast.gita) == 1

    gita.post(url, {"stop": "1"})
    make_post(cast, thread, user=cast.yanto)
    assert replies_to(cast.gita) == 1


def test_an_author_who_stopped_following_is_not_followed_again_by_posting(cast):
    thread = make_thread(cast, user=cast.wati)
    signed_in(cast.wati).post(
        reverse("discussions:thread-follow", kwargs={"pk": thread.pk}), {"stop": "1"}
    )
    make_post(cast, thread, user=cast.wati)
    make_post(cast, thread, user=cast.yanto)

    assert replies_to(cast.wati) == 0


def test_an_outsider_cannot_follow_a_thread_and_learns_nothing_of_it(cast):
    thread = make_thread(cast, user=cast.wati)

    response = signed_in(cast.budi).post(
        reverse("discussions:thread-follow", kwargs={"pk": thread.pk})
    )

    assert response.status_code == 404
    make_post(cast, thread, user=cast.yanto)
    assert replies_to(cast.budi) == 0
