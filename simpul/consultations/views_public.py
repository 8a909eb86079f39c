"""Public consultations, under /konsultasi/: the list, a consultation's page with a comment
form per section while it is open, and the e-mail confirmation link.

No account is needed to comment: a name and a confirmed e-mail address. Flood protection
without a third-party service (simpul.core.abuse): a honeypot field, a per-address limit per
hour counted in the database, and the e-mail confirmation; unconfirmed comments never appear.
The list is cached for anonymous visitors; pages with a form are not.
"""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simpul.core.abuse import client_fingerprint, over_limit
from simpul.core.formviews import add_errors
from simpul.core.public_cache import public_page

from . import forms, selectors, services
from .models import Comment, Consultation

logger = logging.getLogger(__name__)
PAGE_SIZE = 30


@require_GET
@public_page
def consultation_list(request):
    paginator = Paginator(selectors.public_consultation_list(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "consultations/public_list.html", {"page": page})


def _detail_page(request, consultation, *, bound=None, status=200):
    """`bound`: the submitted form, shown (with its errors) at its own section."""
    accepting = consultation.is_accepting_comments
    sections = list(consultation.sections.all())
    for section in sections:
        if not accepting:
            section.form = None
        elif bound is not None and bound.data.get("section") == str(section.pk):
            section.form = bound
        else:
            section.form = forms.CommentForm(
                initial={"section": section.pk}, auto_id=f"id_s{section.pk}_%s"
            )
    changes = (
        selectors.changes_from_comments(consultation)
        if consultation.status == Consultation.Status.CONCLUDED
        else []
    )
    return render(
        request,
        "consultations/public_detail.html",
        {
            "consultation": consultation,
            "agreement": consultation.agreement,
            "sections": sections,
            "accepting": accepting,
            "changes": changes,
            "page_errors": _unplaced_errors(bound, sections),
        },
        status=status,
    )


def _unplaced_errors(bound, sections) -> list[str]:
    """Errors of a refused comment that no section's form shows (the consultation closed,
    or the section was tampered with): said at the top of the page instead."""
    if bound is None or any(getattr(s, "form", None) is bound for s in sections):
        return []
    return [message for errors in bound.errors.values() for message in errors]


@require_GET
def consultation_detail(request, pk: int):
    consultation = selectors.public_consultation_page(pk)
    return _detail_page(request, consultation)


@require_POST
def comment_create(request, pk: int):
    consultation = selectors.public_consultation_page(pk)
    section_id = request.POST.get("section", "")
    form = forms.CommentForm(request.POST, auto_id=f"id_s{section_id[:12]}_%s")
    sections = {s.pk: s for s in consultation.sections.all()}
    if not consultation.is_accepting_comments:
        form.is_valid()
        form.add_error(None, _("This consultation is closed: comments are no longer accepted."))
        return _detail_page(request, consultation, bound=form, status=400)
    if not form.is_valid():
        return _detail_page(request, consultation, bound=form, status=400)
    section = sections.get(form.cleaned_data["section"])
    if section is None:
        form.add_error(None, _("Choose a section of this consultation."))
        return _detail_page(request, consultation, bound=form, status=400)
    fingerprint = client_fingerprint(request)
    if over_limit(Comment.objects.all(), fingerprint):
        form.add_error(
            None,
            _(
                "Too many comments were sent from your connection in the last hour. Please "
                "try again later."
            ),
        )
        return _detail_page(request, consultation, bound=form, status=429)
    data = form.cleaned_data
    try:
        services.comment_submit(
            consultation=consultation,
            section=section,
            author_name=data["author_name"],
            email=data["email"],
            body=data["body"],
            fingerprint=fingerprint,
        )
    except ValidationError as error:
        add_errors(form, error)
        return _detail_page(request, consultation, bound=form, status=400)
    except OSError:
        logger.exception("Could not send the confirmation e-mail of a consultation comment")
        form.add_error(
            None, _("The confirmation e-mail could not be sent. Please try again later.")
        )
        return _detail_page(request, consultation, bound=form, status=503)
    messages.success(
        request,
        _(
            "Thank you. Check your e-mail: your comment appears after you confirm your address "
            "and a moderator has read it."
        ),
    )
    return redirect(f"{consultation.get_public_url()}#section-{section.pk}")


@require_GET
def comment_confirm(request, token: str):
    result, comment = services.comment_confirm(token)
    consultation = comment.section.consultation if comment is not None else None
    status = (
        200 if result in (services.ConfirmResult.CONFIRMED, services.ConfirmResult.ALREADY) else 404
    )
    return render(
        request,
        "consultations/public_confirm.html",
        {"result": result, "consultation": consultation},
        status=status,
    )


urlpatterns = [
    path("", consultation_list, name="list"),
    path("<int:pk>/", consultation_detail, name="detail"),
    path("<int:pk>/komentar/", comment_create, name="comment"),
    path("konfirmasi/<str:token>/", comment_confirm, name="confirm"),
]
