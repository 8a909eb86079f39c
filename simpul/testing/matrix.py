"""Declarations for the permission matrix (config/tests/test_permission_matrix.py).

Every app declares, in `simpul/<app>/tests/permissions.py`, an `EXPECTATIONS` dict that maps
each of its URL names to an `Expect`: how to build the URL from the cast, and the status code
each member of the cast must get. The matrix test fails for any URL without a declaration.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PEOPLE = ("anonymous", "sari", "budi", "dewi", "gita", "hadi", "eko", "rina")

# Where an anonymous visitor is sent for a page that needs a sign-in.
LOGIN = 302


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
