"""Public surveys, for everyone: the list, the questionnaire while a survey is open, a thank-you
page, and the published results once it has ended. Drafts and surveys of agreements that
are not public answer 404 (selectors.public_surveys is the gate).

Abuse: a honeypot field and a per-survey limit of PUBLIC_FORM_LIMIT_PER_HOUR responses per
address and hour (counted in the database over Response rows, by a keyed hash of the
address). The questionnaire page carries a CSRF token and is never cached; the list is.
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from simpul.core.abuse import client_fingerprint, over_limit
from simpul.core.errors import InvalidInput
from simpul.core.public_cache import public_page

from . import selectors, services
from .forms import ResponseFormBase
from .models import Response, Survey


@require_GET
@public_page
def survey_list(request):
    surveys = list(selectors.public_surveys().order_by("closes_at", "pk"))
    now = timezone.now()
    open_now = [s for s in surveys if s.status == Survey.Status.OPEN and s.closes_at > now]
    ended = sorted((s for s in surveys if s.has_ended), key=lambda s: s.closes_at, reverse=True)[
        :50
    ]
    return render(request, "surveys/public/list.html", {"open_surveys": open_now, "ended": ended})


def _questionnaire(request, survey, form, *, status=200, error=""):
    return render(
        request,
        "surveys/public/detail.html",
        {"survey": survey, "form": form, "error": error},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def survey_detail(request, pk: int):
    survey = get_object_or_404(selectors.public_surveys(), pk=pk)
    if survey.has_ended:
        return render(
            request,
            "surveys/public/results.html",
            {"survey": survey, "results": selectors.survey_results(survey, with_texts=False)},
        )
    questions = selectors.survey_questions(survey)
    if not survey.is_accepting:  # open, but its window has not started
        return render(request, "surveys/public/not_yet.html", {"survey": survey})
    if request.method == "GET":
        return _questionnaire(request, survey, ResponseFormBase(questions=questions))
    form = ResponseFormBase(request.POST, questions=questions)
    fingerprint = client_fingerprint(request)
    if over_limit(Response.objects.filter(survey=survey), fingerprint, since="submitted_at"):
        return _questionnaire(
            request,
            survey,
            form,
            status=429,
            error=_(
                "Too many answers were sent from your connection in the last hour. Please try "
                "again later."
            ),
        )
    if not form.is_valid():
        return _questionnaire(request, survey, form, status=400)
    try:
        services.response_submit(survey=survey, answers=form.answers(), fingerprint=fingerprint)
    except InvalidInput as problem:
        return _questionnaire(request, survey, form, status=400, error=" ".join(problem.messages))
    return redirect("surveys_public:thanks", pk=survey.pk)


@require_GET
def survey_thanks(request, pk: int):
    survey = get_object_or_404(selectors.public_surveys(), pk=pk)
    return render(request, "surveys/public/thanks.html", {"survey": survey})


urlpatterns = [
    path("", survey_list, name="list"),
    path("<int:pk>/", survey_detail, name="detail"),
    path("<int:pk>/terima-kasih/", survey_thanks, name="thanks"),
]
