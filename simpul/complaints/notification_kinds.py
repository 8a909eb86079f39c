"""The complaints' notification kinds (simpul.notifications.registry), registered in apps.py.
Mails to the complainant (a citizen, not a user) stay plain outbox mails."""

from django.utils.translation import gettext_lazy as _

from simpul.notifications.registry import register_kind

ROUTED = "complaints.routed"
DEADLINE = "complaints.deadline"


def register() -> None:
    register_kind(
        ROUTED,
        label=_("Complaints routed to you"),
        description=_("A complaint is forwarded to your organisation to handle."),
        default="now",
    )
    register_kind(
        DEADLINE,
        label=_("Complaint deadlines"),
        description=_("A complaint your organisation handles nears or passed a deadline."),
        default="now",
    )
