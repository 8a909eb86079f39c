"""Forms of the agreement pages: register filters, the creation wizard, editing, parties,
signatures, obligations and transitions. Rules live in rules.py and the services."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from simpul.core.merge import MergeableForm
from simpul.core.widgets import DateInput
from simpul.organizations.models import Organization
from simpul.regions.models import Region

from .models import (
    Agreement,
    Category,
    Document,
    Family,
    GovernmentAffair,
    Obligation,
    Party,
    Signature,
)
from .selectors import SORTS

# An agreement's data beyond its title: the register wizard's second step asks for them, and
# the edit form merges them with someone else's change (simpul.core.merge).
DETAILS_FIELDS = (
    "affairs",
    "vision",
    "mission",
    "objectives",
    "scope",
    "legal_basis",
    "start_date",
    "end_date",
    "parent",
)

DATE = DateInput()


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search title and objectives"), required=False, max_length=100)
    family = forms.ChoiceField(
        label=_("Family"), required=False, choices=[("", _("All families")), *Family.choices]
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Category.choices],
    )
    state = forms.ChoiceField(label=_("Stage"), required=False)
    affair = forms.ModelChoiceField(
        label=_("Government affair"),
        required=False,
        queryset=GovernmentAffair.objects.all(),
        empty_label=_("All affairs"),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.none(),
        empty_label=_("All regions (a province includes its regencies)"),
    )
    organization = forms.ModelChoiceField(
        label=_("Party"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("All parties"),
    )
    year = forms.IntegerField(label=_("Start year"), required=False, min_value=1945, max_value=2100)
    expiring = forms.BooleanField(label=_("Expiring within 180 days"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("newest", _("Newest first")),
            ("title", _("Title")),
            ("start", _("Start date")),
            ("end", _("End date")),
            ("state", _("Stage")),
        ],
    )

    def __init__(self, *args, states=(), regions=None, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All stages")), *states]
        if regions is not None:
            self.fields["region"].queryset = regions
        if organizations is not None:
            self.fields["organization"].queryset = organizations
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "", False)}
        if data.get("sort") not in SORTS:
            data.pop("sort", None)
        return data


# --- The creation wizard --------------------------------------------------------------------


class BasicsForm(forms.Form):
    family = forms.ChoiceField(label=_("Family"), choices=Family.choices, initial=Family.KSDD)
    category = forms.ChoiceField(
        label=_("Category (KSDD only)"),
        required=False,
        choices=[("", _("Not applicable")), *Category.choices],
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    owner = forms.ModelChoiceField(
        label=_("Registered by"),
        queryset=Organization.objects.none(),
        help_text=_("One of your organisations where you are admin, coordinator or editor."),
    )

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if owners is not None:
            self.fields["owner"].queryset = owners

    def clean(self):
        data = super().clean()
        family, category = data.get("family"), data.get("category")
        if family == Family.KSDD and not category:
            self.add_error("category", _("Choose whether this KSDD is mandatory or voluntary."))
        if family and family != Family.KSDD and category:
            self.add_error("category", _("Only a KSDD has a category."))
        return data


class DetailsForm(forms.Form):
    affairs = forms.ModelMultipleChoiceField(
        label=_("Government affairs"),
        queryset=GovernmentAffair.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one government affair.")},
    )
    vision = forms.CharField(
        label=_("Shared vision"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    mission = forms.CharField(
        label=_("Mission"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    objectives = forms.CharField(
        label=_("Objectives"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    scope = forms.CharField(
        label=_("Scope"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One regulation per line, e.g. PP 28/2018."),
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DATE)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DATE)
    parent = forms.ModelChoiceField(
        label=_("Parent instrument"),
        required=False,
        queryset=Agreement.objects.none(),
        empty_label=_("None"),
        help_text=_("For example the joint agreement (KB) this one implements."),
    )

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parents is not None:
            self.fields["parent"].queryset = parents

    def clean_legal_basis(self) -> list[str]:
        lines = self.cleaned_data.get("legal_basis") or ""
        return [line.strip() for line in lines.splitlines() if line.strip()]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data


class AgreementForm(MergeableForm, DetailsForm):
    """Editing an agreement's data. Saved on a stale page, it is merged field by field with
    the other person's change (simpul.core.merge) instead of overwriting it."""

    title = forms.CharField(label=_("Title"), max_length=300)
    field_order = ["title"]
    merge_fields = ("title", *DETAILS_FIELDS)

    def merge_value(self, name: str, value: Any) -> str:
        if name == "legal_basis" and isinstance(value, list):
            # One regulation per line, in the order given, as the person types them.
            return "\n".join(str(line).strip() for line in value if str(line).strip())
        return super().merge_value(name, value)

    @classmethod
    def initial_for(cls, agreement: Agreement) -> dict:
        return {
            "title": agreement.title,
            "affairs": list(agreement.affairs.all()),
            "vision": agreement.vision,
            "mission": agreement.mission,
            "objectives": agreement.objectives,
            "scope": agreement.scope,
            "legal_basis": "\n".join(agreement.legal_basis or []),
            "start_date": agreement.start_date,
            "end_date": agreement.end_date,
            "parent": agreement.parent_id,
        }


# --- Parties, signatures, obligations ------------------------------------------------------


class CouncilForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = ["burdens_public", "funded_in_current_apbd", "fiscal_year_checked"]


class SignatureForm(forms.ModelForm):
    class Meta:
        model = Signature
        fields = [
            "instrument",
            "document_number",
            "signatory_name",
            "signatory_office",
            "is_head_of_region",
            "signed_on",
            "power_of_attorney",
        ]
        widgets = {"signed_on": DATE}

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        documents = Document.objects.none()
        if agreement is not None:
            documents = agreement.documents.filter(kind=Document.Kind.POWER_OF_ATTORNEY)
        self.fields["power_of_attorney"].queryset = documents
        self.fields["power_of_attorney"].required = False


class ObligationForm(forms.ModelForm):
    class Meta:
        model = Obligation
        fields = [
            "party",
            "kind",
            "description",
            "amount",
            "fiscal_year",
            "funding_source",
            "due_date",
        ]
        widgets = {"due_date": DATE}

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        parties = Party.objects.none()
        if agreement is not None:
            parties = agreement.parties.select_related("organization")
        self.fields["party"].queryset = parties

    def clean(self):
        data = super().clean()
        if data.get("kind") == Obligation.Kind.MONEY and data.get("amount") is None:
            self.add_error("amount", _("A money obligation needs an amount."))
        return data


class ObligationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Obligation.Status.choices)
    fulfilled_on = forms.DateField(label=_("Fulfilled on"), required=False, widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("status") == Obligation.Status.FULFILLED and not data.get("fulfilled_on"):
            self.add_error("fulfilled_on", _("Say when it was fulfilled."))
        return data


class TransitionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    accept_warnings = forms.BooleanField(label=_("I accept the warnings"), required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    document_versions = forms.MultipleChoiceField(
        label=_("Attach documents"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_versions"].choices = [
            (str(v.pk), f"{v.document.title} v{v.number}") for v in versions
        ]


def validate_party_count(organizations) -> None:
    if len(organizations) < 1:
        raise ValidationError(_("Add at least one party."))
