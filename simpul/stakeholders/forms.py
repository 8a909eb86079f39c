"""Forms of the stakeholder register. They check the shape of the input; the rules (duplicates,
amounts, who verifies) live in services.py and come back onto the form through
simpul.core.formviews."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from simpul.core.merge import MergeableForm
from simpul.organizations.models import Organization

from .models import NAME_MAX, REASON_MAX, Contribution, Role, Stakeholder

SCALE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class StakeholderForm(MergeableForm, forms.ModelForm[Stakeholder]):
    """A stakeholder of the agreement; an edit merges with a change saved meanwhile."""

    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )
    interest = forms.TypedChoiceField(
        label=_("Interest (1 low – 5 high)"), choices=SCALE_CHOICES, coerce=int
    )
    influence = forms.TypedChoiceField(
        label=_("Influence (1 low – 5 high)"), choices=SCALE_CHOICES, coerce=int
    )

    class Meta:
        model = Stakeholder
        fields = (
            "name",
            "kind",
            "roles",
            "interest",
            "interest_reason",
            "influence",
            "influence_reason",
            "contact_name",
            "contact_email",
            "contact_phone",
            "notes",
        )
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "contact_name": _("Personal data: members of the agreement see it; never public."),
        }

    def __init__(
        self, *args: Any, organizations: QuerySet[Organization] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["name"].help_text = _("Leave empty for an organisation chosen above.")
        if organizations is not None:
            self.fields = {
                "organization": forms.ModelChoiceField(
                    label=_("Organisation on the platform"),
                    queryset=organizations,
                    required=False,
                    empty_label=_("— not on the platform: name it below —"),
                ),
                **self.fields,
            }
            self.fields["kind"].required = False
            self.fields["kind"].help_text = _("Taken from the organisation when one is chosen.")
            self.remember(organizations=organizations)


class ContributionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Contribution.Kind.choices)
    description = forms.CharField(label=_("What is contributed"), max_length=500)
    # Text, not a number input: the service reads it and says what is wrong with it.
    value = forms.DecimalField(
        label=_("Value (Rupiah)"),
        max_digits=30,
        decimal_places=2,
        help_text=_("The money, or what the goods, work or land are worth."),
    )
    year = forms.IntegerField(label=_("Year"))
    source = forms.CharField(
        label=_("Source"),
        max_length=100,
        required=False,
        help_text=_("For example CSR, APBD or a grant."),
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        help_text=_("A letter, receipt or photo: PDF, DOCX, XLSX, ODT, PNG or JPEG."),
    )

    def __init__(self, *args: Any, stakeholders: QuerySet[Stakeholder], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {
            "stakeholder": forms.ModelChoiceField(
                label=_("Stakeholder"), queryset=stakeholders, empty_label=None
            ),
            **self.fields,
        }


class DecideForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    action = forms.ChoiceField(
        choices=[("verify", "verify"), ("reject", "reject"), ("reopen", "reopen")]
    )
    note = forms.CharField(label=_("Reason"), required=False, max_length=REASON_MAX)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address to invite"), max_length=NAME_MAX)
