"""Forms of the exchange visit (regions, topic, practices) and of a learning report; both
merge field by field when two people edit at once (simpul.core.merge)."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul.core.merge import MergeableForm
from simpul.organizations.models import Organization
from simpul.regions.models import Region


class ExchangeVisitForm(MergeableForm, forms.Form):
    merge_fields = ("topic", "practices_observed", "host_regions", "visiting_regions")

    topic = forms.CharField(label=_("Topic of the visit"), max_length=300)
    practices_observed = forms.CharField(
        label=_("Practices observed"), required=False, max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    host_regions = forms.ModelMultipleChoiceField(
        label=_("Host regions"), queryset=Region.objects.none()
    )
    visiting_regions = forms.ModelMultipleChoiceField(
        label=_("Visiting regions"), queryset=Region.objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions = Region.objects.defer("boundary", "bbox").order_by("name")
        for name in ("host_regions", "visiting_regions"):
            cast(forms.ModelMultipleChoiceField, self.fields[name]).queryset = regions
            self.fields[name].widget.attrs["size"] = 8


class LearningReportForm(MergeableForm, forms.Form):
    """A learning report; `organizations` (when writing a new one) are those the writer may
    write for, `adopters` the visiting side's organisations."""

    merge_fields = ("seen", "adoptable", "adopter", "next_steps")

    seen = forms.CharField(
        label=_("What was seen"), required=False, max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    adoptable = forms.CharField(
        label=_("What could be adopted"), required=False, max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    adopter = forms.ModelChoiceField(
        label=_("Who would adopt it"), queryset=Organization.objects.none(), required=False
    )
    next_steps = forms.CharField(
        label=_("Next steps"), required=False, max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def __init__(
        self,
        *args: Any,
        adopters: list[Organization],
        organizations: list[Organization] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.remember(adopters=adopters, organizations=organizations)
        cast(forms.ModelChoiceField, self.fields["adopter"]).queryset = Organization.objects.filter(
            pk__in=[o.pk for o in adopters]
        ).order_by("name")
        if organizations is not None:
            self.fields["organization"] = forms.ModelChoiceField(
                label=_("Report for"),
                queryset=Organization.objects.filter(pk__in=[o.pk for o in organizations]),
                initial=organizations[0].pk if len(organizations) == 1 else None,
            )
            self.order_fields(["organization"])


class SubmitForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
