from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.notifications.models import Notification, Preference
from simpul.testing.cast import sign_in

from .factories import make_notifications

LIST = reverse("notifications:notification-list")
COUNT = reverse("notifications:unread-count")
PREFERENCES = reverse("notifications:preferences")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_list_shows_a_persons_own_notifications_unread_first_grouped_by_agreement(client, cast):
    rows = make_notifications(cast.sari, 3)
    Notification.objects.filter(pk=rows[2].pk).update(read_at=rows[2].created_at)
    sign_in(client, cast.sari)
    page = client.get(LIST).content.decode()
    assert page.index("Kabar 1") < page.index("Kabar 2")  # unread before read
    assert "<h2>Kartamantul: sampah</h2>" in page and "<h2>SPAM Regional</h2>" in page
    assert "2 unread notifications" in page or "2 notifikasi belum dibaca" in page


def test_the_list_costs_the_same_queries_for_five_and_for_a_full_page(client, cast):
    sign_in(client, cast.sari)
    make_notifications(cast.sari, 5, actor=cast.wati)
    few = _queries(client, LIST)
    Notification.objects.bulk_create(
        Notification(
            recipient=cast.sari,
            kind="tests.sample",
            key=f"more:{i}",
            title=f"Lagi {i}",
            url="/",
            actor=[cast.wati, cast.yanto, cast.tono][i % 3],
            group_label=f"Kerja sama {i}",
            channel="app",
        )
        for i in range(40)
    )
    assert _queries(client, LIST) == few


def test_the_unread_count_is_one_query_and_never_cached(client, cast):
    make_notifications(cast.sari, 3)
    sign_in(client, cast.sari)
    client.get(LIST)  # the session is warm
    with CaptureQueriesContext(connection) as context:
        response = client.get(COUNT)
    counts = [
        q["sql"] for q in context.captured_queries if "notifications_notification" in q["sql"]
    ]
    assert len(counts) == 1 and "COUNT" in counts[0].upper()
    assert response.json() == {"unread": 3, "label": "3"}
    assert "no-store" in response["Cache-Control"]


def test_more_than_ninety_nine_unread_show_as_99_plus(client, cast):
    make_notifications(cast.sari, 101)
    sign_in(client, cast.sari)
    assert client.get(COUNT).json() == {"unread": 100, "label": "99+"}
    assert 'id="notification-badge"' in client.get(PREFERENCES).content.decode()


def test_a_visitor_gets_no_count(client, cast):
    assert client.get(COUNT).status_code == 403


def test_opening_a_notification_marks_it_read_and_leads_to_its_page(client, cast):
    row = make_notifications(cast.sari, 1)[0]
    sign_in(client, cast.sari)
    response = client.post(reverse("notifications:notification-read", args=[row.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == row.url
    row.refresh_from_db()
    assert row.read_at is not None
    assert client.get(COUNT).json()["unread"] == 0


def test_someone_elses_notification_is_not_found(client, cast):
    row = make_notifications(cast.sari, 1)[0]
    sign_in(client, cast.hadi)  # central oversight sees no one's notifications
    response = client.post(reverse("notifications:notification-read", args=[row.pk]))
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.read_at is None


def test_a_link_to_another_site_is_not_followed(client, cast):
    row = make_notifications(cast.sari, 1, url="https://evil.example/")[0]
    sign_in(client, cast.sari)
    response = client.post(reverse("notifications:notification-read", args=[row.pk]), {"open": "1"})
    assert response["Location"] == LIST


def test_mark_all_read_reads_only_ones_own(client, cast):
    make_notifications(cast.sari, 2)
    make_notifications(cast.wati, 1)
    sign_in(client, cast.sari)
    client.post(reverse("notifications:read-all"))
    assert not Notification.objects.filter(recipient=cast.sari, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=cast.wati, read_at__isnull=True).count() == 1


def test_a_person_chooses_a_channel_per_kind_and_the_digest_hour(client, cast, sample_kind):
    sign_in(client, cast.yanto)
    page = client.get(PREFERENCES).content.decode()
    assert "Sample notices" in page and "WIB" in page
    response = client.post(PREFERENCES, {"kind__tests__sample": "digest", "digest_hour": "18"})
    assert response.status_code == 302
    assert Preference.objects.get(user=cast.yanto, kind=sample_kind).channel == "digest"
    assert cast.yanto.digest_schedule.hour == 18


def test_a_bad_preferences_form_is_refused_without_saving(client, cast, sample_kind):
    sign_in(client, cast.yanto)
    response = client.post(PREFERENCES, {"kind__tests__sample": "sms", "digest_hour": "25"})
    assert response.status_code == 400
    assert not Preference.objects.filter(user=cast.yanto).exists()


def test_the_notification_settings_page_names_the_persons_zone(client, cast, sample_kind):
    from simpul.organizations.models import Organization
    from simpul.testing.cast import make_member, make_user

    papua = make_user("ani@sorongkab.go.id", "Ani Kambu")
    make_member(papua, Organization.objects.governments().get(region__code="96.01"), "viewer")
    client.force_login(papua)
    assert "(WIT)" in client.get(PREFERENCES).content.decode()
