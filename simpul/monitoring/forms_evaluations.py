"""Forms of the evaluation pages: they parse input; the services validate state and save."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simpul.core.widgets import DateInput

from .models import Evaluation, Finding, FollowUp, Recommendation

DATE = DateInput()


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = [
            "title",
            "period_start",
            "period_end",
            "conducted_on",
            "method",
            "summary",
            "proposes_revision",
            "revision_note",
        ]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "conducted_on": DATE,
            "method": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "revision_note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "method": _("How the evaluation was done: document review, field visits, interviews…"),
            "revision_note": _("Required when the evaluation proposes a plan revision."),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period covered cannot end before it starts."))
        if data.get("proposes_revision") and not (data.get("revision_note") or "").strip():
            self.add_error("revision_note", _("Say what the plan revision should change."))
        return data


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["finding", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"finding": _("The finding this recommendation answers, if any.")}

    def __init__(self, *args, evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].queryset = evaluation.findings.all()
        self.fields["finding"].required = False
        self.fields["finding"].label_from_instance = lambda f: (
            f"{f.get_kind_display()}: {f.text[:80]}"
        )


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["action", "owner", "due_date", "note"]
        widgets = {"due_date": DATE, "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"owner": _("The party that carries the action out.")}

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = agreement.parties.select_related("organization")
        self.fields["owner"].label_from_instance = lambda party: party.organization.name
        self.fields["owner"].empty_label = None


class FollowUpStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUp.Status.choices)
    done_on = forms.DateField(
        label=_("Done on"),
        required=False,
        widget=DATE,
        help_text=_("When the action was completed; today if left empty."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_done_on(self):
        done_on = self.cleaned_data.get("done_on")
        if done_on and done_on > timezone.localdate():
            raise forms.ValidationError(_("The date it was done cannot be in the future."))
        return done_on
