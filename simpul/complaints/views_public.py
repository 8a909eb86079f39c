"""The public side of complaints, under /pengaduan/: the two-step intake form, the e-mail
confirmation, tracking by code + access key, and the list and pages of answered complaints.

Nothing here reveals whether a tracking code exists: a wrong code, a wrong key or a guessed
code without key all give the same "not found". Forms are never cached; the list and the
answered pages are (simpul.core.public_cache), and publishing an answer bumps the cache.
"""

import hmac

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from simpul.core.abuse import client_fingerprint, over_limit, token_hash
from simpul.core.public_cache import public_page
from simpul.publication.selectors import public_agreements
from simpul.regions.models import Region

from . import selectors, services
from .forms import ComplaintForm, IntakeStartForm, TrackForm
from .models import Complaint, TrackingAttempt

TRACK_LIMIT_PER_HOUR = 20
SESSION_KEY = "complaints_tracked"
SESSION_MAX = 20
PAGE_SIZE = 25


def _lapor() -> str:
    return services.LAPOR_URL


@require_http_methods(["GET", "HEAD", "POST"])
def complaint_new(request):
    fingerprint = client_fingerprint(request)
    similar = []
    step = 1
    if request.method == "POST":
        step = 2
        form = ComplaintForm(request.POST, request.FILES)
        if over_limit(Complaint.objects.all(), fingerprint):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Too many complaints were sent from your connection in the last hour. "
                    "Please try again later."
                ),
            )
            return render(request, "complaints/public/new.html", _ctx(form, step), status=429)
        if form.is_valid():
            complaint, access_key = services.complaint_submit(
                data=form.cleaned_data,
                photo=form.cleaned_data.get("photo"),
                fingerprint=fingerprint,
            )
            _remember(request, complaint.tracking_code)
            return render(
                request,
                "complaints/public/sent.html",
                {"complaint": complaint, "access_key": access_key, "lapor_url": _lapor()},
            )
    elif "title" in request.GET:
        start = IntakeStartForm(request.GET)
        if start.is_valid():
            step = 2
            data = start.cleaned_data
            similar = selectors.similar_complaints(
                subject=data["title"], agreement=data.get("agreement"), region=data.get("region")
            )
            initial = {k: v for k, v in request.GET.items() if k in start.fields}
            form = ComplaintForm(initial=initial)
        else:
            form = start
    else:
        initial = {}
        if request.GET.get("kerja_sama"):
            initial["agreement_code"] = request.GET["kerja_sama"][:40]
        form = IntakeStartForm(initial=initial)
    return render(request, "complaints/public/new.html", _ctx(form, step, similar))


def _remember(request, code: str) -> None:
    """The key is never put in a URL: the session remembers that this browser gave it (or
    sent the complaint, or opened its confirmation link from the e-mail)."""
    tracked = [c for c in request.session.get(SESSION_KEY, []) if c != code]
    request.session[SESSION_KEY] = [code, *tracked][:SESSION_MAX]


def _ctx(form, step, similar=()):
    return {"form": form, "step": step, "similar": similar, "lapor_url": _lapor()}


@require_http_methods(["GET", "HEAD", "POST"])
def complaint_confirm(request, token: str):
    """GET shows a button (mail scanners that open links confirm nothing); POST confirms."""
    if request.method == "POST":
        complaint = services.complaint_confirm(token)
        if complaint is not None:
            _remember(request, complaint.tracking_code)
        return render(
            request,
            "complaints/public/confirmed.html",
            {"complaint": complaint, "lapor_url": _lapor()},
            status=200 if complaint else 404,
        )
    valid = Complaint.objects.filter(
        confirm_token_hash=token_hash(token), status=Complaint.Status.UNCONFIRMED
    ).exists()
    return render(
        request,
        "complaints/public/confirm.html",
        {"valid": valid},
        status=200 if valid else 404,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def complaint_track(request):
    if request.method != "POST":
        return render(request, "complaints/public/track.html", {"form": TrackForm()})
    form = TrackForm(request.POST)
    fingerprint = client_fingerprint(request)
    if over_limit(TrackingAttempt.objects.all(), fingerprint, limit=TRACK_LIMIT_PER_HOUR):
        form.is_valid()
        form.add_error(None, _("Too many look-ups from your connection. Try again in an hour."))
        return render(request, "complaints/public/track.html", {"form": form}, status=429)
    if not form.is_valid():
        return render(request, "complaints/public/track.html", {"form": form})
    TrackingAttempt.objects.create(ip_hash=fingerprint)
    code = form.cleaned_data["tracking_code"].strip().upper()
    key = form.cleaned_data["access_key"].strip()
    complaint = (
        Complaint.objects.exclude(status=Complaint.Status.UNCONFIRMED)
        .select_related("category", "agreement", "region", "responsible")
        .filter(tracking_code=code)
        .first()
    )
    if complaint is None or not hmac.compare_digest(complaint.access_key_hash, token_hash(key)):
        form.add_error(
            None,
            _(
                "No complaint matches this tracking code and access key. Check both; "
                "an unconfirmed complaint appears only after its e-mail is confirmed."
            ),
        )
        return render(request, "complaints/public/track.html", {"form": form}, status=404)
    _remember(request, complaint.tracking_code)
    return redirect("complaints_public:track-status", code=complaint.tracking_code)


@require_GET
def complaint_track_status(request, code: str):
    """The complainant's own view (text included), for a browser that gave the key."""
    code = code.strip().upper()
    if code not in request.session.get(SESSION_KEY, []):
        return redirect("complaints_public:track")
    complaint = (
        Complaint.objects.exclude(status=Complaint.Status.UNCONFIRMED)
        .select_related("category", "agreement", "region", "responsible")
        .filter(tracking_code=code)
        .first()
    )
    if complaint is None:
        return redirect("complaints_public:track")
    response = render(
        request,
        "complaints/public/status.html",
        {
            "complaint": complaint,
            "events": selectors.public_events(complaint),
            "lapor_url": _lapor(),
            "private": True,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@public_page
def complaint_list(request):
    """Answered complaints; ?kerja_sama=<reference code> or ?wilayah=<region code> filter."""
    agreement = region = None
    code = request.GET.get("kerja_sama", "")[:40].strip().upper()
    if code:
        agreement = public_agreements().filter(reference_code=code).first()
    region_code = request.GET.get("wilayah", "")[:13].strip()
    if region_code:
        region = Region.objects.filter(code=region_code).first()
    if (code and agreement is None) or (region_code and region is None):
        complaints = Complaint.objects.none()
    else:
        complaints = selectors.public_complaints(agreement=agreement, region=region)
    page = Paginator(complaints, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "complaints/public/list.html",
        {"page": page, "agreement": agreement, "region": region},
    )


@public_page
def complaint_detail(request, code: str):
    complaint = selectors.public_complaint_get(code)
    if complaint is None:
        return render(request, "complaints/public/not_found.html", status=404)
    return render(
        request,
        "complaints/public/status.html",
        {
            "complaint": complaint,
            "events": selectors.public_events(complaint),
            "lapor_url": _lapor(),
            "private": False,
        },
    )


urlpatterns = [
    path("", complaint_new, name="new"),
    path("konfirmasi/<str:token>/", complaint_confirm, name="confirm"),
    path("lacak/", complaint_track, name="track"),
    path("lacak/<str:code>/", complaint_track_status, name="track-status"),
    path("dijawab/", complaint_list, name="list"),
    path("dijawab/<str:code>/", complaint_detail, name="detail"),
]
