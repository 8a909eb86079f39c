from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import User


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in with an e-mail address; the field keeps the name `username` (django-axes)."""

    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or the password is not right. Please try again."),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "position", "phone", "preferred_language"]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
