"""Citizens' ideas on the portal, under /publik/ide/: the list of published ideas, an idea's
page, the form (no account: a name and an e-mail address to confirm) and the confirmation
link.

Flood protection is the kernel's (simpul.core.abuse), as for consultation comments: a
honeypot field, a per-address limit per hour counted in the database, and the e-mail
confirmation; then a moderator of the region's government publishes or hides the idea.
Only published ideas exist here. The list and idea pages are cached for visitors
(public_cache, bumped by every change to a published idea); the form is not.
"""

import logging

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from simpul.core.abuse import client_fingerprint, over_limit
from simpul.core.formviews import attempt
from simpul.core.public_cache import public_page
from simpul.organizations.models import Organization

from . import forms, selectors, services
from .models import Idea

logger = logging.getLogger(__name__)
PAGE_SIZE = 20


@require_GET
@public_page
def idea_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.public_ideas(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "ideas/public/list.html", {"page": page})


@require_GET
@public_page
def idea_detail(request: HttpRequest, code: str) -> HttpResponse:
    idea = selectors.public_idea(code)
    if idea is None:
        raise Http404
    return render(request, "ideas/public/detail.html", {"idea": idea})


@require_http_methods(["GET", "POST"])
def idea_submit(request: HttpRequest) -> HttpResponse:
    form = forms.CitizenIdeaForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            owner = Organization.objects.governments().filter(region=data["region"]).first()
            fingerprint = client_fingerprint(request)
            if owner is None:
                form.add_error(
                    "region", _("This region's government is not on Simpul yet; choose another.")
                )
            elif over_limit(Idea.objects.filter(origin=Idea.Origin.CITIZEN), fingerprint):
                form.add_error(
                    None,
                    _(
                        "Too many ideas were sent from your connection in the last hour. Please "
                        "try again later."
                    ),
                )
                status = 429
            else:
                try:
                    outcome = attempt(
                        form,
                        lambda: services.citizen_idea_submit(
                            owner=owner,
                            title=data["title"],
                            problem=data["problem"],
                            proposal=data["proposal"],
                            affairs=data["affairs"],
                            author_name=data["author_name"],
                            email=data["email"],
                            fingerprint=fingerprint,
                        ),
                    )
                except OSError:
                    logger.exception("Could not queue the confirmation e-mail of a citizen's idea")
                    form.add_error(
                        None,
                        _("The confirmation e-mail could not be sent. Please try again later."),
                    )
                    outcome, status = None, 503
                if outcome is not None and outcome.ok:
                    messages.success(
                        request,
                        _(
                            "Thank you. Check your e-mail: your idea appears after you confirm "
                            "your address and a moderator has read it."
                        ),
                    )
                    return redirect("ideas_public:list")
    return render(request, "ideas/public/form.html", {"form": form}, status=status)


@require_GET
def idea_confirm(request: HttpRequest, token: str) -> HttpResponse:
    result, idea = services.citizen_idea_confirm(token)
    ok = result in (services.ConfirmResult.CONFIRMED, services.ConfirmResult.ALREADY)
    return render(
        request, "ideas/public/confirm.html", {"result": result}, status=200 if ok else 404
    )


urlpatterns = [
    path("", idea_list, name="list"),
    path("kirim/", idea_submit, name="submit"),
    path("konfirmasi/<str:token>/", idea_confirm, name="confirm"),
    path("<str:code>/", idea_detail, name="detail"),
]
