"""The portal home's stat cards in a real browser: Rupiah totals never wrap mid-number."""

from decimal import Decimal

import pytest

from simpul.core import public_cache
from simpul.portal import selectors

pytestmark = pytest.mark.browser

FIGURES = {
    "agreements": 12,
    "in_force": 9,
    "regions": 31,
    "partners": 40,
    "affairs": 11,
    "budget": {
        "planned": Decimal("45020000000"),
        "realised": Decimal("38765432100"),
        "absorption": Decimal("86.1"),
    },
}

# Each amount is one inline box: a line break inside it would give it two client rects.
LINES = "(elements) => elements.map((element) => element.getClientRects().length)"


@pytest.mark.parametrize("fixture", ["browser_page", "phone_page"])
def test_the_home_stat_cards_keep_each_rupiah_total_on_one_line(
    live_server, cast, monkeypatch, request, fixture
):
    monkeypatch.setattr(selectors, "national_figures", lambda: FIGURES)
    public_cache.bump()
    page = request.getfixturevalue(fixture)

    page.goto(f"{live_server.url}/publik/")
    amounts = page.locator(".portal-figures .money")
    amounts.first.wait_for(state="visible")

    assert amounts.all_inner_texts() == ["Rp\xa045,02\xa0miliar", "Rp\xa038,77\xa0miliar"]
    assert amounts.evaluate_all(LINES) == [1, 1]
    assert page.errors == []
