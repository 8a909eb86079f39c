"""The knowledge app's notification kinds (simpul.notifications.registry), in apps.py."""

from django.utils.translation import gettext_lazy as _

from simpul.notifications.registry import register_kind

ADOPTION = "knowledge.adoption"


def register() -> None:
    register_kind(
        ADOPTION,
        label=_("Adoption decisions"),
        description=_(
            "An organisation decided whether to adopt a practice your organisation shared."
        ),
        default="app",
        defaults_by_role={"admin": "now", "coordinator": "now"},
    )
