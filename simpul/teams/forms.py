"""Forms of the teams app. Values are checked again by the services, which say why in words."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from simpul.accounts.models import User
from simpul.agreements.models import Agreement
from simpul.core.merge import MergeableForm
from simpul.core.widgets import DateInput
from simpul.organizations.models import Organization

from .models import Competency, MemberCompetency, SelectionCriterion, Team, TeamMember, Training


class DecreeForm(forms.Form):
    sk_number = forms.CharField(label=_("Decree (SK) number"), max_length=120)
    sk_date = forms.DateField(label=_("Decree date"), widget=DateInput)
    term_start = forms.DateField(label=_("Term starts"), widget=DateInput)
    term_end = forms.DateField(label=_("Term ends"), widget=DateInput)
    sk_file = forms.FileField(
        label=_("Decree document (PDF)"),
        help_text=_("The signed decree as a PDF."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class TeamCreateForm(DecreeForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Team.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agreement = forms.ModelChoiceField(
        label=_("Agreement (working teams)"),
        required=False,
        queryset=Agreement.objects.none(),
        help_text=_("A working team serves one agreement of this organisation."),
    )
    field_order = ["kind", "name", "description", "agreement"]

    def __init__(self, *args: Any, agreements: QuerySet[Agreement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agreement = self.fields["agreement"]
        assert isinstance(agreement, forms.ModelChoiceField)
        agreement.queryset = agreements


class TeamEditForm(MergeableForm, forms.ModelForm[Team]):
    """The team's name, description and required competencies; an edit merges with a change
    saved meanwhile (simpul.core.merge)."""

    class Meta:
        model = Team
        fields = ("name", "description", "required_competencies")
        widgets = {
            "required_competencies": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        required = self.fields["required_competencies"]
        assert isinstance(required, forms.ModelMultipleChoiceField)
        required.queryset = Competency.objects.filter(is_active=True).order_by("position", "code")


class MemberForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=TeamMember.Role.choices)
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Organization.objects.none(),
        help_text=_("Leave empty to use the person's own organisation."),
    )
    nip = forms.CharField(
        label=_("NIP"),
        required=False,
        max_length=24,
        help_text=_("18 digits; shown only to the team's readers."),
    )
    criteria = forms.ModelMultipleChoiceField(
        label=_("Selection criteria met"),
        required=False,
        queryset=SelectionCriterion.objects.filter(is_active=True).order_by("position", "code"),
        widget=forms.CheckboxSelectMultiple,
    )
    term_start = forms.DateField(
        label=_("Term starts"),
        required=False,
        widget=DateInput,
        help_text=_("Empty: the team's term."),
    )
    term_end = forms.DateField(label=_("Term ends"), required=False, widget=DateInput)

    def __init__(
        self, *args: Any, people: QuerySet[Any], agencies: QuerySet[Organization], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        agency = self.fields["agency"]
        assert isinstance(person, forms.ModelChoiceField)
        assert isinstance(agency, forms.ModelChoiceField)
        person.queryset = people
        person.label_from_instance = lambda user: user.full_name or user.email  # type: ignore[method-assign,assignment]  # Django's documented per-field override
        agency.queryset = agencies


class CompetencyForm(forms.Form):
    competency = forms.ModelChoiceField(
        label=_("Competency"),
        queryset=Competency.objects.filter(is_active=True).order_by("position", "code"),
    )
    level = forms.ChoiceField(label=_("Level"), choices=MemberCompetency.Level.choices)


class TrainingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Training.Kind.choices)
    course = forms.CharField(label=_("Course"), max_length=200)
    organiser = forms.CharField(label=_("Organiser"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=DateInput)
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_value=2000, decimal_places=1)
    competency = forms.ModelChoiceField(
        label=_("Competency it builds"),
        required=False,
        queryset=Competency.objects.filter(is_active=True).order_by("position", "code"),
    )
    certificate = forms.FileField(
        label=_("Certificate"),
        required=False,
        help_text=_("PDF, PNG or JPEG."),
    )
