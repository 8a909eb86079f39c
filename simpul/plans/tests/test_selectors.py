"""Plan reads: budget aggregates run in the database in one query whatever the number of
lines, and the plan page loads in a constant number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from simpul.agreements.models import Agreement
from simpul.plans import checks, selectors, services
from simpul.plans.models import BudgetLine
from simpul.plans.tests.factories import fill_plan, new_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_the_plans_own_checks(monkeypatch):
    monkeypatch.setattr(checks, "_checks", [])


def test_budget_by_party_year_sums_per_party_and_year_in_party_order(cast):
    plan = new_plan(cast)
    # 6 lines over 3 parties: party i gets lines i and i+3, in 2025 and 2026.
    fill_plan(plan, cast.sari, activities=2, budget_lines=6)
    parties = list(plan.agreement.parties.order_by("position", "pk"))
    line = BudgetLine.objects.filter(plan=plan, party=parties[0], fiscal_year=2025).first()
    services.budget_line_update(budget_line=line, user=cast.sari, realised=Decimal(1200000))
    rows = selectors.budget_by_party_year(plan.agreement)
    assert [(r["party_id"], r["fiscal_year"]) for r in rows] == [
        (parties[0].pk, 2025),
        (parties[0].pk, 2026),
        (parties[1].pk, 2025),
        (parties[1].pk, 2026),
        (parties[2].pk, 2025),
        (parties[2].pk, 2026),
    ]
    first = rows[0]
    assert first["organization_name"] == parties[0].organization.name
    assert (first["planned"], first["realised"]) == (Decimal(1000000), Decimal(1200000))
    assert first["absorption"] == Decimal("120.0")
    assert first["over_plan"] is True
    assert rows[1]["absorption"] == Decimal("40.0")
    assert rows[1]["over_plan"] is False


def test_budget_by_party_year_takes_one_query_for_one_or_ten_lines(cast, django_assert_num_queries):
    small = new_plan(cast, title="Sedikit")
    fill_plan(small, cast.sari, budget_lines=1)
    large = new_plan(cast, title="Banyak")
    fill_plan(large, cast.sari, activities=3, budget_lines=10)
    with django_assert_num_queries(1):
        assert len(selectors.budget_by_party_year(small.agreement)) == 1
    with django_assert_num_queries(1):
        rows = selectors.budget_by_party_year(large.agreement)
    assert sum(r["planned"] for r in rows) == Decimal(10_000_000)


def test_budget_totals_aggregates_many_agreements_in_one_query(cast, django_assert_num_queries):
    first = new_plan(cast, title="Satu")
    fill_plan(first, cast.sari, budget_lines=2)
    second = new_plan(cast, title="Dua")
    fill_plan(second, cast.sari, budget_lines=3)
    ids = Agreement.objects.filter(pk__in=[first.agreement_id, second.agreement_id]).values("pk")
    with django_assert_num_queries(1):
        totals = selectors.budget_totals(ids)
    assert totals == {
        "planned": Decimal(5_000_000),
        "realised": Decimal(2_000_000),
        "absorption": Decimal("40.0"),
    }


def test_budget_totals_of_nothing_has_no_absorption(cast):
    totals = selectors.budget_totals(Agreement.objects.none().values("pk"))
    assert totals == {"planned": Decimal(0), "realised": Decimal(0), "absorption": None}


def test_the_plan_page_takes_the_same_number_of_queries_as_parts_grow(cast):
    small = new_plan(cast, title="Sedikit")
    fill_plan(small, cast.sari, activities=1, budget_lines=1)
    large = new_plan(cast, title="Banyak")
    fill_plan(large, cast.sari, activities=8, budget_lines=20)
    counts = []
    for plan in (small, large):
        with CaptureQueriesContext(connection) as queries:
            page = selectors.plan_page(plan)
            # Touch everything the template reads.
            for program in page["programs"]:
                for activity in program.plan_activities:
                    _ = (activity.responsible, activity.region, activity.plan_budget_lines)
            for line in page["budget_lines"]:
                _ = (line.party.organization.name, line.activity.name)
            for risk in page["risks"]:
                _ = risk.owner and risk.owner.organization.name
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert len(large_page_activities := selectors.plan_page(large)["activities"]) == 8
    assert large_page_activities[0].plan_budget_lines


def test_the_risk_matrix_puts_each_risk_in_its_cell(cast):
    plan = new_plan(cast)
    parts = fill_plan(plan, cast.sari)
    matrix = selectors.plan_page(plan)["risk_matrix"]
    assert [row["likelihood"] for row in matrix] == [5, 4, 3, 2, 1]
    cell = next(c for c in matrix[2]["cells"] if c["impact"] == 4)  # likelihood 3, impact 4
    assert [r.pk for r in cell["risks"]] == [parts["risk"].pk]
    assert cell["band"] == "medium"
