"""Bad input from the browser that the service tests do not cover: 200 mentions posted
through the thread page get a clear message and nothing is saved or sent; one name repeated
200 times is one mention, told once."""

import pytest
from django.test import Client
from django.urls import reverse

from simpul.notifications.models import Notification

from .factories import make_thread

pytestmark = pytest.mark.django_db


def post_as(user, thread, text: str):
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client.post(reverse("discussions:post-create", kwargs={"pk": thread.pk}), {"text": text})


def test_200_mentions_posted_from_the_page_are_refused_with_the_limit_and_nobody_is_told(cast):
    thread = make_thread(cast)
    before = Notification.objects.count()

    response = post_as(cast.yanto, thread, " ".join(f"@[Orang {n}]" for n in range(200)))

    assert response.status_code == 400
    page = response.content.decode()
    assert "at most 20" in page and "mentions 200" in page
    assert thread.posts.count() == 1
    assert Notification.objects.count() == before


def test_one_person_mentioned_200_times_is_told_once(cast):
    thread = make_thread(cast)

    response = post_as(cast.yanto, thread, " ".join([f"@[{cast.sari.full_name}]"] * 200))

    assert response.status_code == 302
    assert Notification.objects.filter(recipient=cast.sari, kind="mention").count() == 1
