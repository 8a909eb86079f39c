"""The partner finder in Chromium: Kota Yogyakarta's government opens the finder for waste,
sees its neighbours Sleman and Bantul first with their border and matching potential, opens
one, and starts a draft cooperation pre-filled from it. One context, one walk."""

import pytest
from django.conf import settings

from config.tests.test_browser_sweep import _window
from simpul.potentials.models import Kind
from simpul.testing.cast import session_cast

from .factories import record

pytestmark = pytest.mark.browser


def test_yogyakarta_finds_sleman_and_bantul_for_waste_and_starts_a_prefilled_draft(
    live_server, cast, chromium
):
    base = live_server.url
    record(cast.yogyakarta, "landfill-capacity", Kind.PROBLEM)
    record(cast.sleman, "landfill-capacity", Kind.POTENTIAL)
    record(cast.bantul, "landfill-capacity", Kind.POTENTIAL)
    context, page = _window(chromium, base, "en")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session_cast.session_keys[cast.sari.pk],
                "url": base,
            }
        ]
    )

    page.goto(f"{base}/potensi/34.71/mitra/?urusan=environment")
    rows = page.locator("#candidates tbody tr")
    first_two = {rows.nth(i).get_attribute("data-region") for i in (0, 1)}
    assert first_two == {"34.04", "34.02"}
    for i in (0, 1):
        text = rows.nth(i).inner_text()
        assert "shares a border (" in text
        assert "Landfill capacity surplus" in text

    rows.nth(0).locator("th a").click()
    page.locator("#start-cooperation").click()
    page.wait_for_load_state()

    assert (
        "Cooperation of Kota Yogyakarta and Kabupaten"
        in page.locator("input[name=title]").input_value()
    )
    assert not page.errors
    context.close()
