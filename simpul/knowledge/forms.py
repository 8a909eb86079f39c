"""Forms of the knowledge pages: the list's filters, writing an item (its edit form merges two
writers field by field, simpul.core.merge), the review and the lesson-from-a-source forms."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import GovernmentAffair
from simpul.core.merge import MergeableForm
from simpul.monitoring.models import Indicator
from simpul.organizations.models import Organization
from simpul.regions.models import Region

from .models import Kind, KnowledgeItem

TEXTAREA = {"rows": 4}


def _regions() -> Any:
    return Region.objects.defer("boundary", "bbox").order_by("name")


class FilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Kind.choices]
    )
    affair = forms.ModelChoiceField(
        label=_("Government affair"),
        required=False,
        queryset=GovernmentAffair.objects.all(),
        empty_label=_("All affairs"),
    )
    region = forms.ModelChoiceField(
        label=_("Region"), required=False, queryset=Region.objects.none(),
        empty_label=_("All regions"),
    )  # fmt: skip
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = _regions()

    def filters(self) -> dict[str, Any]:
        """The valid filters; a garbled one is left out (and said beside its field)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in self.fields if data.get(name) not in (None, "")}


class ItemForm(MergeableForm, forms.ModelForm):
    """An item's fields. Uploads (the infographic's image, the document's file) are not
    merged: a new file replaces the stored one."""

    merge_fields = (
        "title", "summary", "year", "context", "problem", "approach", "results_text",
        "indicators", "cost", "cost_paid_by", "replication_conditions", "pitfalls",
        "contact_organization", "contact_person", "research_partner", "video_url",
        "transcript", "image_alt", "affairs", "regions", "agreements", "tags", "licence",
    )  # fmt: skip

    owner = forms.ModelChoiceField(
        label=_("Owning organisation"), queryset=Organization.objects.none()
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators that show the results"),
        required=False,
        queryset=Indicator.objects.none(),
        help_text=_("Their verified values are shown with the item."),
    )
    video_url = forms.URLField(
        label=_("Video link"), required=False, max_length=500, assume_scheme="https",
        help_text=_("A link to YouTube, Vimeo or a region's own site; never embedded."),
    )  # fmt: skip
    image_file = forms.FileField(
        label=_("Image (PNG or JPEG)"), required=False,
        help_text=_("For an infographic. Checked by its content."),
    )  # fmt: skip
    document_file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("For a document: PDF, DOCX, XLSX, ODT, PNG or JPEG."),
    )

    class Meta:
        model = KnowledgeItem
        fields = [
            "title", "summary", "year", "context", "problem", "approach", "results_text",
            "cost", "cost_paid_by", "replication_conditions", "pitfalls",
            "contact_organization", "contact_person", "research_partner", "video_url",
            "transcript", "image_alt", "affairs", "regions", "agreements", "tags", "licence",
        ]  # fmt: skip
        widgets = {
            name: forms.Textarea(attrs=TEXTAREA)
            for name in (
                "summary", "context", "problem", "approach", "results_text",
                "replication_conditions", "pitfalls", "transcript", "image_alt",
            )
        }  # fmt: skip
        help_texts = {
            "image_alt": _("What the infographic shows, for readers who cannot see it."),
            "tags": _("Separated by commas."),
        }

    def __init__(
        self,
        *args: Any,
        owners: list[Organization],
        agreements: Any,
        indicators: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.remember(owners=owners, agreements=agreements, indicators=indicators)
        if self.is_editing:
            del self.fields["owner"]
            del self.fields["kind"]
            self.fields["indicators"].initial = list(
                self.instance.results.values_list("indicator_id", flat=True)
            )
        else:
            owner_field = cast(forms.ModelChoiceField, self.fields["owner"])
            owner_field.queryset = Organization.objects.filter(pk__in=[o.pk for o in owners])
            if len(owners) == 1:
                owner_field.initial = owners[0].pk
        cast(forms.ModelMultipleChoiceField, self.fields["regions"]).queryset = _regions()
        cast(forms.ModelMultipleChoiceField, self.fields["agreements"]).queryset = agreements
        cast(forms.ModelMultipleChoiceField, self.fields["indicators"]).queryset = indicators
        partner = cast(forms.ModelChoiceField, self.fields["research_partner"])
        partner.queryset = Organization.objects.filter(
            kind=Organization.Kind.UNIVERSITY, is_active=True
        ).order_by("name")
        contact = cast(forms.ModelChoiceField, self.fields["contact_organization"])
        contact.queryset = Organization.objects.filter(is_active=True).order_by("name")
        for name in ("regions", "agreements", "affairs", "indicators"):
            self.fields[name].widget.attrs["size"] = 6

    def row_value(self, row: Any, name: str, values: dict[str, Any]) -> Any:
        if name == "indicators":
            return list(row.results.values_list("indicator_id", flat=True))
        return super().row_value(row, name, values)

    def service_fields(self) -> dict[str, Any]:
        """The cleaned values as the services take them."""
        data = self.cleaned_data
        fields = self.cleaned_fields() if self.is_editing else {
            name: data[name] for name in self.merge_fields if name in data
        }  # fmt: skip
        fields["image"] = data.get("image_file")
        fields["file"] = data.get("document_file")
        return fields


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(
        choices=[("publish", _("Publish")), ("return", _("Return")), ("unpublish", _("Unpublish"))]
    )
    audience = forms.ChoiceField(
        label=_("Publish to"),
        choices=KnowledgeItem.Audience.choices,
        initial=KnowledgeItem.Audience.MEMBERS,
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Reason (needed to return or unpublish)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class LessonSourceForm(forms.Form):
    """Which of the person's organisations owns the lesson they start from a source."""

    owner = forms.ModelChoiceField(
        label=_("Owning organisation"), queryset=Organization.objects.none()
    )

    def __init__(self, *args: Any, owners: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["owner"])
        field.queryset = Organization.objects.filter(pk__in=[o.pk for o in owners]).order_by("name")
        if len(owners) == 1:
            field.initial = owners[0].pk
