"""The approved budget: when every party approved a version its budget lines are recorded as
approved (ApprovedBudgetLine), and that is what the public, the scorecard and reports read,
so the figures of a revision being drafted stay internal until the parties approve it."""

from decimal import Decimal
from importlib import import_module

import pytest

from simpul.core import public_cache
from simpul.plans import checks, services
from simpul.plans.models import ApprovedBudgetLine, PlanVersion
from simpul.plans.selectors import (
    approved_budget_by_party_year,
    approved_budget_totals,
    budget_by_party_year,
)
from simpul.plans.tests.factories import _v, approve_by_all, fill_plan, new_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_the_plans_own_checks(monkeypatch):
    """The SMART check of indicators has its own tests; these plans have no indicators."""
    monkeypatch.setattr(checks, "_checks", [])


@pytest.fixture
def plan(cast):
    return new_plan(cast)


def _revise_with_a_draft_amount(plan, user, line, amount: str) -> None:
    services.plan_revise(plan=plan, user=user, note="Evaluasi 2026")
    line.refresh_from_db()
    services.budget_line_update(
        budget_line=line, user=user, version=line.version, planned=Decimal(amount)
    )


def test_before_any_approval_the_plan_has_no_approved_budget(cast, plan):
    fill_plan(plan, cast.sari, budget_lines=2)
    assert approved_budget_by_party_year(plan.agreement) == []
    assert approved_budget_totals([plan.agreement_id])["planned"] == 0


def test_approving_a_plan_records_its_budget_lines_as_approved(cast, plan):
    parts = fill_plan(plan, cast.sari, budget_lines=3)
    approve_by_all(plan, cast.sari)
    version = PlanVersion.objects.get(plan=plan)
    approved = ApprovedBudgetLine.objects.filter(plan=plan).order_by("line_id")
    assert [a.line_id for a in approved] == sorted(line.pk for line in parts["budget_lines"])
    assert {a.version_id for a in approved} == {version.pk}
    assert set(version.snapshot["sections"]["budget_lines"]) == {str(a.line_id) for a in approved}
    assert approved_budget_by_party_year(plan.agreement) == budget_by_party_year(plan.agreement)
    assert approved_budget_totals([plan.agreement_id])["planned"] == Decimal("3000000")


def test_a_draft_revision_leaves_the_approved_budget_as_the_parties_approved_it(cast, plan):
    parts = fill_plan(plan, cast.sari, budget_lines=1)
    approve_by_all(plan, cast.sari)
    _revise_with_a_draft_amount(plan, cast.sari, parts["budget_line_0"], "987654321")

    assert budget_by_party_year(plan.agreement)[0]["planned"] == Decimal("987654321")
    assert [row["planned"] for row in approved_budget_by_party_year(plan.agreement)] == [
        Decimal("1000000")
    ]
    assert approved_budget_totals([plan.agreement_id])["planned"] == Decimal("1000000")


def test_approving_the_revision_makes_its_figures_the_approved_budget(cast, plan):
    parts = fill_plan(plan, cast.sari, budget_lines=1)
    approve_by_all(plan, cast.sari)
    _revise_with_a_draft_amount(plan, cast.sari, parts["budget_line_0"], "2500000")
    approve_by_all(plan, cast.sari)

    assert [row["planned"] for row in approved_budget_by_party_year(plan.agreement)] == [
        Decimal("2500000")
    ]
    assert set(ApprovedBudgetLine.objects.values_list("version__number", flat=True)) == {2}


def test_the_final_approval_makes_cached_public_pages_stale(cast, plan):
    fill_plan(plan, cast.sari)
    services.plan_submit(plan=plan, user=cast.wati, expected_version=_v(plan))
    parties = list(plan.agreement.parties.all())
    before = public_cache.generation()
    for party in parties[:-1]:
        services.plan_approve(plan=plan, party=party, user=cast.sari, expected_version=_v(plan))
    assert public_cache.generation() == before  # nothing public changed yet
    services.plan_approve(plan=plan, party=parties[-1], user=cast.sari, expected_version=_v(plan))
    assert public_cache.generation() > before


def test_the_migration_records_each_plans_latest_approved_budget_from_its_snapshot(cast, plan):
    from django.apps import apps

    migration = import_module("simpul.plans.migrations.0002_approved_budget_line")
    parts = fill_plan(plan, cast.sari, budget_lines=2)
    approve_by_all(plan, cast.sari)
    kept, deleted = parts["budget_lines"]
    deleted_id, deleted_party_id = deleted.pk, deleted.party_id
    _revise_with_a_draft_amount(plan, cast.sari, kept, "987654321")
    deleted.refresh_from_db()
    services.budget_line_delete(budget_line=deleted, user=cast.sari, version=deleted.version)
    ApprovedBudgetLine.objects.all().delete()  # as the database was before the migration

    migration.copy_approved_budgets(apps, None)

    rows = {a.line_id: a for a in ApprovedBudgetLine.objects.all()}
    assert set(rows) == {kept.pk, deleted_id}
    assert {a.planned for a in rows.values()} == {Decimal("1000000")}
    # The line deleted in the draft is found by the names its snapshot kept.
    assert (rows[deleted_id].party_id, rows[deleted_id].funding_source) == (
        deleted_party_id,
        "apbd",
    )
