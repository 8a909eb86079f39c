"""Links on an organisation's page to other apps' pages about it, without organizations
knowing those apps (they sit above it in the layers). An app registers in AppConfig.ready():

    from simpul.organizations.links import register_organization_link
    register_organization_link("teams:organization-teams", _("Cooperation teams"))

The URL takes the organisation's primary key as `organization_pk`. The page shows the links to
those who see the organisation's internal section (its members, overseers, platform admins);
the linked page decides access for itself.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class OrganizationLink:
    url_name: str
    label: str | Promise


_links: dict[str, OrganizationLink] = {}


def register_organization_link(url_name: str, label: str | Promise) -> None:
    _links[url_name] = OrganizationLink(url_name, label)


def organization_links(organization_pk: int) -> list[tuple[str, str | Promise]]:
    """(url, label) of every registered link for the organisation."""
    return [
        (reverse(link.url_name, kwargs={"organization_pk": organization_pk}), link.label)
        for link in _links.values()
    ]
