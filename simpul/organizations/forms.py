from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from simpul.accounts.models import User

from .models import Membership, Organization


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or acronym"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Organization.Kind.choices]
    )
    province = forms.ChoiceField(label=_("Province"), required=False)

    def __init__(self, *args, provinces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("All provinces"))] + [
            (p.code, p.name) for p in provinces
        ]
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.VIEWER
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class NewAccountForm(forms.Form):
    """Accepting an invitation without an account: name and password (validators apply)."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            candidate = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, user=candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
