"""The thematic map and the network in Chromium: a visitor switches the map from public
cooperations to the network and back with the layer form, reads the table, and opens the
network; screenshots at 1280 and 360 px go to the run's artefacts."""

import pytest
from django.urls import reverse

from simpul.publication.kinds import install_default_rules
from simpul.publication.models import PublicationRule
from simpul.regions import basemap
from simpul.testing.browser import ARTIFACTS

from .test_pages_support import public_agreement

pytestmark = pytest.mark.browser


def _shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, suffix in ((1280, ""), (360, "-360")):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"{name}{suffix}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_thematic_map_switches_layers_and_shows_the_same_figures_as_a_table(
    live_server, cast, browser_page
):
    page, base = browser_page, live_server.url
    install_default_rules(PublicationRule)
    public_agreement(cast, title="Kartamantul")
    public_agreement(cast, title="Angkutan", parties=[cast.pemkot_yogyakarta, cast.pemkot_semarang])
    basemap.base_layer(basemap.REGENCIES)  # built once per process; not what is measured

    page.goto(base + reverse("portal:thematic-map"))
    regions = page.locator(".leaflet-overlay-pane path.portal-region")
    regions.first.wait_for(state="visible")
    assert regions.count() == 4
    assert "Kota Yogyakarta" in page.locator(".thematic-table").inner_text()

    # The layer switcher is a plain form: keyboard only, no script needed to submit it.
    page.locator("input[name=layer][value=network]").focus()
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.locator(".thematic-switcher button[type=submit]").click()
    lines = page.locator(".leaflet-overlay-pane path.portal-link")
    lines.first.wait_for(state="visible")
    assert lines.count() == 4  # Yogyakarta–Sleman–Bantul, and Yogyakarta–Semarang
    assert "Kota Semarang – Kota Yogyakarta" in page.locator(".thematic-table").inner_text()
    assert all(url.startswith(base) for url in page.requests)  # no tiles, no CDN
    _shoot(page, "thematic-map")

    with page.expect_navigation():
        page.locator(f'a[href="{reverse("portal:network")}"]').click()
    page.locator("svg.network-graph").wait_for(state="visible")
    assert "Kota Yogyakarta" in page.locator(".network-table tbody tr").first.inner_text()
    _shoot(page, "network")
    assert page.errors == [], f"JavaScript errors on the page: {page.errors}"
