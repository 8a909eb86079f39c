from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Region


class RegionFilterForm(forms.Form):
    """The directory's search and filters, read from the query string.

    A value that does not validate is dropped by the view (with a message), never a 500.
    """

    q = forms.CharField(
        label=_("Name or code"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("e.g. Sleman or 34.04"),
                "autocomplete": "off",
            }
        ),
    )
    province = forms.ChoiceField(label=_("Province"), required=False)
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("All levels")), *Region.Level.choices],
    )

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [
            ("", _("All provinces")),
            *((p.code, p.name) for p in provinces),
        ]

    # Messages shown when a value is dropped; keyed by field name.
    IGNORED = {
        "q": _("The search text was too long and was ignored."),
        "province": _("There is no province with that code; showing all provinces."),
        "level": _("That level does not exist; showing all levels."),
    }
