"""The notification centre under /notifikasi/: a person's own list, marking read, the unread
count for the header's badge (JSON), preferences, and the one-click unsubscribe link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simpul.accounts.models import User
from simpul.core import zones

from . import access, forms, registry, selectors, services, unsubscribe
from .models import Channel, Preference

PAGE_SIZE = 30


def _person(request: HttpRequest) -> User:
    if not request.user.is_authenticated:
        raise Http404
    return request.user


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    order = "newest" if request.GET.get("order") == "newest" else "unread"
    page = Paginator(selectors.notifications_for(user, order=order), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "order": order, "unread": selectors.unread_count(user)},
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one read; with `open`, go on to what it is about."""
    row = services.notification_mark_read(row=access.notification_get_for_user(request.user, pk))
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        row.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(row.url)
    return redirect("notifications:notification-list")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=_person(request))
    if count:
        messages.success(request, _("All notifications are marked read."))
    return redirect("notifications:notification-list")


@never_cache
@require_GET
def unread_count(request: HttpRequest) -> JsonResponse:
    """The header badge's number, polled by notifications/badge.js; one indexed COUNT."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "sign in"}, status=403)
    count = selectors.unread_count(request.user)
    response = JsonResponse({"unread": count, "label": selectors.count_label(count)})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    rows = selectors.preferences_for(user)
    hour = selectors.digest_hour(user)
    form = forms.PreferencesForm(request.POST or None, rows=rows, initial={"digest_hour": hour})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            for kind, channel in form.chosen().items():
                services.preference_set(user=user, kind=kind, channel=channel)
            if form.cleaned_data["digest_hour"] != hour:
                services.digest_hour_set(user=user, hour=form.cleaned_data["digest_hour"])
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:preferences")
        status = 400
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "zone_label": zones.label(selectors.user_zone(user))},
        status=status,
    )


@csrf_exempt  # RFC 8058: the mail client POSTs without a session; the signed token suffices
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    """GET: a page with a confirm button. POST (ours, or the mail client's one-click): the
    kind is off for that person. A tampered link gets a 400 page that says so."""
    try:
        user_pk, kind = unsubscribe.read_token(token)
        spec = registry.kind(kind)
        person = User.objects.get(pk=user_pk)
    except (signing.BadSignature, LookupError, User.DoesNotExist):
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    already_off = Preference.objects.filter(user=person, kind=kind, channel=Channel.OFF).exists()
    done = False
    if request.method == "POST" and not already_off:
        services.preference_set(user=person, kind=kind, channel=Channel.OFF)
        done = True
    return render(
        request,
        "notifications/unsubscribe.html",
        {"kind": spec, "already_off": already_off, "done": done, "token": token},
    )


app_name = "notifications"
urlpatterns = [
    path("", notification_list, name="notification-list"),
    path("<int:pk>/baca/", notification_read, name="notification-read"),
    path("baca-semua/", notifications_read_all, name="read-all"),
    path("jumlah.json", unread_count, name="unread-count"),
    path("pengaturan/", preferences, name="preferences"),
    path("berhenti/<str:token>/", unsubscribe_view, name="unsubscribe"),
]
