"""Forms of the ideas pages. They check the shape of the input (lengths, choices); the rules
live in services.py, whose errors come back onto the form through simpul.core.formviews."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Family, GovernmentAffair
from simpul.core.abuse import HoneypotMixin
from simpul.core.merge import MergeableForm
from simpul.knowledge.models import KnowledgeItem
from simpul.organizations.models import Organization
from simpul.plans.models import Activity
from simpul.regions.models import Region

from .models import REASON_MAX, TEXT_MAX, TITLE_MAX, Idea

SORTS = (("support", _("Most supported")), ("newest", _("Newest")))


def _regions() -> QuerySet[Region]:
    return Region.objects.current().without_geometry().order_by("name")


def _text(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=TEXT_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_MAX}),
    )


class IdeaForm(MergeableForm, forms.ModelForm[Idea]):
    """A member's idea; an edit merges with a change saved meanwhile (simpul.core.merge)."""

    problem = _text(_("The problem"), _("What does not work today, and for whom?"))
    proposal = _text(_("The proposal"), _("What would you do, and with whom?"))

    class Meta:
        model = Idea
        fields = ("title", "problem", "proposal", "affairs", "regions")
        widgets = {"affairs": forms.CheckboxSelectMultiple}

    def __init__(
        self, *args: Any, owners: QuerySet[Organization] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        regions = self.fields["regions"]
        affairs = self.fields["affairs"]
        assert isinstance(regions, forms.ModelMultipleChoiceField)  # the fields of Meta.fields
        assert isinstance(affairs, forms.ModelMultipleChoiceField)
        regions.queryset = _regions()
        regions.help_text = _("Hold Ctrl (or ⌘) to choose several.")
        affairs.queryset = GovernmentAffair.objects.order_by("position")
        if owners is not None:
            self.fields["owner"] = forms.ModelChoiceField(
                label=_("On behalf of"), queryset=owners, empty_label=None
            )
            self.remember(owners=owners)


class FilterForm(forms.Form):
    """The board's filters (GET). An unknown value is refused with a message, never a 500."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + Idea.Status.choices
    )
    affair = forms.ModelChoiceField(
        label=_("Government affair"),
        required=False,
        queryset=GovernmentAffair.objects.order_by("position"),
        to_field_name="code",
        empty_label=_("All"),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=_regions(),
        to_field_name="code",
        empty_label=_("All"),
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)


class MoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    action = forms.ChoiceField(choices=[("review", "review"), ("decline", "decline")])
    note = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REASON_MAX}),
    )


def _activity_label(activity: Activity) -> str:
    return f"{activity.plan.agreement.reference_code} · {activity.name}"


def _knowledge_label(item: KnowledgeItem) -> str:
    return f"{item.code} · {item.title}"


class AcceptForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    outcome = forms.ChoiceField(
        label=_("The idea becomes"), choices=Idea.Outcome.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(
        label=_("Title of the agreement draft"), max_length=TITLE_MAX, required=False
    )
    family = forms.ChoiceField(
        label=_("Cooperation family"), choices=Family.choices, initial=Family.KSDD
    )
    activity: forms.ModelChoiceField[Activity] = forms.ModelChoiceField(
        label=_("Plan activity"), queryset=Activity.objects.none(), required=False, empty_label="—"
    )
    knowledge_item: forms.ModelChoiceField[KnowledgeItem] = forms.ModelChoiceField(
        label=_("Knowledge item"),
        queryset=KnowledgeItem.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("A published item, or one of the owner organisation's own."),
    )

    def __init__(
        self,
        *args: Any,
        activities: QuerySet[Activity],
        knowledge_items: QuerySet[KnowledgeItem],
        knowledge_choices: list[KnowledgeItem] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        activity = self.fields["activity"]
        assert isinstance(activity, forms.ModelChoiceField)
        activity.queryset = activities
        activity.label_from_instance = _activity_label  # type: ignore[assignment,method-assign] # Django's documented per-field label hook
        knowledge_item = self.fields["knowledge_item"]
        assert isinstance(knowledge_item, forms.ModelChoiceField)
        knowledge_item.queryset = knowledge_items
        knowledge_item.label_from_instance = _knowledge_label  # type: ignore[assignment,method-assign] # Django's documented per-field label hook
        if knowledge_choices is not None:
            # Listed: a bounded page of items (found by the form's search field); accepted:
            # any item of `knowledge_items`, which the field still validates against.
            knowledge_item.widget.choices = [
                ("", "—"),
                *((item.pk, _knowledge_label(item)) for item in knowledge_choices),
            ]


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX}),
    )


class ModerateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    action = forms.ChoiceField(choices=[("publish", "publish"), ("hide", "hide")])
    reason = forms.CharField(label=_("Reason for hiding"), required=False, max_length=300)


class CitizenIdeaForm(HoneypotMixin, forms.Form):
    """The portal's form: no account, a name and an e-mail address to confirm."""

    region = forms.ModelChoiceField(
        label=_("Region the idea is for"),
        queryset=_regions(),
        to_field_name="code",
        help_text=_("Its government receives the idea and decides on it."),
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    problem = _text(_("The problem"), _("What does not work today, and for whom?"))
    proposal = _text(_("The proposal"), _("What would you do, and with whom?"))
    affairs = forms.ModelMultipleChoiceField(
        label=_("Government affairs"),
        queryset=GovernmentAffair.objects.order_by("position"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    author_name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        help_text=_("Only to confirm your idea; never shown."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("title", "problem", "proposal", "author_name"):
            if name in data and not data[name].strip():
                self.add_error(name, _("This field is required."))
        return data
