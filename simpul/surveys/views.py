"""An agreement's surveys, for its parties: list, builder, open/close, results, CSV and
sending the results to an indicator.

Who: readers of the agreement see the surveys, their questions and results and download the
(anonymous) responses; editors (admin, coordinator, editor of a party or the owner) build,
open, close and feed indicators. Anything else answers 404.
"""

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from simpul.agreements.access import agreement_can_edit, agreement_get_for_user
from simpul.core.downloads import attachment
from simpul.core.exports import safe_cell
from simpul.core.formviews import add_errors, attempt
from simpul.core.merge import save_merging
from simpul.monitoring.models import ReportingPeriod

from . import access, selectors, services
from .forms import FeedForm, QuestionForm, SurveyForm
from .models import Answer, Question, Response, Survey


@login_required
@require_GET
def survey_list(request, agreement_pk: int):
    agreement = agreement_get_for_user(request.user, agreement_pk)
    return render(
        request,
        "surveys/survey_list.html",
        {
            "agreement": agreement,
            "surveys": selectors.agreement_surveys(agreement),
            "can_edit": agreement_can_edit(request.user, agreement),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request, agreement_pk: int):
    agreement = agreement_get_for_user(request.user, agreement_pk, write=True)
    if request.method == "POST":
        form = SurveyForm(request.POST, agreement=agreement)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                survey = services.survey_create(agreement=agreement, user=request.user, **data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The survey was created. Now add its questions."))
                return redirect(survey.get_absolute_url())
        status = 400
    else:
        now = timezone.localtime().replace(second=0, microsecond=0)
        form = SurveyForm(
            agreement=agreement,
            initial={"opens_at": now, "closes_at": now + timezone.timedelta(days=30)},
        )
        status = 200
    return render(
        request,
        "surveys/survey_form.html",
        {"agreement": agreement, "form": form, "survey": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request, agreement_pk: int, pk: int):
    survey = access.survey_get_for_user(request.user, agreement_pk, pk, write=True)
    agreement = survey.agreement
    status = 200
    if request.method == "POST":
        form = SurveyForm(request.POST, agreement=agreement, instance=survey)
        if form.is_valid():
            result = save_merging(
                form,
                lambda f: services.survey_update(
                    survey=f.instance,
                    expected_version=f.base_version,
                    user=request.user,
                    **f.cleaned_fields(),
                ),
                reload=lambda: Survey.objects.filter(pk=survey.pk).first(),
            )
            form = result.form
            if result.ok:
                messages.success(request, _("The survey was saved."))
                if result.notice():
                    messages.info(request, result.notice())
                return redirect(survey.get_absolute_url())
            status = result.status
        else:
            status = 400
    else:
        form = SurveyForm(
            agreement=agreement, initial=SurveyForm.initial_for(survey), instance=survey
        )
    return render(
        request,
        "surveys/survey_form.html",
        {"agreement": agreement, "form": form, "survey": survey},
        status=status,
    )


def _detail_page(request, survey, *, question_form=None, status=200):
    questions = selectors.survey_questions(survey)
    has_responses = Response.objects.filter(survey=survey).exists()
    can_edit = agreement_can_edit(request.user, survey.agreement)
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "agreement": survey.agreement,
            "survey": survey,
            "questions": questions,
            "has_responses": has_responses,
            "can_edit": can_edit,
            "can_build": can_edit and not has_responses,
            "question_form": question_form or QuestionForm(initial={"required": True}),
        },
        status=status,
    )


@login_required
@require_GET
def survey_detail(request, agreement_pk: int, pk: int):
    survey = access.survey_get_for_user(request.user, agreement_pk, pk)
    return _detail_page(request, survey)


def _save_question(request, survey, form, question=None) -> Any:
    return services.question_save(
        survey=survey,
        question=question,
        kind=form.cleaned_data["kind"],
        text=form.cleaned_data["text"],
        required=form.cleaned_data["required"],
        feeds_indicator=form.cleaned_data["feeds_indicator"],
        choices=form.choice_lines(),
        expected_version=form.base_version if question is not None else None,
        user=request.user,
    )


@login_required
@require_POST
def question_create(request, agreement_pk: int, pk: int):
    survey = access.survey_get_for_user(request.user, agreement_pk, pk, write=True)
    form = QuestionForm(request.POST)
    if form.is_valid() and attempt(form, lambda: _save_question(request, survey, form)).ok:
        messages.success(request, _("The question was added."))
        return redirect(survey.get_absolute_url() + "#questions")
    return _detail_page(request, survey, question_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, agreement_pk: int, pk: int, question_pk: int):
    question = access.question_get_for_user(request.user, agreement_pk, pk, question_pk, write=True)
    survey = question.survey
    status = 200
    if request.method == "POST":
        form = QuestionForm(request.POST, instance=question)
        status = 400
        if form.is_valid():
            result = save_merging(
                form,
                lambda f: _save_question(request, survey, f, f.instance),
                reload=lambda: Question.objects.filter(pk=question.pk, survey=survey).first(),
            )
            form = result.form
            if result.ok:
                messages.success(request, _("The question was saved."))
                if result.notice():
                    messages.info(request, result.notice())
                return redirect(survey.get_absolute_url() + "#questions")
            status = result.status
    else:
        form = QuestionForm(initial=QuestionForm.initial_for(question), instance=question)
    return render(
        request,
        "surveys/question_form.html",
        {"agreement": survey.agreement, "survey": survey, "question": question, "form": form},
        status=status,
    )


@login_required
@require_POST
def question_move(request, agreement_pk: int, pk: int, question_pk: int):
    question = access.question_get_for_user(request.user, agreement_pk, pk, question_pk, write=True)
    try:
        services.question_move(
            question=question, direction=request.POST.get("direction", ""), user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(question.survey.get_absolute_url() + "#questions")


@login_required
@require_POST
def question_delete(request, agreement_pk: int, pk: int, question_pk: int):
    question = access.question_get_for_user(request.user, agreement_pk, pk, question_pk, write=True)
    try:
        services.question_delete(question=question, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The question was deleted."))
    return redirect(question.survey.get_absolute_url() + "#questions")


@login_required
@require_POST
def survey_status(request, agreement_pk: int, pk: int):
    survey = access.survey_get_for_user(request.user, agreement_pk, pk, write=True)
    action = request.POST.get("action")
    try:
        if action == "open":
            services.survey_open(survey=survey, user=request.user)
            messages.success(request, _("The survey is open to the public."))
        elif action == "close":
            services.survey_close(survey=survey, user=request.user)
            messages.success(request, _("The survey is closed; its results are public."))
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(survey.get_absolute_url())


@login_required
@require_GET
def survey_results(request, agreement_pk: int, pk: int):
    survey = access.survey_get_for_user(request.user, agreement_pk, pk)
    can_edit = agreement_can_edit(request.user, survey.agreement)
    periods = services.feed_periods(survey) if can_edit else []
    feed_form = None
    if can_edit and survey.indicator_id:
        feed_form = FeedForm(
            periods=ReportingPeriod.objects.filter(pk__in=[p.pk for p in periods]).order_by("start")
        )
    return render(
        request,
        "surveys/survey_results.html",
        {
            "agreement": survey.agreement,
            "survey": survey,
            "results": selectors.survey_results(survey),
            "can_edit": can_edit,
            "feed_form": feed_form,
            "feed_periods": periods,
            "feeding_question": services.feeding_question(survey),
        },
    )


@login_required
@require_POST
def survey_feed(request, agreement_pk: int, pk: int):
    survey = access.survey_get_for_user(request.user, agreement_pk, pk, write=True)
    periods = ReportingPeriod.objects.filter(pk__in=[p.pk for p in services.feed_periods(survey)])
    form = FeedForm(request.POST, periods=periods)
    results_url = f"{survey.get_absolute_url()}hasil/#feed"
    if survey.indicator_id is None:
        messages.error(request, _("Link the survey to an indicator first (edit the survey)."))
        return redirect(results_url)
    if not periods.exists():
        messages.error(
            request,
            _(
                "No reporting period is open in which %(party)s reports this indicator. Ask the "
                "agreement's editors to open one on the monitoring pages."
            )
            % {"party": survey.party.organization.name},
        )
        return redirect(results_url)
    if not form.is_valid():
        messages.error(request, _("Choose one of the open reporting periods."))
        return redirect(results_url)
    try:
        submission = services.survey_feed_indicator(
            survey=survey, user=request.user, period=form.cleaned_data["period"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(results_url)
    messages.success(
        request,
        _(
            "The mean score was saved as %(party)s's draft value. Submit the data on the data "
            "entry page; the coordinators verify it before it counts."
        )
        % {"party": survey.party.organization.name},
    )
    return redirect(
        "monitoring:submission-detail", agreement_pk=survey.agreement_id, pk=submission.pk
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
@require_GET
def survey_csv(request, agreement_pk: int, pk: int):
    """All responses, one row each, streamed: responses come in chunks with their answers."""
    survey = access.survey_get_for_user(request.user, agreement_pk, pk)
    questions = selectors.survey_questions(survey)
    writer = csv.writer(_Echo())
    zone = timezone.get_current_timezone()

    def cell(answer: Answer | None):
        if answer is None:
            return ""
        if answer.question.kind == Question.Kind.SCALE:
            return answer.scale
        if answer.question.kind == Question.Kind.TEXT:
            return answer.text
        return "; ".join(c.label for c in answer.choices.all())

    # Translated now: the body streams after the request's language is deactivated.
    header = [_("Response"), _("Submitted at"), *[q.text for q in questions]]

    def lines():
        yield "\ufeff"
        yield writer.writerow([safe_cell(v) for v in header])
        responses = (
            Response.objects.filter(survey=survey)
            .order_by("submitted_at", "pk")
            .prefetch_related("answers__choices", "answers__question")
        )
        for response in responses.iterator(chunk_size=500):
            by_question = {a.question_id: a for a in response.answers.all()}
            row = [
                response.pk,
                timezone.localtime(response.submitted_at, zone).strftime("%Y-%m-%d %H:%M"),
                *[cell(by_question.get(q.pk)) for q in questions],
            ]
            yield writer.writerow([safe_cell(v) for v in row])

    return attachment(
        lines(), filename=f"survei-{survey.pk}.csv", content_type="text/csv; charset=utf-8"
    )


urlpatterns = [
    path("", survey_list, name="survey-list"),
    path("baru/", survey_create, name="survey-create"),
    path("<int:pk>/", survey_detail, name="survey-detail"),
    path("<int:pk>/ubah/", survey_edit, name="survey-edit"),
    path("<int:pk>/status/", survey_status, name="survey-status"),
    path("<int:pk>/pertanyaan/", question_create, name="question-create"),
    path("<int:pk>/pertanyaan/<int:question_pk>/", question_edit, name="question-edit"),
    path("<int:pk>/pertanyaan/<int:question_pk>/pindah/", question_move, name="question-move"),
    path("<int:pk>/pertanyaan/<int:question_pk>/hapus/", question_delete, name="question-delete"),
    path("<int:pk>/hasil/", survey_results, name="survey-results"),
    path("<int:pk>/hasil.csv", survey_csv, name="survey-csv"),
    path("<int:pk>/ke-indikator/", survey_feed, name="survey-feed"),
]
