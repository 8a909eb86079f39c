from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import registry
from .models import Channel


class PreferencesForm(forms.Form):
    """One channel per registered kind, and the digest hour in the person's own zone."""

    digest_hour = forms.TypedChoiceField(
        label=_("Daily digest at"),
        coerce=int,
        choices=[(hour, f"{hour:02d}.00") for hour in range(24)],
    )

    def __init__(self, *args: Any, rows: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            spec = row["kind"]
            self.fields[self.field_name(spec.key)] = forms.ChoiceField(
                label=spec.label,
                help_text=spec.description,
                choices=Channel.choices,
                initial=row["channel"],
                widget=forms.RadioSelect,
                required=False,  # a kind left out keeps its channel
            )

    @staticmethod
    def field_name(kind: str) -> str:
        return "kind__" + kind.replace(".", "__")

    def kind_fields(self) -> list[forms.BoundField]:
        return [self[self.field_name(spec.key)] for spec in registry.kinds()]

    def chosen(self) -> dict[str, str]:
        """kind key → chosen channel, for the kinds whose field changed."""
        chosen = {}
        for row in self.rows:
            channel = self.cleaned_data.get(self.field_name(row["kind"].key))
            if channel and channel != row["channel"]:
                chosen[row["kind"].key] = channel
        return chosen
