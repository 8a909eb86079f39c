"""Whole-page caching of public pages for anonymous visitors, cleared by one call.

Public pages (portal, region pages, ranking) are the same for every anonymous visitor in a
language, so they are kept for PUBLIC_CACHE_SECONDS. Anything that changes what the public
may see (publishing, unpublishing, an approved comment, a published answer, an approved plan,
a finished report) calls `bump()`: the generation number in every key changes, and all cached
public pages are stale at once, in every worker process. Signed-in people are never served
from or stored into this cache.

Why the generation lives in the database (core.PublicGeneration), not in the cache: a number
kept in the cache can be lost — its key expires (Django's generic `incr` stores it again with
the default 300 s timeout) or is culled when the cache is full — and counting again from 1
would reuse numbers under which pages are still cached (the map is kept 24 h), so pages
unpublished since would be served again. The row is only ever increased, and never below the
clock in microseconds, so even a row created anew (after a flush or a restore) starts above
every number handed out before. `bump()` updates it inside the caller's transaction: the new
number becomes visible exactly when the change does, and a rolled-back change bumps nothing.
Readers take the number before they read any data, so a page stored under a number is never
older than the change that produced it. Cost: one primary-key read per public request.
"""

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import BigIntegerField, F, Value
from django.db.models.functions import Greatest
from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils.translation import get_language

from .models import PublicGeneration

ROW = 1


def _clock() -> int:
    return time.time_ns() // 1000


def _ensure_row() -> None:
    PublicGeneration.objects.bulk_create(
        [PublicGeneration(pk=ROW, value=_clock())], ignore_conflicts=True
    )


def generation() -> int:
    """The current generation (read it before reading the data a cached page shows)."""
    value = PublicGeneration.objects.filter(pk=ROW).values_list("value", flat=True).first()
    if value is None:
        _ensure_row()
        value = PublicGeneration.objects.filter(pk=ROW).values_list("value", flat=True).first()
    return int(value or 0)


def bump() -> None:
    """Make every cached public page stale (call after any change to public information)."""
    if not PublicGeneration.objects.filter(pk=ROW).update(
        value=Greatest(F("value") + 1, Value(_clock(), output_field=BigIntegerField()))
    ):
        _ensure_row()
        PublicGeneration.objects.filter(pk=ROW).update(value=F("value") + 1)


def _key(request: HttpRequest) -> str:
    return f"public-page:{generation()}:{get_language()}:{request.get_full_path()}"


def public_page(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Serve anonymous GETs from the cache; store successful anonymous responses."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        cacheable = request.method in ("GET", "HEAD") and not request.user.is_authenticated
        if not cacheable:
            return view(request, *args, **kwargs)
        key = _key(request)
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Public-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
            cache.set(
                key,
                (response.content, response["Content-Type"]),
                settings.PUBLIC_CACHE_SECONDS,
            )
            response["X-Public-Cache"] = "miss"
        return response

    return wrapper
