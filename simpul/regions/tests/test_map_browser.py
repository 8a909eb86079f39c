"""The region map in a real browser: drawn without tiles on our own base layer, labelled,
usable with the keyboard.

Uses the system Chromium (Debian package `chromium-headless-shell`), like
config/tests/test_browser.py.
"""

import pytest

from simpul.regions import basemap

pytestmark = pytest.mark.browser


def test_it_draws_the_city_and_its_neighbours_and_opens_a_neighbour_from_the_keyboard(
    live_server, cast, phone_page
):
    page = phone_page
    # Built once per process (seconds on a loaded machine); not what this test measures.
    basemap.base_layer(basemap.PROVINCES), basemap.base_layer(basemap.REGENCIES)
    page.goto(f"{live_server.url}/wilayah/34.71/")
    page.locator(".leaflet-overlay-pane path.region-self").wait_for(state="visible")
    # The shared base layer is under it, fetched from this site like the rest.
    page.locator("#region-map.map-base-ready canvas").first.wait_for(state="attached")

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
