"""The region map in a real browser: drawn without tiles, labelled, usable with the keyboard.

Uses the system Chromium (Debian package `chromium`), like config/tests/test_browser.py.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; pytest-django's database set-up
# around it is synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


@pytest.fixture
def page():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs the Debian package chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 360, "height": 800}, locale="id-ID")
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.errors = []
        page.requests = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("request", lambda request: page.requests.append(request.url))
        try:
            yield page
        finally:
            context.close()
            browser.close()


def test_it_draws_the_city_and_its_neighbours_and_opens_a_neighbour_from_the_keyboard(
    live_server, cast, page
):
    page.goto(f"{live_server.url}/wilayah/34.71/")
    page.locator(".leaflet-overlay-pane path.region-self").wait_for(state="visible")

    assert page.locator(".leaflet-overlay-pane path.region-neighbour").count() == 2
    labels = page.locator(".leaflet-tooltip").all_inner_texts()
    assert sorted(labels) == ["Kabupaten Bantul", "Kabupaten Sleman", "Kota Yogyakarta"]
    # No tile server or other third party is contacted.
    assert all(url.startswith(live_server.url) for url in page.requests)

    sleman = page.locator('.leaflet-overlay-pane path[aria-label="Kabupaten Sleman"]')
    sleman.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{live_server.url}/wilayah/34.04/"
    page.locator(".leaflet-overlay-pane path.region-self").wait_for(state="visible")
    assert page.errors == [], f"JavaScript errors on the page: {page.errors}"
