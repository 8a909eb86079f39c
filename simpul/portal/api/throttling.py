"""The API's throttle: anonymous requests counted per client address (kept out of views.py,
which DRF's settings would otherwise import while rest_framework.views is still loading)."""

from rest_framework.throttling import AnonRateThrottle

from simpul.core.net import client_ip


class ClientThrottle(AnonRateThrottle):
    """Per client address, as the project sees it (simpul.core.net.client_ip)."""

    scope = "anon"

    def get_ident(self, request) -> str:
        return client_ip(request) or "unknown"
