"""The header's notification link with its unread badge: `{% notification_badge %}`."""

from typing import Any

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("notifications/includes/badge.html", takes_context=True)
def notification_badge(context: template.Context) -> dict[str, Any]:
    """One indexed, capped COUNT for a signed-in person; nothing for a visitor."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    count = selectors.unread_count(user)
    return {"show": True, "count": count, "label": selectors.count_label(count)}


@register.simple_tag(takes_context=True)
def is_following(context: template.Context, kind: str, pk: int) -> bool:
    """`{% is_following "agreement" agreement.pk as following %}`: one EXISTS query."""
    from ..services import is_following as following

    request = context.get("request")
    return following(getattr(request, "user", None), f"{kind}:{pk}")
