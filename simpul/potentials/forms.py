from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import GovernmentAffair
from simpul.core.uploads import validate_upload

from .models import Record, Term


class FinderForm(forms.Form):
    """The finder's query string: an affair is optional; a wrong one is a clear error."""

    urusan = forms.ModelChoiceField(
        label=_("Government affair"),
        queryset=GovernmentAffair.objects.all(),
        required=False,
        to_field_name="code",
        empty_label=_("All affairs"),
        error_messages={"invalid_choice": _("There is no such government affair; choose one.")},
    )


class RecordForm(forms.ModelForm):
    class Meta:
        model = Record
        fields = ["term", "kind", "source", "year", "evidence", "evidence_url", "note"]

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.fields["term"].queryset = Term.objects.select_related("affair")

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        if evidence and hasattr(evidence, "content_type"):
            validate_upload(evidence)
        return evidence

    def clean(self):
        data = super().clean()
        term, kind = data.get("term"), data.get("kind")
        if (
            self.region is not None
            and term
            and kind
            and Record.objects.filter(region=self.region, term=term, kind=kind).exists()
        ):
            raise ValidationError(_("This region has already recorded this; edit that record."))
        return data
