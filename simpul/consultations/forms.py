"""Forms of the consultation pages. They check the shape of the input (lengths, choices,
dates in the viewer's time zone); the rules live in services.py, whose ValidationErrors are put
back on the form by `simpul.core.formviews.add_errors`."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from simpul.core.abuse import HoneypotMixin
from simpul.core.merge import MergeableForm

from .models import Consultation

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
COMMENT_MAX = 5000
ANSWER_MAX = 5000
OUTCOME_MAX = 10000


def sections_text(rows) -> str:
    """A draft's sections as one value to compare and merge: the kept rows in their order."""
    kept = [
        {"id": row.get("id"), "heading": row["heading"].strip(), "body": row["body"].strip()}
        for row in rows
        if not row.get("delete") and (row["heading"].strip() or row["body"].strip())
    ]
    return json.dumps(kept, ensure_ascii=False)


def sections_for_service(text: str, consultation) -> list[dict]:
    """The rows `consultation_update` takes: the value's sections in order, and a deletion for
    every current section the value no longer holds."""
    rows = [dict(row) for row in json.loads(text or "[]")]
    kept = {row["id"] for row in rows if row.get("id")}
    gone = consultation.sections.exclude(pk__in=kept).values_list("pk", flat=True)
    return rows + [{"id": pk, "heading": "", "body": "", "delete": True} for pk in gone]


class SectionsInput(forms.HiddenInput):
    """Reads the section rows (the formset "sections") as one value; the formset draws them."""

    def value_from_datadict(self, data, files, name):
        formset = SectionFormSet(data, prefix="sections")
        if "sections-TOTAL_FORMS" not in data or not formset.is_valid():
            return ""
        return sections_text(section_rows(formset))

    def render(self, name, value, attrs=None, renderer=None):
        return ""


class SectionsField(forms.CharField):
    """A draft's sections, merged as one value (simpul.core.merge)."""

    widget = SectionsInput

    def __init__(self, **kwargs):
        super().__init__(required=False, strip=False, label=_("Sections"), **kwargs)

    def write_data(self, data, text: str) -> None:
        """Put the sections of `text` into the formset's inputs, with two empty rows."""
        for key in [key for key in data if key.startswith("sections-")]:
            data.pop(key)
        rows = json.loads(text or "[]")
        data["sections-TOTAL_FORMS"] = str(len(rows) + 2)
        data["sections-INITIAL_FORMS"] = str(len(rows))
        data["sections-MIN_NUM_FORMS"] = "0"
        data["sections-MAX_NUM_FORMS"] = "1000"
        for index, row in enumerate(rows):
            data[f"sections-{index}-id"] = "" if row.get("id") is None else str(row["id"])
            data[f"sections-{index}-heading"] = row["heading"]
            data[f"sections-{index}-body"] = row["body"]

    def display_merged(self, text: str) -> str:
        rows = json.loads(text or "[]")
        return "\n".join(f"{row['heading']}: {row['body']}" for row in rows) or "—"


class ConsultationForm(MergeableForm, forms.Form):
    """Creating a consultation, or editing one: then merged field by field with someone else's
    change (simpul.core.merge). A draft's sections are merged as one value (the list)."""

    merge_fields = ("subject", "title", "summary", "opens_at", "closes_at", "sections")

    subject = forms.ChoiceField(
        label=_("What is put to consultation"), choices=Consultation.Subject.choices
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary for the public"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the draft is about and what kind of comments help the parties most."),
    )
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DATETIME)
    sections = SectionsField()

    def __init__(self, *args, timezone_name: str = "", sources=None, open_only=False, **kwargs):
        # Known before the snapshot is taken: only a draft's sections can be edited.
        self.with_sections = not open_only
        super().__init__(*args, **kwargs)
        self.remember(timezone_name=timezone_name, sources=sources, open_only=open_only)
        if timezone_name:
            for name in ("opens_at", "closes_at"):
                self.fields[name].help_text = _("In your time zone (%(zone)s).") % {
                    "zone": timezone_name
                }
        if sources is not None:
            self.fields["source"] = forms.ChoiceField(
                label=_("Fill the sections from"),
                choices=sources,
                required=False,
                help_text=_(
                    "The sections are copied from existing data so you don't retype them; "
                    "you can change them before publishing."
                ),
            )
        if open_only:
            # Once open, the subject and opening time stay as published.
            for name in ("subject", "opens_at"):
                self.fields[name].disabled = True

    def merged_field_names(self) -> list[str]:
        names = super().merged_field_names()
        return names if self.with_sections else [n for n in names if n != "sections"]

    def row_value(self, row, name: str, values: dict) -> object:
        if name == "sections":
            return sections_text(
                {"id": s.pk, "heading": s.heading, "body": s.body}
                for s in row.sections.order_by("position", "pk")
            )
        return super().row_value(row, name, values)

    def clean(self):
        data = super().clean()
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("The consultation must close after it opens."))
        return data


class SectionForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    heading = forms.CharField(label=_("Heading"), max_length=300, required=False)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean(self):
        data = super().clean()
        if data.get("DELETE"):
            return data
        heading, body = (data.get("heading") or "").strip(), (data.get("body") or "").strip()
        if heading and not body:
            self.add_error("body", _("Write the text of this section, or leave both empty."))
        if body and not heading:
            self.add_error("heading", _("Give this section a heading."))
        return data


SectionFormSet = forms.formset_factory(SectionForm, extra=2, can_delete=True, max_num=50)


def section_rows(formset) -> list[dict]:
    return [
        {
            "id": form.cleaned_data.get("id"),
            "heading": (form.cleaned_data.get("heading") or "").strip(),
            "body": (form.cleaned_data.get("body") or "").strip(),
            "delete": form.cleaned_data.get("DELETE", False),
        }
        for form in formset.forms
        if form.cleaned_data
    ]


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConcludeForm(VersionForm):
    outcome = forms.CharField(
        label=_("What changed because of the comments"),
        max_length=OUTCOME_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Shown on the public page with the comments marked as having led to a change."),
    )


class ModerateForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", _("Publish")), ("hide", _("Hide"))])
    reason = forms.CharField(
        label=_("Reason for hiding (shown publicly)"), max_length=300, required=False
    )


class AnswerForm(forms.Form):
    party = forms.TypedChoiceField(label=_("Answer on behalf of"), coerce=int)
    body = forms.CharField(
        label=_("Answer"), max_length=ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [(p.pk, str(p.organization)) for p in parties]


class ChangeForm(forms.Form):
    led_to_change = forms.BooleanField(required=False)


class CommentForm(HoneypotMixin, forms.Form):
    section = forms.IntegerField(widget=forms.HiddenInput)
    author_name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        help_text=_("Only to confirm your comment; never shown."),
    )
    body = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _("At most %(max)s characters.") % {
            "max": f"{COMMENT_MAX:,}".replace(",", ".")
        }

    def clean_author_name(self):
        name = self.cleaned_data["author_name"].strip()
        if not name:
            raise ValidationError(_("Give your name."))
        return name

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise ValidationError(_("Write your comment."))
        return body
