from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

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
    assert DATA_ATTRIBUTION in content
