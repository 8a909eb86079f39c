"""The teams pages in Chromium, with the all-pages sweep's checks (config/tests/
test_browser_sweep.py): at 1280 and 360 px each page fits the screen, has no JavaScript error,
passes axe (serious and critical, WCAG 2.1 AA, at 360 px) and its interface speaks English in
English. The Indonesian pass joins the main sweep once the catalogue translates these pages."""

import pytest
from django.conf import settings

from config.tests.test_browser_sweep import PHONE, _sweep, _window
from simpul.agreements.tests.factories import make_agreement
from simpul.teams import services
from simpul.teams.models import Team, TeamMember
from simpul.testing.cast import session_cast

from .factories import add_member, competency, make_team, on, training_with_certificate

pytestmark = pytest.mark.browser

PAGES = [
    ("teams", "/tim/", PHONE),
    ("an organisation's teams", "/tim/organisasi/{organization}/", PHONE),
    ("recording a team", "/tim/organisasi/{organization}/baru/", PHONE),
    ("a team", "/tim/{team}/", PHONE),
    ("editing a team", "/tim/{team}/ubah/", PHONE),
    ("a new decree", "/tim/{team}/sk/baru/", PHONE),
    ("adding a member", "/tim/{team}/anggota/baru/", PHONE),
    ("a member", "/tim/{team}/anggota/{member}/", PHONE),
    ("an agreement's working teams", "/tim/kerja-sama/{agreement}/", PHONE),
]


def _world(cast) -> dict:
    team = make_team(cast, term_end=on(40))
    chair = add_member(team, cast.wati, role=TeamMember.Role.CHAIR)
    member = add_member(team, cast.dewi, nip="198001012005011001")
    for who, code, level in ((chair, "negotiation", "advanced"), (member, "gis", "basic")):
        entry = services.competency_record(
            member=who, user=cast.sari, competency=competency(code), level=level
        )
    services.competency_verify(entry=entry, user=cast.sari)
    training_with_certificate(member)
    agreement = make_agreement(cast, state="active")
    make_team(cast, kind=Team.Kind.WORKING, name="Tim kerja sampah", agreement=agreement)
    return {
        "organization": cast.pemkot_yogyakarta.pk,
        "team": team.pk,
        "member": member.pk,
        "agreement": agreement.pk,
    }


def test_the_teams_pages_fit_the_screen_have_no_errors_and_pass_axe(live_server, cast, chromium):
    base = live_server.url
    world = _world(cast)
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
