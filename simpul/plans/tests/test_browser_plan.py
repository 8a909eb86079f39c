"""The plan page in a real browser, desktop and phone: the timeline draws a bar per activity,
the budget table is there, and nothing on the page needs a script that is not ours."""

import pytest
from django.urls import reverse

from simpul.plans import checks
from simpul.plans.tests.factories import fill_plan, new_plan
from simpul.testing.browser import ARTIFACTS
from simpul.testing.cast import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _only_the_plans_own_checks(monkeypatch):
    monkeypatch.setattr(checks, "_checks", [])


def _sign_in(page, live_server, user) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(user.email)
    form.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit]").first.click()


@pytest.mark.parametrize("viewport", ["browser_page", "phone_page"])
def test_the_plan_page_draws_the_timeline_and_the_budget(live_server, cast, request, viewport):
    page = request.getfixturevalue(viewport)
    plan = new_plan(cast)
    fill_plan(plan, cast.sari, activities=3, budget_lines=4)
    _sign_in(page, live_server, cast.sari)
    url = live_server.url + reverse("plans:plan-detail", kwargs={"agreement_pk": plan.agreement_id})
    response = page.goto(url)
    assert response.status == 200
    bars = page.locator("#gantt .gantt-bar")
    assert bars.count() == 3
    box = bars.first.bounding_box()
    assert box is not None and box["width"] > 10
    assert page.locator("#budget-by-party tbody tr").count() >= 4
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"plan-{viewport}.png"), full_page=True)
    assert page.errors == []
    assert all(r.startswith(live_server.url) for r in page.requests)
