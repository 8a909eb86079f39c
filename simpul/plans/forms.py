"""Forms of the plan pages. They parse and check input shape only (numbers are numbers,
choices belong to this plan and agreement); the rules live in services.py, whose errors are
put back on the form by `simpul.core.formviews`.

An edit form of a part or of the plan's summary carries a signed snapshot of its row
(`simpul.core.merge`), so a save made on a stale page is merged field by field instead of
overwriting someone else's change; the plan's life-cycle forms (submit, decisions, revise) and
the forms that add a part carry `plan_version`, the plan version the page was built from.
"""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from simpul.core.merge import MergeableForm
from simpul.core.uploads import ALLOWED_EXTENSIONS, ALLOWED_LABEL
from simpul.core.widgets import DateInput
from simpul.regions.models import Region

from .models import (
    Activity,
    BudgetLine,
    NeedsAssessment,
    Objective,
    Plan,
    PlanVersion,
    Program,
    Risk,
    Strategy,
)

DATE = DateInput()
TEXT = {"rows": 3}


class VersionedMixin(forms.Form):
    plan_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        # A hidden field's own error would not be seen: say it at the top instead.
        if self.errors.pop("plan_version", None) is not None or not data.get("plan_version"):
            self.add_error(
                None,
                _("This form is out of date or incomplete: reload the plan and try again."),
            )
        return data


class PartForm(MergeableForm, forms.ModelForm):
    """A form for one row of the plan. Model validation is the service's job (it knows the plan
    and the agreement), so the ModelForm's own model checks are skipped. Editing a row merges
    concurrent edits (MergeableForm); adding one checks the plan's version."""

    plan_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self._merge_args[1]["plan"] = plan  # so that a merged form is built the same way
        self.plan = plan
        if self.is_editing:
            del self.fields["plan_version"]
        elif not self.is_bound:
            self.initial["plan_version"] = plan.version
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.error_messages["invalid_choice"] = _(
                    "That choice is not part of this plan or agreement."
                )

    def clean(self):
        data = super().clean()
        if not self.is_editing and not data.get("plan_version"):
            self.add_error(
                None,
                _("This form is out of date or incomplete: reload the plan and try again."),
            )
        return data

    def _post_clean(self):
        pass

    def _parties(self):
        return self.plan.agreement.parties.select_related("organization")


class AssessmentForm(PartForm):
    attachment_file = forms.FileField(
        label=gettext_lazy("Attachment"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)}
        ),
    )
    remove_attachment = forms.BooleanField(
        label=gettext_lazy("Remove the current attachment"), required=False
    )

    class Meta:
        model = NeedsAssessment
        fields = ["title", "method", "conducted_on", "needs", "potentials"]
        widgets = {
            "conducted_on": DATE,
            "needs": forms.Textarea(attrs=TEXT),
            "potentials": forms.Textarea(attrs=TEXT),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment_file"].help_text = _("%(types)s, at most %(limit)s.") % {
            "types": ALLOWED_LABEL,
            "limit": filesizeformat(settings.SIMPUL_MAX_UPLOAD_BYTES),
        }
        if not (self.instance.pk and self.instance.attachment):
            del self.fields["remove_attachment"]


class ObjectiveForm(PartForm):
    class Meta:
        model = Objective
        fields = ["code", "statement"]
        help_texts = {
            "code": gettext_lazy("Short and unique in this plan, e.g. T1."),
            "statement": gettext_lazy(
                "One specific change: what, for whom, where and by when, e.g. "
                "“Reduce the waste sent to Piyungan landfill by 30% by 2028”."
            ),
        }


class StrategyForm(PartForm):
    class Meta:
        model = Strategy
        fields = ["description", "stakeholders_consulted"]
        widgets = {
            "description": forms.Textarea(attrs=TEXT),
            "stakeholders_consulted": forms.Textarea(attrs={"rows": 2}),
        }


class RiskForm(PartForm):
    class Meta:
        model = Risk
        fields = ["description", "likelihood", "impact", "mitigation", "owner"]
        widgets = {
            "description": forms.Textarea(attrs=TEXT),
            "mitigation": forms.Textarea(attrs=TEXT),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = self._parties()


class ProgramForm(PartForm):
    class Meta:
        model = Program
        fields = ["name", "objective", "description"]
        widgets = {"description": forms.Textarea(attrs=TEXT)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = Objective.objects.filter(plan=self.plan)


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} {obj.name}"


class ActivityForm(PartForm):
    region = RegionChoiceField(
        label=gettext_lazy("Region"),
        queryset=Region.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "Where it happens: a region, a point (latitude and longitude), or both."
        ),
    )

    class Meta:
        model = Activity
        fields = [
            "program",
            "name",
            "start_date",
            "end_date",
            "responsible",
            "status",
            "progress",
            "region",
            "latitude",
            "longitude",
        ]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.filter(plan=self.plan)
        self.fields["responsible"].queryset = self._parties()
        self.fields["region"].queryset = (
            Region.objects.current().without_geometry().order_by("code")
        )
        self.fields["progress"].min_value = 0
        self.fields["progress"].max_value = 100
        self.fields["progress"].widget.attrs.update(min=0, max=100)
        self.fields["progress"].validators.append(_percent)
        self.fields["latitude"].widget.attrs.update(min=-90, max=90, step="any")
        self.fields["longitude"].widget.attrs.update(min=-180, max=180, step="any")
        agreement = self.plan.agreement
        if agreement.start_date and agreement.end_date:
            hint = _("Between %(start)s and %(end)s (the agreement's term).") % {
                "start": agreement.start_date.isoformat(),
                "end": agreement.end_date.isoformat(),
            }
            self.fields["start_date"].help_text = hint
            for name in ("start_date", "end_date"):
                self.fields[name].widget.attrs.update(
                    min=agreement.start_date.isoformat(), max=agreement.end_date.isoformat()
                )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The activity cannot end before it starts."))
        return data


def _percent(value) -> None:
    if value is not None and not 0 <= value <= 100:
        raise ValidationError(_("Progress is a percentage between 0 and 100."))


class BudgetLineForm(PartForm):
    class Meta:
        model = BudgetLine
        fields = [
            "activity",
            "party",
            "funding_source",
            "fiscal_year",
            "planned",
            "realised",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = Activity.objects.filter(plan=self.plan)
        self.fields["party"].queryset = self._parties()
        for name in ("planned", "realised"):
            field = self.fields[name]
            field.min_value = Decimal(0)
            field.validators.append(_not_negative)
            field.widget.attrs.update(min=0, step="0.01", inputmode="decimal")
        self.fields["realised"].required = False
        self.fields["realised"].help_text = _(
            "May be above planned: the line is then flagged as over plan."
        )
        self.fields["fiscal_year"].widget.attrs.update(min=2000, max=2100)

    def clean_realised(self):
        return self.cleaned_data.get("realised") or Decimal(0)


def _not_negative(value) -> None:
    if value is not None and value < 0:
        raise ValidationError(_("The amount cannot be negative."))


class SummaryForm(MergeableForm, forms.Form):
    """The plan's own text, merged against the plan row's version (simpul.core.merge): a part
    added or changed meanwhile does not touch it, someone else's summary is never overwritten."""

    merge_fields = ("summary",)

    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class DeleteForm(forms.Form):
    """The row's version the person saw when asked to confirm."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if self.errors.pop("version", None) is not None or not data.get("version"):
            self.add_error(
                None,
                _("This form is out of date or incomplete: reload the plan and try again."),
            )
        return data


class SubmitForm(VersionedMixin):
    pass


class ReviseForm(VersionedMixin):
    note = forms.CharField(
        label=gettext_lazy("Why a revision?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(VersionedMixin):
    """Approve or return on behalf of one of the parties the person may speak for."""

    party = forms.ModelChoiceField(label=gettext_lazy("On behalf of"), queryset=None)
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, parties, note_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties
        self.fields["party"].error_messages["invalid_choice"] = _(
            "You cannot decide on behalf of that party."
        )
        if note_required:
            self.fields["note"].required = True
            self.fields["note"].label = _("What must change?")


class DiffForm(forms.Form):
    """Which two versions to compare: approved version numbers, or the current draft."""

    DRAFT = "draft"

    from_ = forms.ChoiceField(label=gettext_lazy("From"))
    to = forms.ChoiceField(label=gettext_lazy("To"))

    def __init__(self, *args, plan: Plan, versions: list[PlanVersion], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (str(v.number), _("Version %(n)s (approved)") % {"n": v.number}) for v in versions
        ]
        if plan.status != Plan.Status.APPROVED:
            choices.append((self.DRAFT, _("Version %(n)s (current draft)") % {"n": plan.number}))
        self.fields["from_"].choices = choices
        self.fields["to"].choices = choices
        self.fields["from_"].error_messages["invalid_choice"] = _(
            "There is no such version to compare."
        )
        self.fields["to"].error_messages["invalid_choice"] = _(
            "There is no such version to compare."
        )

    def add_prefix(self, field_name: str) -> str:
        # The query string says ?from=1&to=2; `from` is a Python keyword.
        return "from" if field_name == "from_" else super().add_prefix(field_name)

    def clean(self):
        data = super().clean()
        if data.get("from_") and data.get("from_") == data.get("to"):
            raise ValidationError(_("Choose two different versions to compare."))
        return data
