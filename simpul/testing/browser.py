"""A real Chromium for end-to-end tests: the Debian package, driven by Playwright.

Playwright never downloads a browser here: `make test` and .ci/run install Debian's
`chromium-headless-shell`, Chromium's own headless build (same source package, same Blink and
V8 as Debian's `chromium`; it is also what Playwright itself runs for headless tests). It leaves
out the desktop browser's window machinery and measured a third less CPU than the full
`chromium` on the same tests (the all-pages sweep: 37 s of CPU against 55 s), which matters on a
2-core machine. SIMPUL_CHROMIUM names another executable, e.g. `/usr/bin/chromium` to watch a
test in the full browser. One Chromium runs per test process (the `chromium` fixture). Use the
`browser_page` fixture for a desktop window and `phone_page` for a 360-px-wide phone, or open
contexts on `chromium` yourself. Each page records JavaScript errors in `page.errors` and
every URL it requested in `page.requests`.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("SIMPUL_CHROMIUM", "/usr/bin/chromium-headless-shell"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
# Generous: `make test` runs four test jobs on two cores, and a form that runs its task inline
# (a report's PDF and workbook) can take well over 15 s to answer under that load. A passing
# step waits only as long as it needs.
TIMEOUT_MS = 30_000
NAVIGATION_TIMEOUT_MS = 60_000
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 800}
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture(scope="session")
def chromium():
    """One Chromium per test process, started at the first browser test: each test opens its
    own context (its own cookies and storage) on it, which costs a fraction of a launch."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: `make test` installs the Debian package "
            "chromium-headless-shell"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread, and Django refuses database
    # calls from a thread with a running loop; the tests' own calls are synchronous and safe.
    # The loop lives as long as the browser, so the permission does too.
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


def open_page(context):
    """A page of `context` that records its JavaScript errors in `page.errors` and every URL
    it requested in `page.requests`."""
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page.errors = []
    page.requests = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: page.requests.append(request.url))
    return page


def _page(chromium, viewport: dict):
    context = chromium.new_context(viewport=viewport, locale="id-ID")
    try:
        yield open_page(context)
    finally:
        context.close()


@pytest.fixture
def browser_page(chromium):
    yield from _page(chromium, DESKTOP)


@pytest.fixture
def phone_page(chromium):
    yield from _page(chromium, PHONE)
