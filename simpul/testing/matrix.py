"""Declarations for the permission matrix (config/tests/test_permission_matrix.py).

Every app declares, in `simpul/<app>/tests/permissions.py`, an `EXPECTATIONS` dict that maps
each of its URL names to an `Expect`: how to build the URL from the cast, and the status code
each member of the cast must get. The matrix test fails for any URL without a declaration.

Every agreement a declaration builds with `make_agreement` is registered by Biro Tata
Pemerintahan DIY, which is no party (the matrix test wraps the declarations in
`registered_by`): the usual agreement is between Kota Yogyakarta, Sleman and Bantul.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PEOPLE = (
    "anonymous",
    "sari",
    "budi",
    "dewi",
    "gita",
    "hadi",
    "eko",
    "rina",
    "wati",
    "tono",
    "vina",
    "yanto",
    "lina",
    "fitri",
    "joko",
    "agus",
)

# Where an anonymous visitor is sent for a page that needs a sign-in.
LOGIN = 302

# Reading a page of the usual agreement (Kota Yogyakarta, Sleman and Bantul, registered by
# Biro Tata Pemerintahan DIY): every member of a party, of the registering organisation and
# of an agency under a party reads, whatever the role; the joint secretariat is no party.
# Pages that change something declare each of these people one by one.
PARTY_STAFF_READ = {
    "wati": 200,
    "tono": 200,
    "vina": 200,
    "yanto": 200,
    "lina": 404,
    "fitri": 200,
    "joko": 200,
    "agus": 200,
}


@dataclass
class Expect:
    statuses: dict[str, int]
    kwargs: Callable = field(default=lambda cast: {})
    method: str = "get"
    data: Callable = field(default=lambda cast: {})
    query: str = ""

    def __post_init__(self) -> None:
        missing = set(PEOPLE) - set(self.statuses)
        extra = set(self.statuses) - set(PEOPLE)
        if missing or extra:
            raise ValueError(
                f"statuses must name exactly {PEOPLE}; missing {missing}, extra {extra}"
            )


def everyone(status: int = 200, **overrides) -> dict[str, int]:
    return {person: overrides.get(person, status) for person in PEOPLE}


def signed_in(status: int = 200, **overrides) -> dict[str, int]:
    return everyone(status, anonymous=LOGIN, **overrides)
