"""Reads for the account pages."""

from simpul.organizations.access import memberships_of


def profile_memberships(user) -> list:
    """The user's memberships with their organisations (and regions), ordered by name."""
    return sorted(memberships_of(user), key=lambda m: m.organization.name.lower())
