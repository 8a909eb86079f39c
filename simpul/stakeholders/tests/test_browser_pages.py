"""The stakeholder pages in Chromium, with the all-pages sweep's checks (config/tests/
test_browser_sweep.py): at 1280 and 360 px each page fits the screen, has no JavaScript error,
passes axe (serious and critical, WCAG 2.1 AA, at 360 px) and its interface speaks English in
English. The Indonesian pass joins the main sweep once the catalogue translates these pages."""

import pytest
from django.conf import settings

from config.tests.test_browser_sweep import PHONE, _sweep, _window
from simpul.agreements.tests.factories import make_agreement
from simpul.testing.cast import session_cast

from .factories import make_contribution, make_stakeholder

pytestmark = pytest.mark.browser

PAGES = [
    ("the register and its grid", "/kerja-sama/{agreement}/pemangku-kepentingan/", PHONE),
    ("adding a stakeholder", "/kerja-sama/{agreement}/pemangku-kepentingan/baru/", PHONE),
    ("editing a stakeholder", "/kerja-sama/{agreement}/pemangku-kepentingan/{stakeholder}/ubah/",
     PHONE),
    ("contributions", "/kerja-sama/{agreement}/pemangku-kepentingan/kontribusi/", PHONE),
    ("recording a contribution",
     "/kerja-sama/{agreement}/pemangku-kepentingan/kontribusi/baru/", PHONE),
    ("the public agreement", "/publik/kerja-sama/{reference}/", PHONE),
]  # fmt: skip


def test_the_stakeholder_pages_fit_the_screen_have_no_errors_and_pass_axe(
    live_server, cast, chromium
):
    base = live_server.url
    agreement = make_agreement(cast, state="active")
    stakeholder = make_stakeholder(cast, agreement=agreement)
    make_contribution(cast, stakeholder=stakeholder, status="verified")
    make_contribution(cast, stakeholder=stakeholder, by=cast.yanto, kind="land", value="0")
    other = make_stakeholder(
        cast, agreement=agreement, name="Komunitas Sungai Code", kind="community",
        roles=["beneficiary", "advocate"], influence=1, interest=5,
    )  # fmt: skip
    make_contribution(cast, stakeholder=other, kind="labour", status="rejected")
    world = {
        "agreement": agreement.pk,
        "stakeholder": stakeholder.pk,
        "reference": agreement.reference_code,
    }
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
    problems = _sweep(page, base, "en", PAGES, world)
    context.close()
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
