"""What a person may see in the search index, in the index's own words (`tags`).

A document lists its readers as the access modules define them: `o<id>` for members of an
organisation, `r<id>` for overseers of a region, `u<id>` for one person (a meeting's invited
guest), `d<id>` for members of the organisation itself (not of its agencies), `m<id>` for
members of any organisation located in a region, `mem` for every signed-in person. Here is
the other half: the words that stand for this person, computed exactly as
`simpul.agreements.access.reading_organization_ids` and `organizations.access` do (an
agency's member reads as its government too; a province government oversees its regencies).
`config`-wide agreement of the two halves is tested per kind in `tests/test_access.py`.
"""

from simpul.accounts.access import AnyUser
from simpul.organizations.access import memberships_of, overseen_region_ids

PUBLIC = "pub"
MEMBERS = "mem"


def reader_tags(user: AnyUser, *, with_public: bool = True) -> list[str] | None:
    """The tags of which a document needs one for this person to see it; None when the
    person sees everything (platform admins, central-government oversight). Public
    documents are everyone's (`with_public`); the rest follows the access modules."""
    if not user.is_authenticated:
        return [PUBLIC] if with_public else []
    overseen = overseen_region_ids(user)  # None: everything (admins, Kemendagri)
    if user.is_superuser or overseen is None:
        return None
    organizations: set[int] = set()
    direct: set[int] = set()
    located: set[int] = set()
    for membership in memberships_of(user):
        organizations.add(membership.organization_id)
        direct.add(membership.organization_id)
        if membership.organization.parent_id:
            organizations.add(membership.organization.parent_id)
        if membership.organization.region_id:
            located.add(membership.organization.region_id)
    tags = [f"o{o}" for o in sorted(organizations)]
    tags += [f"r{r}" for r in sorted(overseen)]
    tags += [f"d{o}" for o in sorted(direct)]
    tags += [f"m{r}" for r in sorted(located)]
    tags += [f"u{user.pk}", MEMBERS]
    return tags + [PUBLIC] if with_public else tags
