"""Walk every URL pattern of the project with every member of the cast.

Each app declares its expectations in simpul/<app>/tests/permissions.py (see
simpul/testing/matrix.py). Adding a URL pattern without declaring who may open it fails
`test_every_url_pattern_declares_its_expectations`.
"""

import importlib
import pkgutil

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import simpul
from simpul.agreements.tests.factories import registered_by
from simpul.testing import shards
from simpul.testing.cast import sign_in
from simpul.testing.matrix import PEOPLE, Expect

# Django's admin guards its own pages (staff + model permissions); the matrix checks its
# entrance and the rest is Django's responsibility.
DELEGATED_PREFIXES = ("admin:",)
ADMIN_INDEX = Expect(statuses={**dict.fromkeys(PEOPLE, 302), "rina": 200})
# The developer style page exists only with DEBUG on, which the tests never are.
DEV_UI = Expect(statuses=dict.fromkeys(PEOPLE, 404))
# Anyone may switch the interface language; the view redirects back.
SET_LANGUAGE = Expect(
    statuses=dict.fromkeys(PEOPLE, 302), method="post", data=lambda cast: {"language": "en"}
)


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            prefix = f"{namespace}{ns}:" if ns else namespace
            yield from _walk(entry.url_patterns, prefix)
        elif isinstance(entry, URLPattern):
            yield (
                f"{namespace}{entry.name}"
                if entry.name
                else f"{namespace}<unnamed {entry.pattern}>"
            )


def project_url_names() -> set[str]:
    return set(_walk(get_resolver().url_patterns))


def declared_expectations() -> dict[str, Expect]:
    declared: dict[str, Expect] = {
        "admin:index": ADMIN_INDEX,
        "set_language": SET_LANGUAGE,
        "dev_ui": DEV_UI,
    }
    for module in pkgutil.iter_modules(simpul.__path__):
        try:
            permissions = importlib.import_module(f"simpul.{module.name}.tests.permissions")
        except ModuleNotFoundError:
            continue
        for name, expect in permissions.EXPECTATIONS.items():
            assert name not in declared, f"{name} is declared twice"
            declared[name] = expect
    return declared


def test_every_url_pattern_declares_its_expectations():
    declared = declared_expectations()
    undeclared = sorted(
        name
        for name in project_url_names()
        if name not in declared and not name.startswith(DELEGATED_PREFIXES)
    )
    assert undeclared == [], f"URL patterns without permission expectations: {undeclared}"
    stale = sorted(set(declared) - project_url_names())
    assert stale == [], f"Expectations for URL names that no longer exist: {stale}"


URL_NAMES = sorted(declared_expectations())


def visitors(expect: Expect, *, whole: bool) -> tuple[str, ...]:
    """Everyone, or (when another engine of the run walks this URL whole) the first person
    for each answer the URL gives, so this engine still serves every kind of answer."""
    if whole:
        return PEOPLE
    first_for: dict[int, str] = {}
    for person in PEOPLE:
        first_for.setdefault(expect.statuses[person], person)
    return tuple(person for person in PEOPLE if person in first_for.values())


def test_a_url_walked_in_part_is_still_visited_once_for_each_answer_it_gives():
    expect = Expect(statuses={**dict.fromkeys(PEOPLE, 404), "anonymous": 302, "budi": 200})
    assert visitors(expect, whole=False) == ("anonymous", "sari", "budi")
    assert visitors(expect, whole=True) == PEOPLE


@pytest.mark.parametrize("url_name", URL_NAMES)
def test_permission_matrix(cast, url_name):
    """Everyone in the cast opens the URL; each visit runs in a savepoint that is rolled back,
    so one person's POST never changes what the next person finds. When two engines share
    the run, each URL is walked whole on one of them (simpul/testing/shards.py)."""
    expect = declared_expectations()[url_name]
    whole = shards.owns(URL_NAMES.index(url_name))
    wrong = []
    with registered_by(cast.biro_tapem_diy):
        # The rows a URL points at are built once (in the test's transaction) and every visit
        # finds them as built: the builders depend on the cast only, never on the visitor.
        url = reverse(url_name, kwargs=expect.kwargs(cast)) + expect.query
        # One client (its middleware is loaded once); each visit starts without cookies.
        client = Client()
        for person in visitors(expect, whole=whole):
            with transaction.atomic():
                client.cookies.clear()
                user = cast.people()[person]
                if user is not None:
                    sign_in(client, user)
                if expect.method == "post":
                    response = client.post(url, expect.data(cast))
                else:
                    response = client.get(url)
                transaction.set_rollback(True)
            if response.status_code != expect.statuses[person]:
                wrong.append(
                    f"{person} {expect.method.upper()} {url}: expected "
                    f"{expect.statuses[person]}, got {response.status_code}"
                )
    assert wrong == []
