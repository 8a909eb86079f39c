"""The portal home's map in a real browser (the system Chromium): regions drawn without
tiles, a region's popup leads to its public region page, a line names its agreements."""

import pytest

from simpul.publication.kinds import install_default_rules
from simpul.publication.models import PublicationRule
from simpul.regions import basemap

from .test_pages_support import public_agreement

pytestmark = pytest.mark.browser

# A point of the element's own visible area (not under a line or another region), found by
# asking the browser what is on top at points of a grid over the element's box.
FIND_POINT = """(element) => {
  const box = element.getBoundingClientRect();
  for (let fy = 0.1; fy < 1; fy += 0.1) {
    for (let fx = 0.1; fx < 1; fx += 0.1) {
      const x = box.left + box.width * fx, y = box.top + box.height * fy;
      if (document.elementFromPoint(x, y) === element) return { x, y };
    }
  }
  return null;
}"""


def test_a_visitor_opens_a_region_from_the_national_map(live_server, cast, browser_page):
    page = browser_page
    # A transactional test before this one may have flushed the rules migration 0002 loaded.
    install_default_rules(PublicationRule)
    kartamantul = public_agreement(cast, title="Kartamantul: angkutan dan sampah")

    page.goto(f"{live_server.url}/publik/")
    regions = page.locator(".leaflet-overlay-pane path.portal-region")
    regions.first.wait_for(state="visible")
    assert regions.count() == 3
    links = page.locator(".leaflet-overlay-pane path.portal-link")
    assert links.count() == 3
    assert all(url.startswith(live_server.url) for url in page.requests)

    # A line, opened from the keyboard, lists the agreement it stands for.
    links.first.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert kartamantul.reference_code in popup.inner_text()

    bantul = page.locator(
        '.leaflet-overlay-pane path.portal-region[aria-label^="Kabupaten Bantul"]'
    )
    point = bantul.evaluate(FIND_POINT)
    assert point is not None, "no visible point of Kabupaten Bantul on the map"
    page.mouse.click(point["x"], point["y"])
    link = page.locator(".leaflet-popup-content a.portal-popup-link")
    link.wait_for(state="visible")
    assert "Kabupaten Bantul" in page.locator(".leaflet-popup-content").last.inner_text()
    with page.expect_navigation():
        link.click()

    assert page.url == f"{live_server.url}/publik/wilayah/34.02/"
    assert page.locator("h1").inner_text() == "Kabupaten Bantul"
    assert (
        "Kartamantul: angkutan dan sampah" in page.locator("#agreements-heading + div").inner_text()
    )
    page.locator(".leaflet-overlay-pane path.region-self").wait_for(state="visible")
    assert page.locator(".leaflet-overlay-pane path.partner-line").count() == 2
    assert page.errors == [], f"JavaScript errors on the page: {page.errors}"


def test_the_national_map_names_its_regions_on_a_base_of_all_provinces_and_hatches_a_province(
    live_server, cast, browser_page
):
    page = browser_page
    install_default_rules(PublicationRule)
    public_agreement(
        cast, title="Kawasan Yogyakarta", parties=[cast.pemkot_yogyakarta, cast.pemda_diy]
    )
    # Built once per process (seconds on a loaded machine); not what this test measures.
    basemap.base_layer(basemap.PROVINCES), basemap.base_layer(basemap.REGENCIES)

    page.goto(f"{live_server.url}/publik/")
    page.locator("#portal-map.map-base-ready").wait_for()

    # DIY, a party itself, is drawn (hatched, a heavy outline) and named.
    province = page.locator(".leaflet-overlay-pane path.portal-province")
    assert province.count() == 1
    assert province.get_attribute("fill") == "url(#simpul-map-hatch)"
    assert province.get_attribute("aria-label").startswith("Daerah Istimewa Yogyakarta")
    names = page.locator(".map-base-label-primary").all_inner_texts()
    assert "Kota Yogyakarta" in names and "Daerah Istimewa Yogyakarta" in names
    # Around them, the regencies that take no part are named in grey, from the base layer.
    page.locator(".map-base-label-regency").first.wait_for(state="attached")
    assert "Kab. Gunungkidul" in page.locator(".map-base-label-regency").all_inner_texts()

    # Zoomed out to the whole country, the provinces are named and regency names give way.
    for _ in range(4):
        page.locator(".leaflet-control-zoom-out").click()
        page.wait_for_timeout(400)
    page.wait_for_function("document.querySelectorAll('.map-base-label-regency').length === 0")
    provinces = page.locator(".map-base-label-province").all_inner_texts()
    assert len(provinces) >= 8 and {"Jawa Barat", "Bali", "Lampung"} <= set(provinces)

    assert all(url.startswith(live_server.url) for url in page.requests)
    assert page.errors == [], f"JavaScript errors on the page: {page.errors}"
