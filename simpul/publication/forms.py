from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import InfoKind
from .services import REASON_MAX_LENGTH


class DecisionForm(forms.Form):
    """Publish, unpublish or return to the default one piece of information, with a reason."""

    ACTIONS = [
        ("publish", _("Publish")),
        ("unpublish", _("Make internal")),
        ("reset", _("Back to the default")),
    ]

    kind = forms.ChoiceField(choices=InfoKind.choices, widget=forms.HiddenInput)
    target_id = forms.IntegerField(min_value=0, initial=0, widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Give a reason: it is kept in the history and explains the decision.")
        },
    )


class ConsentForm(forms.Form):
    ACTIONS = [("give", _("Give consent")), ("withdraw", _("Withdraw consent"))]

    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)
