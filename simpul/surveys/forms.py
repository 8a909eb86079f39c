"""Forms of the survey builder and the public questionnaire.

Times are typed in the viewer's time zone (Django converts them with the active zone, which
the accounts middleware sets per person) and stored in UTC.
"""

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.core.abuse import HoneypotMixin
from simpul.core.merge import MergeableForm
from simpul.core.widgets import ISO_DATETIME_LOCAL, DateTimeLocalInput
from simpul.monitoring.models import Indicator

from .models import Question, Survey
from .selectors import scale_label
from .services import FEEDABLE_KINDS, MAX_TEXT_ANSWER


class SurveyForm(MergeableForm, forms.Form):
    """Creating a survey, or editing one: then merged field by field with someone else's change
    (simpul.core.merge) instead of overwriting it."""

    merge_fields = ("title", "description", "party", "opens_at", "closes_at", "indicator")

    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the survey is for and how its results will be used."),
    )
    party = forms.ModelChoiceField(
        label=_("Run by"),
        queryset=None,
        help_text=_("The party whose data the results feed into."),
    )
    opens_at = forms.DateTimeField(
        label=_("Opens at"),
        widget=DateTimeLocalInput(),
        input_formats=[ISO_DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )
    closes_at = forms.DateTimeField(
        label=_("Closes at"),
        widget=DateTimeLocalInput(),
        input_formats=[ISO_DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )
    indicator = forms.ModelChoiceField(
        label=_("Feeds the indicator"),
        queryset=None,
        required=False,
        help_text=_(
            "Optional: a number or qualitative indicator of this agreement that receives the "
            "mean score of the question marked “feeds the indicator”."
        ),
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.remember(agreement=agreement)
        self.fields["party"].queryset = agreement.parties.select_related("organization")
        self.fields["party"].label_from_instance = lambda party: party.organization.name
        self.fields["indicator"].queryset = Indicator.objects.filter(
            agreement=agreement, kind__in=FEEDABLE_KINDS
        ).order_by("position", "code")
        self.fields["indicator"].label_from_instance = lambda i: f"{i.code} — {i.name}"

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The survey must close after it opens."))
        return data

    @staticmethod
    def initial_for(survey: Survey) -> dict:
        return {
            "title": survey.title,
            "description": survey.description,
            "party": survey.party_id,
            "opens_at": survey.opens_at,
            "closes_at": survey.closes_at,
            "indicator": survey.indicator_id,
        }


class QuestionForm(MergeableForm, forms.Form):
    """One question of the builder. The builder's questions are versioned as a whole, on the
    survey row: every change to them claims the survey. Editing a question that someone
    changed meanwhile merges that question field by field (simpul.core.merge); a change to
    another question or to the survey's own fields is no collision."""

    merge_fields = ("text", "kind", "choices", "required", "feeds_indicator")

    text = forms.CharField(label=_("Question"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=Question.Kind.choices)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For single and multiple choice: one choice per line."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    feeds_indicator = forms.BooleanField(
        label=_("Feeds the indicator (scale 1–5 only)"), required=False
    )

    def choice_lines(self) -> list[str]:
        return (self.cleaned_data.get("choices") or "").splitlines()

    def row_version(self, row: models.Model) -> int | None:
        return Survey.objects.filter(pk=row.survey_id).values_list("version", flat=True).first()

    def row_value(self, row: models.Model, name: str, values: dict[str, Any]) -> Any:
        if name == "choices":
            return "\n".join(choice.label for choice in row.choices.order_by("position", "pk"))
        return super().row_value(row, name, values)

    def merge_value(self, name: str, value: Any) -> str:
        if name == "choices":
            # One choice per line, in their order; blank lines are not choices.
            lines = str(value or "").replace("\r\n", "\n").split("\n")
            return "\n".join(line.strip() for line in lines if line.strip())
        return super().merge_value(name, value)

    @staticmethod
    def initial_for(question: Question) -> dict:
        return {
            "text": question.text,
            "kind": question.kind,
            "choices": "\n".join(c.label for c in question.choices.all()),
            "required": question.required,
            "feeds_indicator": question.feeds_indicator,
        }


class FeedForm(forms.Form):
    period = forms.ModelChoiceField(label=_("Reporting period"), queryset=None)

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        from simpul.monitoring.services.collection import period_name

        self.fields["period"].queryset = periods
        self.fields["period"].label_from_instance = period_name


class ResponseFormBase(HoneypotMixin, forms.Form):
    """The public questionnaire; one field per question, named q<pk>."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[self.field_name(question)] = self._field(question)

    @staticmethod
    def field_name(question: Question) -> str:
        return f"q{question.pk}"

    def _field(self, question: Question) -> forms.Field:
        common = {"label": question.text, "required": question.required}
        messages = {
            "required": _("Please answer this question."),
            "invalid_choice": _("Choose one of the options shown."),
        }
        if question.kind == Question.Kind.SINGLE:
            return forms.TypedChoiceField(
                choices=[(c.pk, c.label) for c in question.choices.all()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages=messages,
                **common,
            )
        if question.kind == Question.Kind.MULTIPLE:
            return forms.TypedMultipleChoiceField(
                choices=[(c.pk, c.label) for c in question.choices.all()],
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    **messages,
                    "required": _("Please choose at least one option."),
                },
                **common,
            )
        if question.kind == Question.Kind.SCALE:
            return forms.TypedChoiceField(
                choices=[(value, scale_label(value)) for value in range(1, 6)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={**messages, "invalid_choice": _("Choose a value from 1 to 5.")},
                **common,
            )
        return forms.CharField(
            max_length=MAX_TEXT_ANSWER,
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={
                **messages,
                "max_length": _("Please keep your answer under %(limit_value)d characters."),
            },
            **common,
        )

    def bound_questions(self):
        """(question, bound field) pairs, in order, for the template."""
        return [(q, self[self.field_name(q)]) for q in self.questions]

    def answers(self) -> dict:
        return {q: self.cleaned_data.get(self.field_name(q)) for q in self.questions}
