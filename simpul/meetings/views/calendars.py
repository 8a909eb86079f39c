"""Personal calendar feeds and the forum pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import condition, require_GET

from .. import access, ics, selectors, services


@login_required
def feed_settings(request):
    """The person's secret feed address: shown, started or revoked (then a new one)."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.feed_revoke(user=request.user)
            messages.success(request, _("The old address no longer works."))
        else:
            services.feed_start(user=request.user)
        return redirect("meetings:feed-settings")
    feed = request.user.calendar_feeds.filter(revoked_at__isnull=True).first()
    url = (
        request.build_absolute_uri(reverse("meetings:feed", kwargs={"token": feed.token}))
        if feed
        else ""
    )
    return render(request, "meetings/feed_settings.html", {"feed": feed, "feed_url": url})


# A feed unchanged since it was last written is served from the cache for this long (calendar
# programs poll every few minutes to hours; writing 2,000 events takes seconds).
FEED_CACHE_SECONDS = 3600


def _feed_etag(request, token: str) -> str | None:
    found = services.feed_for_token(token)
    if found is None:
        return None
    fingerprint = selectors.feed_fingerprint(found.user)
    request.simpul_feed = (found, f"{found.pk}-{get_language()}-{fingerprint}")
    return request.simpul_feed[1]


@never_cache
@require_GET
@condition(etag_func=_feed_etag)
def feed(request, token: str):
    """The personal iCal feed: no session (calendar programs have none), the token is the key.
    Its entity tag is the feed's fingerprint: a calendar program that sends it back gets 304
    Not Modified, and an unchanged feed comes from the cache instead of being written again."""
    if not hasattr(request, "simpul_feed"):
        raise Http404
    found, etag = request.simpul_feed
    key = f"meetings-feed:{etag}"
    body = cache.get(key)
    if body is None:
        body = ics.feed_ics(list(selectors.feed_meetings(found.user)), name=_("Simpul meetings"))
        cache.set(key, body, FEED_CACHE_SECONDS)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="rapat.ics"'
    return response


@login_required
@require_GET
def forum_list(request):
    forums = selectors.forums_for_list(access.forums_visible_to(request.user)).order_by("name")
    page = Paginator(forums, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/forum_list.html",
        {"page": page, "can_create": access.forum_can_create(request.user)},
    )


@login_required
@require_GET
def forum_detail(request, slug: str):
    forum = access.forum_get_for_user(request.user, slug)
    meetings = selectors.upcoming(selectors.meetings_for_list(request.user, forum=forum)).order_by(
        "starts_at", "pk"
    )[:10]
    return render(
        request,
        "meetings/forum_detail.html",
        {
            "forum": forum,
            "members": selectors.forum_members(forum),
            "meetings": meetings,
            "can_manage": access.forum_can_manage(request.user, forum),
            "can_edit": access.forum_can_edit(request.user, forum),
        },
    )
