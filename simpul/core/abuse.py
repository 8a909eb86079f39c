"""Spam and flood protection for the public forms, without a third-party service.

- `client_fingerprint(request)`: a keyed hash of the client address, stored instead of the
  address itself (enough to count, useless to identify).
- `over_limit(queryset, fingerprint)`: has this address sent PUBLIC_FORM_LIMIT_PER_HOUR rows
  of this kind within the last hour? Counted in the database, so every worker agrees.
- `HoneypotMixin`: a form field humans never see (hidden by CSS and aria-hidden, excluded from
  the tab order); bots that fill it are refused with a neutral message.
- E-mail confirmation is the third layer; each app sends its own confirmation link.
"""

import hashlib
import hmac
from datetime import timedelta

from django import forms
from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .net import client_ip

HONEYPOT_FIELD = "website"


def client_fingerprint(request: HttpRequest) -> str:
    address = client_ip(request) or "unknown"
    return hmac.new(
        settings.SECRET_KEY.encode(), f"client:{address}".encode(), hashlib.sha256
    ).hexdigest()


def over_limit(
    queryset: QuerySet[Model],
    fingerprint: str,
    *,
    field: str = "ip_hash",
    since: str = "created_at",
    limit: int | None = None,
    window: timedelta = timedelta(hours=1),
) -> bool:
    limit = settings.PUBLIC_FORM_LIMIT_PER_HOUR if limit is None else limit
    recent = queryset.filter(**{field: fingerprint, f"{since}__gte": timezone.now() - window})
    return recent.count() >= limit


def token_hash(token: str) -> str:
    """Confirmation and access tokens are stored only as this hash."""
    return hashlib.sha256(token.encode()).hexdigest()


class HoneypotMixin(forms.Form):
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "tabindex": "-1", "class": "honeypot"}
        ),
    )

    def clean_website(self) -> str:
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(_("This form could not be sent. Please try again."))
        return ""
