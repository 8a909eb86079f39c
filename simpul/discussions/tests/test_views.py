"""The discussion pages: the agreement's tab, a thread page whose cost does not grow with
its posts, bad input answered with a clear message (HTML in titles, 1 MB posts, replies to a
deleted post), someone else's post refused, the mention autocomplete limited to readers,
two tabs editing one post merged, and the threads shown on a meeting's page."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from simpul.discussions import services
from simpul.discussions.models import Post, PostVersion
from simpul.meetings.tests.factories import make_meeting
from simpul.testing.merge import choices_asked, opened

from .factories import first_post, make_post, make_thread

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_agreements_discussions_tab_lists_its_threads(cast):
    thread = make_thread(cast, title="Jadwal truk", topic="operasional")
    response = signed_in(cast.yanto).get(
        reverse("discussions:agreement-threads", kwargs={"agreement_pk": thread.agreement_id})
    )
    assert response.status_code == 200
    assert "Jadwal truk" in response.content.decode()
    assert 'id="thread-new"' in response.content.decode()


def test_html_in_a_title_is_shown_as_text(cast):
    thread = make_thread(cast, title="<script>alert(1)</script> <b>Rapat</b>")
    page = signed_in(cast.wati).get(thread.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page and "<b>Rapat" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_1_mb_post_gets_a_clear_message_and_nothing_is_saved(cast):
    thread = make_thread(cast)
    response = signed_in(cast.yanto).post(
        reverse("discussions:post-create", kwargs={"pk": thread.pk}), {"text": "x" * 1_000_000}
    )
    assert response.status_code == 400
    assert "20.000" in response.content.decode() or "20,000" in response.content.decode()
    assert thread.posts.count() == 1


def test_a_body_over_the_request_limit_gets_the_too_large_page(cast, settings):
    settings.SIMPUL_MAX_UPLOAD_BYTES = 1024
    thread = make_thread(cast)
    response = signed_in(cast.yanto).post(
        reverse("discussions:post-create", kwargs={"pk": thread.pk}), {"text": "x" * 400_000}
    )
    assert response.status_code == 413
    assert thread.posts.count() == 1


def test_a_reply_to_a_deleted_post_is_refused_with_a_message(cast):
    thread = make_thread(cast)
    post = make_post(cast, thread, user=cast.yanto)
    services.post_delete(post=post, user=cast.yanto)
    response = signed_in(cast.wati).post(
        reverse("discussions:post-create", kwargs={"pk": thread.pk}),
        {"text": "Balasan", "reply_to": post.pk},
    )
    assert response.status_code == 400
    assert "dihapus" in response.content.decode() or "deleted" in response.content.decode()
    assert thread.posts.count() == 2


def test_a_deleted_post_shows_who_deleted_it_and_when(cast):
    thread = make_thread(cast)
    post = make_post(cast, thread, user=cast.yanto, text="Teks yang dihapus")
    services.post_delete(post=post, user=cast.yanto)
    page = signed_in(cast.wati).get(thread.get_absolute_url()).content.decode()
    assert "Teks yang dihapus" not in page
    tombstone = page.split(f'id="post-{post.number}"')[1].split("</li>")[0]
    assert "Yanto Susilo" in tombstone and "WIB" in tombstone


def test_editing_someone_elses_post_is_forbidden_and_changes_nothing(cast):
    post = first_post(make_thread(cast, user=cast.wati, text="Asli"))
    url = reverse("discussions:post-edit", kwargs={"pk": post.pk})
    client = signed_in(cast.yanto)
    assert client.get(url).status_code == 403
    assert client.post(url, {"text": "Diubah"}).status_code == 403
    assert signed_in(cast.budi).get(url).status_code == 404
    post.refresh_from_db()
    assert post.text == "Asli"


def test_an_edited_post_is_marked_and_the_mark_opens_its_history(cast):
    thread = make_thread(cast, text="Versi pertama")
    post = first_post(thread)
    services.post_edit(post=post, user=cast.wati, version=post.version, text="Versi kedua")
    page = signed_in(cast.yanto).get(thread.get_absolute_url()).content.decode()
    history_url = reverse("discussions:post-history", kwargs={"pk": post.pk})
    assert f'class="post-edited" href="{history_url}"' in page
    history = signed_in(cast.yanto).get(history_url).content.decode()
    assert "Versi pertama" in history and "Versi kedua" in history


def test_two_tabs_editing_one_post_ask_which_text_to_keep(cast):
    post = first_post(make_thread(cast, text="Awal"))
    url = reverse("discussions:post-edit", kwargs={"pk": post.pk})
    first, second = signed_in(cast.wati), signed_in(cast.wati)
    base_first, base_second = opened(first, url), opened(second, url)
    assert first.post(url, {"base": base_first, "text": "Dari tab satu"}).status_code == 302
    response = second.post(url, {"base": base_second, "text": "Dari tab dua"})
    assert response.status_code == 409
    assert choices_asked(response) == {"text"}
    post.refresh_from_db()
    assert post.text == "Dari tab satu"


def test_the_mention_autocomplete_offers_only_people_who_can_read_the_thread(cast):
    thread = make_thread(cast)
    url = reverse("discussions:mention-candidates", kwargs={"pk": thread.pk})
    client = signed_in(cast.wati)
    labels = [r["label"] for r in client.get(url, {"q": "Sa"}).json()["results"]]
    assert "Sari Wulandari" in labels
    assert "Budi Santoso" not in [
        r["label"] for r in client.get(url, {"q": "Budi"}).json()["results"]
    ]
    sleman = client.get(url, {"q": "Sleman"}).json()["results"]
    assert {"kind": "organization", "label": cast.pemkab_sleman.name} == {
        k: sleman[0][k] for k in ("kind", "label")
    }
    assert client.get(url, {"q": "<"}).json() == {"results": []}


def _add_posts(thread, author, count: int) -> None:
    """Rows straight into the tables: a page's cost, not the services', is measured here."""
    now = timezone.now()
    thread.refresh_from_db()
    start = thread.post_count + 1
    posts = Post.objects.bulk_create(
        Post(thread=thread, number=n, author=author, text=f"Pos {n}", html=f"<p>Pos {n}</p>")
        for n in range(start, start + count)
    )
    PostVersion.objects.bulk_create(
        PostVersion(post=p, number=1, text=p.text, html=p.html, author=author, created_at=now)
        for p in posts
    )
    type(thread).objects.filter(pk=thread.pk).update(post_count=start + count - 1)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_a_thread_page_costs_the_same_for_10_or_500_posts(cast):
    thread = make_thread(cast)
    client = signed_in(cast.yanto)
    _add_posts(thread, cast.wati, 9)
    ten = _queries(client, thread.get_absolute_url() + "?page=1")
    _add_posts(thread, cast.yanto, 490)
    assert _queries(client, thread.get_absolute_url() + "?page=1") == ten
    assert _queries(client, thread.get_absolute_url() + "?page=25") == ten


def test_a_meeting_page_shows_the_threads_about_it(cast):
    meeting = make_meeting(cast, agreement=make_thread(cast).agreement)
    thread = make_thread(
        cast, agreement=meeting.agreement, title="Bahan rapat", link={"meeting": meeting}
    )
    page = signed_in(cast.yanto).get(meeting.get_absolute_url()).content.decode()
    assert 'id="related-threads"' in page and thread.get_absolute_url() in page
