"""Whole-page caching of public pages for anonymous visitors, cleared by one call.

Public pages (portal, region pages, ranking) are the same for every anonymous visitor in a
language, so they are kept for PUBLIC_CACHE_SECONDS. Anything that changes what the public
may see (publishing, unpublishing, an approved comment, a published answer) calls `bump()`:
the generation number in every key changes, and all cached public pages are stale at once,
in every worker process (the cache is shared, see settings.CACHES). Signed-in people are
never served from or stored into this cache.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils.translation import get_language

GENERATION_KEY = "public-cache:generation"


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY) or 1
    return int(value)


def bump() -> None:
    """Make every cached public page stale (call after any change to public information)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


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
