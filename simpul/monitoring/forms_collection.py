"""Forms of data collection. The values form only carries what people typed: every check
(numbers, ranges, who reports what) is made by services.collection.values_save, whose
problems come back to the field they concern (`add_problems`)."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from simpul.core.uploads import ALLOWED_EXTENSIONS, ALLOWED_LABEL

from .excel import MAX_FORM_BYTES
from .models import Indicator
from .services.collection import PERIOD, IndicatorLine, plain_number


def form_number(value) -> str:
    """A stored value as the form shows it, so that saving it again reads it back the same:
    1.125 is written 1.1250 (a lone separator before three digits is refused as ambiguous)."""
    text = plain_number(value)
    if "." in text and len(text.split(".")[1]) == 3:
        text += "0"
    return text


def value_field_name(indicator_id: int, option_id: int | None) -> str:
    return f"v-{indicator_id}-{option_id if option_id is not None else 'total'}"


def text_field_name(indicator_id: int) -> str:
    return f"t-{indicator_id}"


def narrative_field_name(indicator_id: int) -> str:
    return f"n-{indicator_id}"


class SubmissionValuesForm(forms.Form):
    """One value field per indicator × (total + options), a finding for qualitative
    indicators and a narrative per indicator (kept on the total row)."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, lines: list[IndicatorLine], **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            indicator = line.indicator
            total = line.total.value
            if indicator.is_quantitative:
                for cell in line.cells:
                    name = value_field_name(indicator.pk, cell.option_id)
                    self.fields[name] = self._value_field(indicator, cell)
                    if cell.value is not None and cell.value.value is not None:
                        self.initial[name] = form_number(cell.value.value)
            else:
                name = text_field_name(indicator.pk)
                self.fields[name] = forms.CharField(
                    label=_("Finding"),
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
                if total is not None:
                    self.initial[name] = total.text
            name = narrative_field_name(indicator.pk)
            self.fields[name] = forms.CharField(
                label=_("Narrative"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("What happened this period, and the source of the data."),
            )
            if total is not None:
                self.initial[name] = total.narrative

    @staticmethod
    def _value_field(indicator: Indicator, cell) -> forms.Field:
        label = cell.label
        if indicator.kind == Indicator.Kind.BOOLEAN:
            return forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", "—"), ("1", gettext("Yes")), ("0", gettext("No"))],
            )
        return forms.CharField(
            label=label,
            required=False,
            max_length=40,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        )

    def rows(self) -> list[tuple]:
        """(indicator, option, value, text, narrative) for values_save."""
        data = self.cleaned_data
        rows = []
        for line in self.lines:
            indicator = line.indicator
            narrative = data.get(narrative_field_name(indicator.pk), "")
            if indicator.is_quantitative:
                for cell in line.cells:
                    raw = data.get(value_field_name(indicator.pk, cell.option_id), "")
                    # The form shows no finding for numbers and one narrative per indicator;
                    # what the Excel form put there is kept, not wiped.
                    kept = cell.value
                    rows.append(
                        (
                            indicator,
                            cell.option,
                            raw,
                            kept.text if kept is not None else "",
                            narrative
                            if cell.option is None
                            else (kept.narrative if kept is not None else ""),
                        )
                    )
            else:
                text = data.get(text_field_name(indicator.pk), "")
                rows.append((indicator, None, None, text, narrative))
        return rows

    def add_problems(self, problems) -> None:
        for key, message in problems:
            field = None
            if key is not None:
                indicator_id, option_id = key
                for name in (
                    value_field_name(indicator_id, option_id),
                    text_field_name(indicator_id),
                    narrative_field_name(indicator_id),
                ):
                    if name in self.fields:
                        field = name
                        break
            self.add_error(field, message)

    def bound_line_fields(self):
        """For the template: each line with its bound fields."""
        for line in self.lines:
            indicator = line.indicator
            values = []
            if indicator.is_quantitative:
                for cell in line.cells:
                    values.append((cell, self[value_field_name(indicator.pk, cell.option_id)]))
            text = None if indicator.is_quantitative else self[text_field_name(indicator.pk)]
            yield line, values, text, self[narrative_field_name(indicator.pk)]


class PeriodStatusForm(forms.Form):
    action = forms.ChoiceField(choices=[(move.action, move.label) for move in PERIOD])


class VersionForm(forms.Form):
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class VerifyForm(VersionForm):
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnForm(VersionForm):
    comment = forms.CharField(
        label=_("Why is it returned?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say what must be corrected; the party sees this with your name."),
        error_messages={
            "required": _("Say why the data is returned, so the party knows what to correct.")
        },
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)}
        ),
    )
    indicator = forms.ModelChoiceField(
        label=_("Proves the values of"),
        queryset=Indicator.objects.none(),
        required=False,
        empty_label=_("— the whole submission —"),
    )
    description = forms.CharField(label=_("Description"), max_length=300, required=False)

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(
            pk__in=[i.pk for i in indicators]
        )
        self.fields["file"].help_text = gettext("%(types)s, at most %(limit)s.") % {
            "types": ALLOWED_LABEL,
            "limit": filesizeformat(settings.SIMPUL_MAX_UPLOAD_BYTES),
        }


class FormUploadForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    file = forms.FileField(
        label=_("Filled-in data form (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "The form downloaded for this period and party, at most %(limit)s. All rows are "
            "saved, or none."
        ) % {"limit": filesizeformat(MAX_FORM_BYTES)}
