"""The ideas pages in Chromium, with the all-pages sweep's checks (config/tests/
test_browser_sweep.py): at 1280 and 360 px each page fits the screen, has no JavaScript error,
passes axe (serious and critical, WCAG 2.1 AA, at 360 px) and its interface speaks English in
English. The Indonesian pass joins the main sweep once the catalogue translates these pages."""

import pytest
from django.conf import settings

from config.tests.test_browser_sweep import PHONE, _sweep, _window
from simpul.agreements.models import GovernmentAffair
from simpul.ideas import services
from simpul.testing.cast import session_cast

from .factories import make_citizen_idea, make_idea

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    ("citizens' ideas", "/publik/ide/", PHONE),
    ("a citizen's idea", "/publik/ide/{published}/", PHONE),
    ("the idea form", "/publik/ide/kirim/", PHONE),
]
SIGNED_IN_PAGES = [
    ("ideas board", "/ide/", PHONE),
    ("an idea", "/ide/{idea}/", PHONE),
    ("editing an idea", "/ide/{idea}/ubah/", PHONE),
    ("accepting an idea", "/ide/{idea}/terima/", PHONE),
    ("posting an idea", "/ide/baru/", PHONE),
    ("moderation", "/ide/moderasi/", PHONE),
]


def _world(cast) -> dict:
    idea = make_idea(cast, regions=[cast.sleman, cast.bantul])
    idea.affairs.set(GovernmentAffair.objects.filter(code__in=["environment", "transportation"]))
    services.idea_support(idea=idea, user=cast.yanto)
    services.idea_comment(idea=idea, user=cast.yanto, body="Sleman siap ikut uji coba.")
    make_citizen_idea(cast)
    published = make_citizen_idea(cast, moderation="published", title="Taman baca terminal")
    return {"idea": idea.pk, "published": published.code}


def test_the_ideas_pages_fit_the_screen_have_no_errors_and_pass_axe(live_server, cast, chromium):
    base = live_server.url
    world = _world(cast)
    context, page = _window(chromium, base, "en")
    problems = _sweep(page, base, "en", PUBLIC_PAGES, world)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session_cast.session_keys[cast.sari.pk],
                "url": base,
            }
        ]
    )
    problems += _sweep(page, base, "en", SIGNED_IN_PAGES, world)
    context.close()
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
