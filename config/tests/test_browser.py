"""End-to-end check in a real browser: sign in, switch language, see a region's map.

Uses the system Chromium (Debian package `chromium-headless-shell`, installed by `make test`
and .ci/run); Playwright never downloads a browser of its own here. The screenshot is kept
in test-artifacts/ for people to look at.
"""

import pytest
from django.urls import reverse

from simpul.testing.browser import ARTIFACTS
from simpul.testing.cast import PASSWORD

pytestmark = pytest.mark.browser


def html_lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def test_sari_signs_in_switches_language_and_sees_her_city_on_the_map(
    live_server, cast, browser_page
):
    page = browser_page
    # Sign in through the real login form.
    page.goto(live_server.url + reverse("accounts:login"))
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(cast.sari.email)
    form.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit], input[type=submit]").first.click()
    assert navigation.value.status == 200
    assert page.url == live_server.url + reverse("dashboard:home")
    assert page.locator("form:has(input[name=password])").count() == 0

    # Switch the interface to English and back.
    assert html_lang(page) == "id"
    page.locator("button[name=language][value=en]").click()
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert html_lang(page) == "en"
    page.locator("button[name=language][value=id]").click()
    page.wait_for_function("document.documentElement.lang === 'id'")
    assert html_lang(page) == "id"

    # The region profile draws the city's own boundary with Leaflet.
    page.goto(f"{live_server.url}/wilayah/34.71/")
    polygon = page.locator(".leaflet-overlay-pane path.region-self").first
    polygon.wait_for(state="visible")
    assert polygon.is_visible()

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "region-profile.png"), full_page=True)
    assert page.errors == [], f"JavaScript errors on the page: {page.errors}"
