"""Forms of the adoption loop: interest, the visit, the decision and the plan."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement
from simpul.meetings.models import LearningReport
from simpul.monitoring.models import Indicator
from simpul.organizations.models import Organization
from simpul.plans.models import Activity

from .models import Adoption


class InterestForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Interested organisation"), queryset=Organization.objects.none()
    )
    note = forms.CharField(
        label=_("Why it interests us"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["organization"])
        field.queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        if len(organizations) == 1:
            field.initial = organizations[0].pk


class LearningReportChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.visit.meeting.title} — {obj.organization.name}"


class VisitForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    learning_report = LearningReportChoiceField(
        label=_("Learning report of the visit"), queryset=LearningReport.objects.none()
    )

    def __init__(self, *args: Any, reports: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["learning_report"])
        field.queryset = reports


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Adoption.Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=4000,
        help_text=_("Needed to adapt (what changes) or for not now (why)."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class PlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    agreement = forms.ModelChoiceField(
        label=_("Agreement (or a new agreement draft)"), required=False,
        queryset=Agreement.objects.none(),
    )  # fmt: skip
    activity = forms.ModelChoiceField(
        label=_("Plan activity"), required=False, queryset=Activity.objects.none()
    )
    indicator = forms.ModelChoiceField(
        label=_("Follow-up indicator"), required=False, queryset=Indicator.objects.none(),
        help_text=_("Its verified values show the result on the practice's page."),
    )  # fmt: skip
    note = forms.CharField(
        label=_("Adoption plan"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def __init__(
        self, *args: Any, agreements: Any, activities: Any, indicators: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agreement"]).queryset = agreements
        cast(forms.ModelChoiceField, self.fields["activity"]).queryset = activities
        cast(forms.ModelChoiceField, self.fields["indicator"]).queryset = indicators
