import hashlib

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from simpul.core import outbox

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


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the e-mail sent through the outbox like every other one
    (retries, a record for the operator). One key per reset link: asking twice sends two
    links, a re-delivery of the same link is not a second e-mail."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        subject = loader.render_to_string(subject_template_name, context)
        body = loader.render_to_string(email_template_name, context)
        html = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name
            else None
        )
        # The token itself stays out of the key (keys are shown to operators).
        link = hashlib.sha256(f"{context['uid']}:{context['token']}".encode()).hexdigest()[:24]
        outbox.enqueue(
            key=f"password-reset:{context['user'].pk}:{link}",
            to=to_email,
            subject=subject,
            text=body,
            html=html,
            language=translation.get_language() or "",
            from_email=from_email,
        )
