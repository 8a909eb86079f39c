"""Who may see and change an agreement's surveys: the one place these decisions are made.

- Readers of the agreement (parties, their agencies, oversight) see its surveys, the
  questions and the results, and download the responses (they are anonymous).
- Building, opening and closing a survey and sending its results to an indicator needs an
  editor role (admin, coordinator, editor) in a party or the registering organisation.
- The public sees only open or closed surveys of public agreements (selectors.public_surveys).
- Everyone else gets 404, so a survey's existence does not leak.
"""

from django.shortcuts import get_object_or_404

from simpul.accounts.access import AnyUser
from simpul.agreements.access import agreement_can_view, agreement_get_for_user

from .models import Question, Survey


def survey_get_for_user(
    user: AnyUser, agreement_pk: int, pk: int, *, write: bool = False
) -> Survey:
    agreement = agreement_get_for_user(user, agreement_pk, write=write)
    return get_object_or_404(
        Survey.objects.filter(agreement=agreement).select_related(
            "agreement", "party__organization", "indicator"
        ),
        pk=pk,
    )


def question_get_for_user(
    user: AnyUser, agreement_pk: int, survey_pk: int, pk: int, *, write: bool = False
) -> Question:
    survey = survey_get_for_user(user, agreement_pk, survey_pk, write=write)
    question = get_object_or_404(Question.objects.filter(survey=survey), pk=pk)
    question.survey = survey
    return question


def survey_object_can_view_history(user: AnyUser, obj: object) -> bool:
    """History pages of a survey and its questions follow the agreement."""
    survey = obj if isinstance(obj, Survey) else getattr(obj, "survey", None)
    return survey is not None and agreement_can_view(user, survey.agreement)
