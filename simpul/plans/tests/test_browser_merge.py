"""Two people edit one plan at the same time, each in their own browser (two Playwright
contexts, one of them a phone): different rows both save; the same row with different fields is
merged; the same field asks for an explicit choice and saves the chosen value; nothing is lost."""

import pytest
from django.urls import reverse

from simpul.plans import checks, services
from simpul.plans.models import Risk
from simpul.plans.tests.factories import fill_plan, new_plan
from simpul.testing.browser import ARTIFACTS, DESKTOP, PHONE, open_page
from simpul.testing.cast import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _only_the_plans_own_checks(monkeypatch):
    monkeypatch.setattr(checks, "_checks", [])


@pytest.fixture
def two_browsers(chromium):
    """Two separate browser contexts (separate cookies and sessions): a desktop and a phone."""
    contexts = [
        chromium.new_context(viewport=DESKTOP, locale="id-ID"),
        chromium.new_context(viewport=PHONE, locale="id-ID"),
    ]
    try:
        yield [open_page(context) for context in contexts]
    finally:
        for context in contexts:
            context.close()


def _sign_in(page, live_server, user) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(user.email)
    form.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit]").first.click()


def _open(page, live_server, risk) -> None:
    url = reverse(
        "plans:part-edit",
        kwargs={"agreement_pk": risk.plan.agreement_id, "part": "risiko", "pk": risk.pk},
    )
    assert page.goto(live_server.url + url).status == 200


def _save(page) -> int:
    with page.expect_navigation() as navigation:
        page.locator("#part-form button[type=submit]").click()
    response = navigation.value
    # A successful save redirects to the plan page; the response seen is then that page's.
    return 302 if response.request.redirected_from else response.status


def test_two_people_editing_one_plan_lose_nothing(live_server, cast, two_browsers):
    sari, rina = two_browsers
    plan = new_plan(cast)
    first = fill_plan(plan, cast.sari)["risk"]
    second = services.risk_create(
        plan=plan, user=cast.sari, description="Banjir di lokasi TPST", likelihood=2, impact=3
    )
    _sign_in(sari, live_server, cast.sari)
    _sign_in(rina, live_server, cast.rina)

    # Different rows: both saved.
    _open(sari, live_server, first)
    _open(rina, live_server, second)
    sari.fill("textarea[name=mitigation]", "Sosialisasi di tiap RW")
    rina.fill("textarea[name=mitigation]", "Tanggul dan drainase")
    assert _save(sari) == 302
    assert _save(rina) == 302
    assert Risk.objects.get(pk=first.pk).mitigation == "Sosialisasi di tiap RW"
    assert Risk.objects.get(pk=second.pk).mitigation == "Tanggul dan drainase"

    # The same row, different fields: merged, both kept.
    _open(sari, live_server, first)
    _open(rina, live_server, first)
    sari.select_option("select[name=likelihood]", "5")
    rina.select_option("select[name=impact]", "2")
    assert _save(sari) == 302
    assert _save(rina) == 302
    merged = Risk.objects.get(pk=first.pk)
    assert (merged.likelihood, merged.impact) == (5, 2)
    assert merged.mitigation == "Sosialisasi di tiap RW"

    # The same field: Rina sees the three values and chooses explicitly.
    _open(sari, live_server, first)
    _open(rina, live_server, first)
    sari.fill("textarea[name=description]", "Penolakan warga (versi Sari)")
    rina.fill("textarea[name=description]", "Penolakan warga (versi Rina)")
    assert _save(sari) == 302
    assert _save(rina) == 409
    table = rina.locator("table.merge-table")
    assert table.locator("caption").count() == 1
    collision = table.locator("tr.merge-collision[data-field=description]")
    assert "versi Sari" in collision.inner_text()
    assert "versi Rina" in collision.inner_text()
    assert Risk.objects.get(pk=first.pk).description == "Penolakan warga (versi Sari)"
    ARTIFACTS.mkdir(exist_ok=True)
    rina.screenshot(path=str(ARTIFACTS / "plan-merge-phone.png"), full_page=True)
    # Saving without choosing is refused; choosing "use mine" saves Rina's text.
    assert _save(rina) == 400
    rina.check("input[name=merge_description][value=mine]")
    assert _save(rina) == 302

    final = Risk.objects.get(pk=first.pk)
    assert final.description == "Penolakan warga (versi Rina)"
    assert (final.likelihood, final.impact, final.mitigation) == (5, 2, "Sosialisasi di tiap RW")
    assert Risk.objects.get(pk=second.pk).mitigation == "Tanggul dan drainase"
    assert sari.errors == [] and rina.errors == []
