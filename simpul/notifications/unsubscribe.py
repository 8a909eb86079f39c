"""The one-click unsubscribe link every notification mail carries (RFC 8058).

The token is a signed (person, kind) pair, salted so no other signed value of the platform
is accepted here. It never expires: turning a kind off is harmless, and a replayed link only
says the kind is already off.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "simpul.notifications.unsubscribe"


def token_for(user_pk: int, kind: str) -> str:
    return signing.dumps([user_pk, kind], salt=SALT)


def read_token(token: str) -> tuple[int, str]:
    """(user pk, kind) of a token; signing.BadSignature when it was tampered with."""
    value = signing.loads(token, salt=SALT)
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not isinstance(value[1], str)
    ):
        raise signing.BadSignature("not an unsubscribe token")
    return value[0], value[1]


def url_for(user_pk: int, kind: str) -> str:
    path = reverse("notifications:unsubscribe", kwargs={"token": token_for(user_pk, kind)})
    return settings.SITE_URL + path


def headers_for(user_pk: int, kind: str) -> dict[str, str]:
    """The RFC 8058 headers: mail clients show an "unsubscribe" button that POSTs the link."""
    return {
        "List-Unsubscribe": f"<{url_for(user_pk, kind)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
