"""Roll-ups of verified contributions per organisation and year, counted in the database."""

from decimal import Decimal

import pytest

from simpul.agreements.tests.factories import make_agreement
from simpul.publication import selectors as gate
from simpul.stakeholders.selectors import contributions_by_organization, rollup_by_stakeholder

from .factories import make_contribution, make_stakeholder

pytestmark = pytest.mark.django_db


def test_verified_contributions_of_an_organisation_add_up_per_year_and_kind(
    cast, django_assert_num_queries
):
    first = make_stakeholder(cast, name="", organization=cast.ngo)
    second = make_stakeholder(
        cast, name="", organization=cast.ngo, agreement=make_agreement(cast, title="Air minum")
    )
    make_contribution(cast, stakeholder=first, value=Decimal("100"), status="verified")
    make_contribution(cast, stakeholder=second, value=Decimal("50"), status="verified")
    make_contribution(cast, stakeholder=second, value=Decimal("7"), status="verified", year=2025)
    make_contribution(cast, stakeholder=second, value=Decimal("999"))  # not verified
    make_contribution(cast, stakeholder=second, value=Decimal("888"), status="rejected")
    with django_assert_num_queries(1):
        rows = contributions_by_organization()
    assert [(r.organization, r.year, r.kind, r.count, r.total) for r in rows] == [
        (cast.ngo.name, 2026, "funding", 2, Decimal("150")),
        (cast.ngo.name, 2025, "funding", 1, Decimal("7")),
    ]
    assert [r.total for r in contributions_by_organization(year=2025)] == [Decimal("7")]


def test_public_only_counts_agreements_whose_stakeholders_are_public(cast):
    internal = make_stakeholder(cast, name="", organization=cast.ngo)
    public = make_stakeholder(
        cast,
        name="",
        organization=cast.ngo,
        agreement=make_agreement(cast, title="Air minum", state="active"),
    )
    make_contribution(cast, stakeholder=internal, value=Decimal("100"), status="verified")
    make_contribution(cast, stakeholder=public, value=Decimal("40"), status="verified")
    totals = [r.total for r in gate.contributions_by_organization(public_only=True)]
    assert totals == [Decimal("40")]
    assert [r.total for r in gate.contributions_by_organization()] == [Decimal("140")]


def test_an_agreements_roll_up_names_outside_parties_too(cast):
    stakeholder = make_stakeholder(cast)
    make_contribution(cast, stakeholder=stakeholder, status="verified")
    rows = rollup_by_stakeholder(stakeholder.agreement)
    assert [(r.organization, r.total) for r in rows] == [
        ("PT Sinar Jaya Abadi", Decimal("250000000"))
    ]
