"""Who may open the account pages (see simpul/testing/matrix.py).

Sign-in, password reset and the reset confirmation are for everyone: a signed-in person may
also reset a forgotten password. Signed-in people are sent on from the sign-in page (302).
"""

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from simpul.testing.matrix import Expect, everyone, signed_in


def _reset_kwargs(cast) -> dict:
    """A valid reset link for Dewi: the view stores the token and redirects (302)."""
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(cast.dewi.pk)),
        "token": default_token_generator.make_token(cast.dewi),
    }


EXPECTATIONS = {
    "accounts:login": Expect(statuses=everyone(302, anonymous=200)),
    "accounts:logout": Expect(statuses=everyone(302), method="post"),
    "accounts:password-reset": Expect(statuses=everyone(200)),
    "accounts:password-reset-done": Expect(statuses=everyone(200)),
    "accounts:password-reset-confirm": Expect(statuses=everyone(302), kwargs=_reset_kwargs),
    "accounts:password-reset-complete": Expect(statuses=everyone(200)),
    "accounts:password-change": Expect(statuses=signed_in(200)),
    "accounts:profile": Expect(statuses=signed_in(200)),
}
