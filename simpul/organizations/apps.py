from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "simpul.organizations"
    label = "organizations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from simpul.audit import registry

        from .models import Invitation, Membership, Organization

        registry.register(
            Organization, can_view="simpul.organizations.access.organization_can_view_history"
        )
        registry.register(
            Membership, can_view="simpul.organizations.access.membership_can_view_history"
        )
        registry.register(
            Invitation,
            exclude={"token_nonce"},
            can_view="simpul.organizations.access.invitation_can_view_history",
        )
