from datetime import timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from .errors import PageNotFound
from .models import WorkerHeartbeat


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and people: the database answers, a worker is alive."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database: dict[str, object] = {"ok": True, "engine": connection.vendor}
    except Exception as exc:  # any failure here means "not healthy", never a 500
        database = {"ok": False, "error": exc.__class__.__name__}
    worker: dict[str, object] = {"ok": False, "last_seen": None}
    if database["ok"]:
        stale_after = timedelta(seconds=settings.SIMPUL_WORKER_STALE_SECONDS)
        last = (
            WorkerHeartbeat.objects.order_by("-last_seen")
            .values_list("last_seen", flat=True)
            .first()
        )
        if last is not None:
            worker = {"ok": timezone.now() - last < stale_after, "last_seen": last.isoformat()}
    status = "ok" if database["ok"] and worker["ok"] else "degraded"
    return JsonResponse(
        {"status": status, "database": database, "worker": worker},
        status=200 if database["ok"] else 503,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


@cache
def _favicon() -> bytes:
    return (Path(settings.BASE_DIR) / "static" / "favicon.ico").read_bytes()


@require_safe
@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers and feed readers ask for whatever the page links."""
    return HttpResponse(_favicon(), content_type="image/vnd.microsoft.icon")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The production 404 page (handler404), with the view's own message when it wrote one
    for people (PageNotFound); other 404s say only that the page does not exist."""
    message = str(exception) if isinstance(exception, PageNotFound) else ""
    return render(request, "404.html", {"message": message}, status=404)
