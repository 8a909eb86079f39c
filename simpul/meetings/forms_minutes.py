"""Forms of the minutes: the text (merged field by field), a decision, an action item, sign-off
and an action's completion."""

from typing import Any, cast

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from simpul.accounts.models import User
from simpul.core.merge import MergeableForm
from simpul.organizations.models import Organization

from .models import AgendaItem, Decision, MinutesVersion, SignOff

ITEM_PREFIX = "item_"


class MinutesFormBase(MergeableForm, forms.Form):
    summary = forms.CharField(
        label=_("General summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def row_value(self, row: models.Model, name: str, values: dict[str, Any]) -> Any:
        if name.startswith(ITEM_PREFIX) and isinstance(row, MinutesVersion):
            return row.item_texts.get(name.removeprefix(ITEM_PREFIX), "")
        return getattr(row, name)

    def item_texts(self) -> dict[str, str]:
        return {
            name.removeprefix(ITEM_PREFIX): value or ""
            for name, value in self.cleaned_data.items()
            if name.startswith(ITEM_PREFIX)
        }


def minutes_form_class(items: list[AgendaItem]) -> type[MinutesFormBase]:
    """The editor's form for this agenda: the summary and one text per item, each merged on
    its own when two people edit the draft at once."""
    fields: dict[str, Any] = {
        f"{ITEM_PREFIX}{item.pk}": forms.CharField(
            label=item.title, required=False, widget=forms.Textarea(attrs={"rows": 5})
        )
        for item in items
    }
    fields["merge_fields"] = ("summary", *[f"{ITEM_PREFIX}{item.pk}" for item in items])
    return type("MinutesForm", (MinutesFormBase,), fields)


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = [
            "text",
            "rationale",
            "method",
            "votes_for",
            "votes_against",
            "votes_abstained",
            "activity",
            "indicator",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "rationale": forms.Textarea(attrs={"rows": 3}),
            "method": forms.RadioSelect,
        }

    def __init__(self, *args: Any, activities: Any, indicators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["activity"]).queryset = activities
        cast(forms.ModelChoiceField, self.fields["indicator"]).queryset = indicators


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner_organization = forms.ModelChoiceField(
        label=_("Owner organisation"), queryset=Organization.objects.none()
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [o.pk for o in organizations]
        owner = cast(forms.ModelChoiceField, self.fields["owner"])
        cast(
            forms.ModelChoiceField, self.fields["owner_organization"]
        ).queryset = Organization.objects.filter(pk__in=ids)
        owner.queryset = User.objects.filter(
            memberships__organization_id__in=ids, is_active=True
        ).distinct()


class SignOffForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("As the delegate of"), queryset=Organization.objects.none()
    )
    answer = forms.ChoiceField(
        label=_("Your answer"), choices=SignOff.Answer.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment (required when asking for a change)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, parties: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["organization"]
        ).queryset = Organization.objects.filter(pk__in=[p.pk for p in parties])


class ActionCompleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(label=_("Evidence (file)"), required=False)
