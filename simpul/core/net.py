"""The client's address, the same for login throttling and for the audit trail."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind N trusted reverse proxies (SIMPUL_TRUSTED_PROXY_COUNT=N) the
    address the outermost of them saw.

    Each proxy appends the address it received from to X-Forwarded-For, so only the last N
    entries were written by our own proxies; anything to their left came from the client
    and may be forged.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.SIMPUL_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
