from simpul.core.net import client_ip

from .context import Actor, acting_as


class AuditContextMiddleware:
    """Make the signed-in user and their address the actor of every change in this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = Actor(
                user_id=user.pk,
                label=user.email,
                ip_address=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
            )
        else:
            actor = Actor(
                user_id=None,
                label="anonymous",
                ip_address=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
            )
        with acting_as(actor):
            return self.get_response(request)
