"""The forum's create and edit form. Editing merges field by field with someone else's change
(simpul.core.merge); the member organisations compare as a set."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from simpul.core.merge import MergeableForm
from simpul.organizations.models import Organization

from .access import FORUM_ORGANIZATION_KINDS
from .models import Cadence, Forum, QuorumRule


class ForumForm(MergeableForm, forms.Form):
    merge_fields = (
        "name", "kind", "description", "secretariat", "members", "cadence", "quorum", "is_active",
    )  # fmt: skip

    name = forms.CharField(label=_("Name of the forum"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name in addresses"), max_length=80, required=False,
        help_text=_("Letters, digits and hyphens; empty: made from the name. It never changes."),
    )  # fmt: skip
    kind = forms.ChoiceField(label=_("Kind of forum"), choices=Forum.Kind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    secretariat = forms.ModelChoiceField(
        label=_("Secretariat"), queryset=Organization.objects.none(),
        help_text=_("The organisation that runs the forum: its editors schedule the meetings."),
    )  # fmt: skip
    members = forms.ModelMultipleChoiceField(
        label=_("Member organisations"), queryset=Organization.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("At least two. Hold Ctrl (or ⌘) to choose several."),
    )  # fmt: skip
    cadence = forms.ChoiceField(
        label=_("Declared cadence"), choices=Cadence.choices,
        help_text=_("How often the forum means to meet; collaboration health compares with it."),
    )  # fmt: skip
    quorum = forms.ChoiceField(label=_("Quorum rule"), choices=QuorumRule.choices)
    is_active = forms.BooleanField(label=_("Active"), required=False)

    def __init__(
        self, *args: Any, secretariats: QuerySet[Organization] | None = None, **kwargs: Any
    ) -> None:
        forum = kwargs.get("instance")
        data = args[0] if args else kwargs.get("data")
        if forum is not None and data is None:
            kwargs["initial"] = {
                "name": forum.name,
                "kind": forum.kind,
                "description": forum.description,
                "secretariat": forum.secretariat_id,
                "members": list(forum.members.values_list("pk", flat=True)),
                "cadence": forum.cadence,
                "quorum": forum.quorum,
                "is_active": forum.is_active,
            }
        super().__init__(*args, **kwargs)
        self.remember(secretariats=secretariats)
        secretariat = cast(forms.ModelChoiceField, self.fields["secretariat"])
        secretariat.queryset = (
            secretariats if secretariats is not None else Organization.objects.none()
        ).order_by("name")
        members = cast(forms.ModelMultipleChoiceField, self.fields["members"])
        members.queryset = Organization.objects.filter(kind__in=FORUM_ORGANIZATION_KINDS).order_by(
            "name"
        )
        if self.is_editing:
            del self.fields["slug"]
        else:
            del self.fields["is_active"]

    def row_value(self, row: Any, name: str, values: dict[str, Any]) -> Any:
        if name == "members":
            return sorted(row.members.values_list("pk", flat=True))
        return super().row_value(row, name, values)

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.is_editing and not data.get("slug") and data.get("name"):
            data["slug"] = slugify(data["name"])[:80].strip("-")
            if not data["slug"]:
                self.add_error("slug", _("Give the forum a short name of letters and digits."))
        return data
