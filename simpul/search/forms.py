from django import forms
from django.utils.translation import gettext_lazy as _

from simpul.regions.models import Region

from . import registry
from .selectors import Filters


class SearchForm(forms.Form):
    """What the search page reads from the query string; a value it cannot use is dropped
    (never an error page): an unknown kind, a year that is no year, a region that is none."""

    q = forms.CharField(label=_("Search"), required=False, max_length=500, strip=True)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    affair = forms.TypedChoiceField(label=_("Government affair"), required=False, coerce=int)
    region = forms.TypedChoiceField(label=_("Region"), required=False, coerce=int)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100)

    def __init__(self, data, *, kinds=None):
        super().__init__(data)
        allowed = kinds if kinds is not None else [k.name for k in registry.kinds()]
        labels = {k.name: k.label for k in registry.kinds()}
        self.fields["kind"].choices = [("", _("Everything"))] + [
            (name, labels[name]) for name in allowed if name in labels
        ]
        self.fields["affair"].choices = [("", _("All affairs"))] + registry.affair_choices()
        self.fields["region"].choices = [("", _("All of Indonesia"))] + [
            (r.pk, r.name)
            for r in Region.objects.filter(level=Region.Level.PROVINCE)
            .only("pk", "name")
            .order_by("name")
        ]

    def query_and_filters(self) -> tuple[str, Filters]:
        self.is_valid()
        data = self.cleaned_data
        # A field that failed validation is missing from cleaned_data: it filters nothing.
        return str(data.get("q") or self.data.get("q", ""))[:500], Filters(
            kind=data.get("kind") or "",
            affair=data.get("affair") or None,
            region=data.get("region") or None,
            year=data.get("year") or None,
        )
