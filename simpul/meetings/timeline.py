"""The agreement timeline's meeting entries: decisions taken (once the minutes are final)
and action items done, each linking to its meeting's minutes. Two queries, at most
TIMELINE_LIMIT of each, the newest."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from simpul.agreements.models import Agreement
from simpul.agreements.timeline import TimelineEntry

from .models import ActionItem, Decision, MinutesVersion

TIMELINE_LIMIT = 50


def _minutes_url(meeting_id: int, anchor: str) -> str:
    return reverse("meetings:minutes", kwargs={"pk": meeting_id}) + anchor


def decision_link(decision: Decision) -> tuple[str, str]:
    """(label, url) of the plan activity or indicator a decision changes, else ("", "")."""
    if decision.activity_id and decision.activity is not None:
        plan_url = reverse(
            "plans:plan-detail", kwargs={"agreement_pk": decision.agenda_item.meeting.agreement_id}
        )
        return str(decision.activity), f"{plan_url}#activity-{decision.activity_id}"
    if decision.indicator_id and decision.indicator is not None:
        return str(decision.indicator), decision.indicator.get_absolute_url()
    return "", ""


def agreement_entries(agreement: Agreement) -> list[TimelineEntry]:
    final = MinutesVersion.objects.filter(
        minutes__meeting_id=OuterRef("agenda_item__meeting_id"),
        status=MinutesVersion.Status.FINAL,
    )
    decisions = (
        Decision.objects.filter(agenda_item__meeting__agreement_id=agreement.pk)
        .filter(Exists(final))
        .select_related("agenda_item__meeting", "activity", "indicator")
        .order_by("-agenda_item__meeting__starts_at", "-pk")[:TIMELINE_LIMIT]
    )
    actions = (
        ActionItem.objects.filter(
            agenda_item__meeting__agreement_id=agreement.pk,
            status=ActionItem.Status.DONE,
            done_at__isnull=False,
        )
        .select_related("agenda_item__meeting", "owner_organization")
        .order_by("-done_at", "-pk")[:TIMELINE_LIMIT]
    )
    entries = []
    for decision in decisions:
        meeting = decision.agenda_item.meeting
        link_label, link_url = decision_link(decision)
        entries.append(
            TimelineEntry(
                occurred_at=meeting.starts_at,
                label=_("Decision taken"),
                text=decision.text,
                url=_minutes_url(meeting.pk, f"#decision-{decision.pk}"),
                kind="decision",
                source=meeting.title,
                link_label=link_label,
                link_url=link_url,
            )
        )
    for action in actions:
        meeting = action.agenda_item.meeting
        assert action.done_at is not None  # filtered above
        entries.append(
            TimelineEntry(
                occurred_at=action.done_at,
                label=_("Action item done"),
                text=f"{action.title} ({action.owner_organization.name})",
                url=_minutes_url(meeting.pk, f"#action-{action.pk}"),
                kind="action-done",
                source=meeting.title,
            )
        )
    return entries
