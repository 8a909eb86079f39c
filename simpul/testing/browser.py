"""A real Chromium for end-to-end tests: the Debian package, driven by Playwright.

Playwright never downloads a browser here (`make test` and .ci/run install Debian's
`chromium`). Use the `browser_page` fixture for a desktop window and `phone_page` for a
360-px-wide phone. Each page records JavaScript errors in `page.errors` and every URL it
requested in `page.requests`. A test that needs several windows of one browser (the
all-pages sweep) asks for `chromium` and opens its own contexts.
"""

import contextlib
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
TIMEOUT_MS = 15_000


@contextlib.contextmanager
def _browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread, and Django refuses database
    # calls from a thread with a running loop; the test's own calls are synchronous and safe.
    # Set for this test only: a process-wide value would leak into other tests.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs the Debian package chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _page(monkeypatch, viewport: dict):
    with _browser(monkeypatch) as browser:
        context = browser.new_context(viewport=viewport, locale="id-ID")
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.errors = []
        page.requests = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("request", lambda request: page.requests.append(request.url))
        try:
            yield page
        finally:
            context.close()


@pytest.fixture
def chromium(monkeypatch):
    """The launched browser itself, for a test that opens its own contexts."""
    with _browser(monkeypatch) as browser:
        yield browser


@pytest.fixture
def browser_page(monkeypatch):
    yield from _page(monkeypatch, {"width": 1280, "height": 900})


@pytest.fixture
def phone_page(monkeypatch):
    yield from _page(monkeypatch, {"width": 360, "height": 800})
