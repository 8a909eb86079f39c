"""Small panels of the minutes on other apps' pages: "My actions" on the dashboard and the
decisions and action items on an agreement's meetings tab. Each costs a fixed number of
queries (one per list), however many rows there are."""

from typing import Any

from django import template

from simpul.core import zones

from ..models import ActionItem, Decision

register = template.Library()

PANEL_SIZE = 10


@register.inclusion_tag("meetings/minutes/my_actions.html")
def my_actions_panel(user: Any) -> dict[str, Any]:
    """The person's open action items, soonest due first (overdue in the owner's zone)."""
    actions = list(
        ActionItem.objects.filter(owner_id=user.pk, status=ActionItem.Status.OPEN)
        .select_related("agenda_item__meeting", "owner_organization__region")
        .order_by("due_date", "pk")[:PANEL_SIZE]
    )
    rows = [
        (action, action.due_date < zones.today_in(action.owner_organization)) for action in actions
    ]
    return {"rows": rows}


@register.inclusion_tag("meetings/minutes/agreement_panel.html")
def agreement_minutes_panel(agreement: Any) -> dict[str, Any]:
    """The agreement's open action items (soonest due first, overdue in the owner's zone) and
    its meetings' latest decisions, each with the plan activity or indicator it changes."""
    from ..timeline import decision_link

    decisions = list(
        Decision.objects.filter(agenda_item__meeting__agreement_id=agreement.pk)
        .select_related("agenda_item__meeting", "activity", "indicator")
        .order_by("-agenda_item__meeting__starts_at", "pk")[:PANEL_SIZE]
    )
    actions = list(
        ActionItem.objects.filter(
            agenda_item__meeting__agreement_id=agreement.pk, status=ActionItem.Status.OPEN
        )
        .select_related("agenda_item__meeting", "owner_organization__region", "owner")
        .order_by("due_date", "pk")[:PANEL_SIZE]
    )
    return {
        "decisions": [(decision, *decision_link(decision)) for decision in decisions],
        "actions": [
            (action, action.due_date < zones.today_in(action.owner_organization))
            for action in actions
        ],
    }
