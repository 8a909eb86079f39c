from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from simpul.core.context_processors import DATA_ATTRIBUTION
from simpul.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def heartbeat(age_seconds: float) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id=f"w{age_seconds}", started_at=now, last_seen=now - timedelta(seconds=age_seconds)
    )


def test_healthz_without_a_worker_is_degraded(client):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "degraded"
    assert body["database"]["ok"] is True
    assert body["worker"] == {"ok": False, "last_seen": None}


def test_healthz_with_a_fresh_heartbeat_is_ok(client, settings):
    settings.SIMPUL_WORKER_STALE_SECONDS = 30
    heartbeat(age_seconds=100)
    heartbeat(age_seconds=2)
    body = client.get(reverse("core:healthz")).json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True, "engine": body["database"]["engine"]}
    assert body["worker"]["ok"] is True


def test_healthz_with_only_a_stale_heartbeat_is_degraded(client, settings):
    settings.SIMPUL_WORKER_STALE_SECONDS = 30
    heartbeat(age_seconds=31)
    body = client.get(reverse("core:healthz")).json()
    assert body["status"] == "degraded"
    assert body["worker"]["ok"] is False
    assert body["worker"]["last_seen"] is not None


def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    from simpul.core import views

    class Broken:
        vendor = "broken"

        def cursor(self):
            raise OSError("down")

    monkeypatch.setattr(views, "connection", Broken())
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["database"] == {"ok": False, "error": "OSError"}


def test_about_page_names_the_licences_and_the_attribution(client):
    response = client.get(reverse("core:about"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "core/about.html" in [t.name for t in response.templates]
    content = response.content.decode()
    assert "AGPL-3.0-or-later" in content
    assert "ODbL" in content
    assert "Cahya DSN" in content
    assert "Badan Informasi Geospasial" in content
    assert "Dukcapil" in content
    with translation.override("en"):
        assert str(DATA_ATTRIBUTION) in content
    assert "Boundaries: Badan Informasi Geospasial" in content


def test_the_data_attribution_reads_in_indonesian_for_indonesian_visitors(client):
    content = client.get(reverse("core:about"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Batas wilayah: Badan Informasi Geospasial" in content
    assert "Boundaries:" not in content


def test_favicon_ico_is_served_as_an_icon_browsers_can_cache(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO signature
    assert "max-age" in response["Cache-Control"]


def test_every_page_links_the_svg_icon(client):
    content = client.get(reverse("core:about")).content.decode()
    assert 'rel="icon"' in content
    assert "favicon.svg" in content


def test_the_production_404_page_keeps_the_views_own_message(client, settings):
    settings.DEBUG = False
    response = client.get("/wilayah/99.99/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    content = response.content.decode()
    assert "There is no region with the code “99.99”." in content
    assert "Page not found" in content


def test_a_plain_404_never_shows_an_exception_name_or_an_english_model_message(
    client, settings, cast
):
    settings.DEBUG = False
    client.force_login(cast.sari)
    response = client.get("/kerja-sama/999999999/", HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Http404" not in content
    assert "matches the given query" not in content
    assert 'id="not-found-reason"' not in content
