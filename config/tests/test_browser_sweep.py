"""Every main page, in both languages, on a desktop (1280 px) and a phone (360 px): the
"done means" of issue 11. One browser and one window per language: the window visits the
public pages as a visitor, then Sari's pages signed in (an admin at Pemkot Yogyakarta, a party
to the agreement). Each page is loaded at 1280 px, checked, narrowed to 360 px and checked
again. A page fails on

- a status other than 200, or a JavaScript error (an uncaught exception, or a console error
  such as a script the CSP blocked or a missing file);
- horizontal overflow: the page is wider than the window (the message names the outermost
  elements that stick out, not those inside a wrapper that scrolls);
- an axe-core violation of impact "serious" or "critical" (rules tagged WCAG 2.0/2.1 A and
  AA; axe is the npm package in node_modules, injected by Playwright);
- a word of the other language in the interface's own text (header, navigation, headings,
  buttons, labels, column headers, footer). Data (agreement titles, region and organisation
  names) is Indonesian in both languages, so page titles and row headers are not read, and the
  words listed are ones only the interface would use.

Cost. Loading a page and running axe cost about the same in Chromium, and both dominate the
test, so: each page is loaded once per language (narrowing the window re-lays it out without
a reload: media queries apply and resize handlers run); axe runs once per page, at 360 px in
English on the pages whose layout changes most on a phone (marked PHONE below: menus, tabs,
wide tables, charts beside tables, maps; the header and footer they share are checked at
1280 px on every other page) and at 1280 px in Indonesian on the rest. Overflow, errors and
words are checked in all four combinations. When `make test` runs both engines, SQLite
sweeps the Indonesian window and PostgreSQL the English one (simpul/testing/shards.py): what
Chromium draws does not depend on the engine. To stay within the budget a few secondary pages
(early warnings, complaint tracking, the data dictionary, a region's governance trend, the
organisation and password pages) are left out. Measured on the shared 2-core machine (SQLite):
37 s with one other test process running, about 75 s at a load average of 8; Chromium is
most of the CPU and axe more than half of Chromium's.
"""

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from simpul.complaints.tests.factories import make_complaint
from simpul.consultations.tests.factories import make_consultation
from simpul.ideas.tests.factories import make_idea
from simpul.knowledge.tests.factories import make_item
from simpul.meetings.models import AgendaItem
from simpul.meetings.services import AttendanceEntry, Guest, attendance_save, invitations_add
from simpul.meetings.services.attendance import member_organizations
from simpul.meetings.tests.factories import make_meeting
from simpul.meetings.tests.minutes_factories import final
from simpul.monitoring.models import Evaluation, Indicator, ReportingPeriod
from simpul.monitoring.services.analysis import indicator_refresh
from simpul.portal.tests.test_pages_support import make_done_report
from simpul.publication.tests.factories import approve_plan
from simpul.regions import basemap
from simpul.reports.models import Report
from simpul.reports.tests.factories import make_monitored_agreement
from simpul.scorecard.services import scores_refresh
from simpul.search import index
from simpul.surveys.tests.factories import add_response, make_survey
from simpul.testing import shards
from simpul.testing.cast import session_cast

pytestmark = pytest.mark.browser

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# By URL, not `add_script_tag(path=…)`: the CSP allows no inline script, and node_modules is
# served under /static/vendor/ like every front-end library.
AXE_URL = "/static/vendor/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP, PHONE_WIDTH = {"width": 1280, "height": 900}, {"width": 360, "height": 800}
# Axe runs once per page: at 360 px in English on pages marked PHONE, whose layout changes most
# on a phone; at 1280 px in Indonesian on the others.
PHONE = "axe on the phone"

# Pages a visitor opens, then pages Sari opens signed in; {…} are filled from the world below.
PUBLIC_PAGES = [
    ("portal home and map", "/publik/", PHONE),
    ("public register", "/publik/kerja-sama/", PHONE),
    ("public agreement", "/publik/kerja-sama/{reference}/", PHONE),
    ("public region page", "/publik/wilayah/34.71/"),
    ("governance ranking", "/publik/tata-kelola/", PHONE),
    ("published reports", "/publik/laporan/"),
    ("open data", "/data/"),
    ("public consultations", "/konsultasi/"),
    ("public consultation", "/konsultasi/{consultation}/"),
    ("public survey", "/survei/{survey}/"),
    ("complaint form", "/pengaduan/"),
    ("sign-in page", "/akun/masuk/"),
    ("public knowledge list", "/publik/pengetahuan/"),
]
SIGNED_IN_PAGES = [
    ("dashboard", "/", PHONE),
    ("agreement register", "/kerja-sama/", PHONE),
    ("agreement overview", "/kerja-sama/{agreement}/", PHONE),
    ("agreement documents", "/kerja-sama/{agreement}/dokumen/"),
    ("agreement disputes", "/kerja-sama/{agreement}/sengketa/"),
    ("agreement publication", "/kerja-sama/{agreement}/publikasi/"),
    ("plan", "/kerja-sama/{agreement}/rencana/", PHONE),
    ("results dashboard", "/kerja-sama/{agreement}/pemantauan/", PHONE),
    ("indicators", "/kerja-sama/{agreement}/pemantauan/indikator/"),
    ("indicator", "/kerja-sama/{agreement}/pemantauan/indikator/{indicator}/"),
    ("IPTT", "/kerja-sama/{agreement}/pemantauan/iptt/", PHONE),
    ("data collection", "/kerja-sama/{agreement}/pemantauan/data/", PHONE),
    ("reporting period", "/kerja-sama/{agreement}/pemantauan/data/periode/{period}/"),
    ("evaluations", "/kerja-sama/{agreement}/pemantauan/evaluasi/"),
    ("evaluation", "/kerja-sama/{agreement}/pemantauan/evaluasi/{evaluation}/"),
    ("reports", "/kerja-sama/{agreement}/laporan/"),
    ("consultations", "/kerja-sama/{agreement}/konsultasi/"),
    ("consultation", "/kerja-sama/{agreement}/konsultasi/{consultation}/"),
    ("surveys", "/kerja-sama/{agreement}/survei/"),
    ("agreement complaints", "/kelola-pengaduan/kerja-sama/{agreement}/"),
    ("survey results", "/kerja-sama/{agreement}/survei/{survey}/hasil/", PHONE),
    ("complaints inbox", "/kelola-pengaduan/", PHONE),
    ("complaint", "/kelola-pengaduan/{complaint}/"),
    ("national overview", "/pemantauan/", PHONE),
    ("region profile", "/wilayah/34.71/", PHONE),
    ("account profile", "/akun/profil/"),
    ("meeting calendar", "/rapat/kalender/?bulan={month}", PHONE),
    ("meeting list", "/rapat/"),
    ("meeting", "/rapat/{meeting}/"),
    ("minutes of a held meeting", "/rapat/{held_meeting}/notulen/", PHONE),
    ("forum", "/rapat/forum/{forum}/"),
    ("knowledge list", "/pengetahuan/"),
    ("knowledge item", "/pengetahuan/{knowledge}/"),
    ("ideas board", "/ide/"),
    ("idea", "/ide/{idea}/"),
    ("search results", "/cari/?q=sampah"),
]

# Words only the interface uses. In Indonesian pages, English ones: the catalogue's own words
# are "Dasbor", "Unduh", "Ikhtisar", so "Dashboard", "Download" or "Overview" on an Indonesian
# page is a msgid that was never translated, not a loanword. Words Indonesian shares with
# English ("Status", "Menu", "Portal", "Data", "E-mail", "Target") are not listed.
ENGLISH_WORDS = [
    "Agreement", "Agreements", "Dashboard", "Home", "Overview", "Save", "Cancel", "Delete",
    "Back", "Next", "Previous", "Search", "Download", "Sign in", "Sign out", "Budget",
    "Report", "Reports", "Indicator", "Indicators", "Region", "Regions", "Complaint",
    "Complaints", "Consultation", "Consultations", "Survey", "Surveys", "Results",
    "Open data", "Submit", "Timeline", "Documents", "Governance", "Monitoring", "Language",
    "the", "and", "of", "with",
    "January", "February", "March", "May", "June", "July", "August", "October", "December",
]  # fmt: skip
# In English pages, Indonesian ones (none of them in the world's data or the cast's names).
INDONESIAN_WORDS = [
    "Beranda", "Kerja sama", "Simpan", "Kembali", "Tahapan", "Ubah", "Hapus", "Batal",
    "Unduh", "Cari", "Keluar", "Masuk", "Sebelumnya", "Berikutnya", "Pemantauan", "Laporan",
    "Pengaduan", "Konsultasi", "Survei", "Wilayah", "Organisasi", "Rencana", "Indikator",
    "Anggaran", "Dokumen", "Publikasi", "Ikhtisar", "Partisipasi", "Perselisihan",
    "Tata kelola", "Data terbuka", "Belum", "Tidak", "Semua", "Lihat", "Tambah", "Kirim",
    "yang", "dan", "untuk", "dengan",
    "Januari", "Februari", "Maret", "Mei", "Juni", "Juli", "Agustus", "Oktober", "Desember",
]  # fmt: skip
# A one-word gloss of the legal term after its translation, "Complaint (pengaduan)", is
# deliberate: the English reader learns the word the official forms use.
GLOSS = re.compile(r"(?<=\w) \([a-z]+\)")
OTHER_LANGUAGE = {
    "id": re.compile(r"\b(" + "|".join(map(re.escape, ENGLISH_WORDS)) + r")\b"),
    "en": re.compile(r"\b(" + "|".join(map(re.escape, INDONESIAN_WORDS)) + r")\b", re.I),
}

# The interface's own text: what the templates write, not the data they show. Row headers
# (`th[scope=row]`) and the page's h1 usually carry data (an agreement's title), so they are
# left out; hidden menus count (a phone's collapsed navigation is still the interface).
CHROME = (
    "header, nav, footer, button, label, legend, summary, caption, h2, h3, h4, dt, "
    "th:not([scope=row])"
)

# One evaluate per check: overflow (and the outermost elements that stick out), the chrome's
# text and, when asked, axe-core's serious and critical violations. It first waits two frames,
# so that resize handlers have run after the window was narrowed, and for maps to be drawn.
INSPECT = """async ({chrome, axeTags}) => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  // A map's base layer and names arrive after the load event: check the map people see.
  const pending = () => document.querySelector('[data-base-url]:not(.map-base-ready)');
  for (let wait = 0; pending() && wait < 150; wait++) {
    await new Promise((done) => setTimeout(done, 100));
  }
  const width = window.innerWidth;
  const describe = (element) => {
    let name = element.tagName.toLowerCase();
    if (element.id) name += '#' + element.id;
    if (element.classList.length) name += '.' + [...element.classList].join('.');
    return name + ` (right edge ${Math.round(element.getBoundingClientRect().right)} px)`;
  };
  // Inside a wrapper that scrolls (a wide table's), sticking out is how it scrolls.
  const clipped = (element) => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  const scrollWidth = document.documentElement.scrollWidth;
  const sticking = [];
  if (scrollWidth > width) {
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1) continue;
      const parent = element.parentElement.getBoundingClientRect();
      if (parent.right <= width + 1 && !clipped(element)) sticking.push(describe(element));
    }
  }
  const text = [...document.querySelectorAll(chrome)].map((e) => e.textContent).join('\\n');
  let violations = [];
  if (axeTags) {
    const results = await axe.run(document, {
      runOnly: {type: 'tag', values: axeTags}, resultTypes: ['violations'],
    });
    violations = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help}; at ${
        v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }
  return {
    overflows: scrollWidth > width, scrollWidth, sticking, text, violations,
    mapPending: !!pending(),
  };
}"""


def _world(cast) -> dict:
    """One active Kartamantul agreement with what every page shows: an approved plan and
    budget, indicators with a year of verified quarterly data, an evaluation, an open
    consultation and survey with a response, a complaint, a finished report and the year's
    governance scores; Kartamantul's forum with a held, signed-off meeting and the next
    one; a public practice, an idea and the search index over all of it."""
    year = timezone.localdate().year - 1
    agreement = make_monitored_agreement(
        cast,
        indicators=2,
        years=(year,),
        title="Kartamantul: pengelolaan sampah regional di TPST Piyungan",
        start_date=date(year, 1, 1),
        end_date=date(year + 4, 12, 31),
    )
    indicators = list(Indicator.objects.filter(agreement=agreement).order_by("pk"))
    indicator_refresh([indicator.pk for indicator in indicators])
    approve_plan(agreement)
    consultation = make_consultation(agreement, title="Rancangan revisi jadwal angkut sampah")
    survey = make_survey(agreement=agreement)
    add_response(survey, text="Truk datang pagi.")
    complaint = make_complaint(agreement=agreement, title="Truk sampah berceceran")
    # Not "Laporan …": the word is on the list, and the title shows in the Publikasi tab's labels.
    report = make_done_report(agreement)
    Report.objects.filter(pk=report.pk).update(title="Kartamantul semester II")
    scores_refresh(year)
    scores_refresh()
    held, upcoming = _meetings(cast)
    # A practice published to the public (on the portal's list too) and an idea; the search
    # page reads the index, which the factories' direct updates bypass: rebuilt once here.
    practice = make_item(
        cast, status="published", audience="public", title="Bank sampah kelurahan Kotagede"
    )
    idea = make_idea(cast, title="Bank sampah bersama di pasar Beringharjo")
    index.rebuild()
    # The maps' base layers are built once per process (seconds on a loaded machine).
    basemap.base_layer(basemap.PROVINCES), basemap.base_layer(basemap.REGENCIES)
    return {
        "agreement": agreement.pk,
        "reference": agreement.reference_code,
        "indicator": indicators[0].pk,
        "period": ReportingPeriod.objects.filter(agreement=agreement).latest("start").pk,
        "evaluation": Evaluation.objects.get(agreement=agreement).pk,
        "consultation": consultation.pk,
        "survey": survey.pk,
        "complaint": complaint.pk,
        "forum": upcoming.forum.slug,
        "meeting": upcoming.pk,
        "month": f"{upcoming.starts_at:%Y-%m}",
        "held_meeting": held.minutes.meeting_id,
        "knowledge": practice.pk,
        "idea": idea.pk,
    }


def _meetings(cast):
    """Kartamantul's forum with a held meeting whose minutes every party signed (attendance,
    a decision, an action item) and the next meeting, with its agenda and the members and an
    expert invited."""
    held = final(cast)
    attendance_save(
        meeting=held.minutes.meeting,
        user=cast.lina,
        entries=[
            AttendanceEntry(name=f"Utusan {organization.name}", status="present",
                            organization=organization)
            for organization in member_organizations(held.minutes.meeting)
        ],
    )  # fmt: skip
    forum = held.minutes.meeting.forum
    upcoming = make_meeting(cast, forum=forum, title="Rapat koordinasi bulanan Kartamantul")
    for position, title in enumerate(["Tarif TPST Piyungan", "Jadwal angkutan sampah"]):
        AgendaItem.objects.create(meeting=upcoming, title=title, position=position)
    invitations_add(
        meeting=upcoming,
        user=cast.lina,
        organizations=member_organizations(upcoming),
        guests=[Guest("Dr. Ratih Kusumastuti", "ratih@ugm.example.ac.id", "UGM", "Persampahan")],
    )
    return held, upcoming


def _window(chromium, base: str, language: str):
    """A page in a fresh context reading `language`; `page.errors` collects JavaScript errors
    and console errors (a script the CSP blocked, a file that is missing) as they happen."""
    context = chromium.new_context(viewport=DESKTOP)
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on(
        "console",
        lambda message: page.errors.append(message.text) if message.type == "error" else None,
    )
    return context, page


def _other_language(text: str, language: str) -> list[str]:
    """Each word of the other language, quoted with a little of the text around it."""
    found: dict[str, str] = {}
    text = GLOSS.sub("", text)
    for match in OTHER_LANGUAGE[language].finditer(text):
        around = " ".join(text[max(match.start() - 30, 0) : match.end() + 30].split())
        found.setdefault(match.group(), f"{match.group()!r} in “…{around}…”")
    return sorted(found.values())


def _check(page, where: str, language: str, axe: bool) -> list[str]:
    """What is wrong with the page as it is now, each line naming `where`."""
    if axe and not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(url=AXE_URL)
    found = page.evaluate(INSPECT, {"chrome": CHROME, "axeTags": AXE_TAGS if axe else None})
    problems = [f"{where}: JavaScript error: {error}" for error in page.errors]
    page.errors.clear()
    if found["mapPending"]:
        problems.append(f"{where}: the map's base layer did not load within 15 s")
    if found["overflows"]:
        sticking = "; ".join(found["sticking"][:4]) or "nothing outside a scrolling wrapper"
        problems.append(f"{where}: {found['scrollWidth']} px wide; sticking out: {sticking}")
    problems += [
        f"{where}: other language: {word}" for word in _other_language(found["text"], language)
    ]
    problems += [f"{where}: axe {violation}" for violation in found["violations"]]
    return problems


def _sweep(page, base: str, language: str, pages: list[tuple], world: dict) -> list[str]:
    problems = []
    for name, path, *phone in pages:
        url = base + path.format(**world)
        where = f"{name} {path.format(**world)} [{language}, %s px]"
        page.set_viewport_size(DESKTOP)
        page.errors.clear()
        response = page.goto(url, wait_until="load")
        if response is None or response.status != 200:
            problems.append(f"{where % 1280}: status {response and response.status}")
            continue
        problems += _check(page, where % 1280, language, axe=language == "id" and not phone)
        page.set_viewport_size(PHONE_WIDTH)
        problems += _check(page, where % 360, language, axe=language == "en" and bool(phone))
    return problems


def test_every_main_page_fits_the_screen_has_no_errors_passes_axe_and_speaks_one_language(
    live_server, cast, chromium
):
    base = live_server.url
    assert AXE.exists(), f"{AXE} is missing: `make setup` installs it from package-lock.json"
    world = _world(cast)
    # Sari's session, built with the cast: no sign-in form to fill in each window.
    session = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": session_cast.session_keys[cast.sari.pk],
        "url": base,
    }
    problems: list[str] = []
    # When two engines share the run, each sweeps one language (simpul/testing/shards.py).
    languages = [lang for i, lang in enumerate(("id", "en")) if shards.owns(i)]
    for language in languages:
        context, page = _window(chromium, base, language)
        problems += _sweep(page, base, language, PUBLIC_PAGES, world)
        context.add_cookies([session])
        problems += _sweep(page, base, language, SIGNED_IN_PAGES, world)
        context.close()
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


BROKEN_PAGE = """<!doctype html><html lang="id"><head><title>Rusak</title></head><body>
<header><nav><a href="/">Beranda</a></nav></header>
<main><h1>Halaman rusak</h1><div style="width: 2000px" id="too-wide">lebar</div>
<img src="/peta.png"><button type="button">Save</button></main>
<script>notDefinedAnywhere();</script></body></html>"""


# The sweep's own checks fire: a page with one defect of each kind is reported, each named.
def test_the_sweep_reports_overflow_a_script_error_an_axe_violation_and_an_english_word(
    chromium,
):
    base = "http://sweep.test"
    context, page = _window(chromium, base, "id")
    page.route(base + AXE_URL, lambda route: route.fulfill(path=AXE))
    page.route(
        base + "/rusak/", lambda route: route.fulfill(body=BROKEN_PAGE, content_type="text/html")
    )
    page.route(base + "/peta.png", lambda route: route.fulfill(status=404))
    page.goto(base + "/rusak/")

    problems = "\n".join(_check(page, "broken page", "id", axe=True))
    context.close()

    assert "broken page: JavaScript error: notDefinedAnywhere is not defined" in problems
    assert "broken page: JavaScript error: Failed to load resource" in problems  # the image
    assert re.search(r"broken page: \d+ px wide; sticking out: div#too-wide", problems)
    assert "broken page: axe image-alt (critical)" in problems
    assert "broken page: other language: 'Save'" in problems
    assert problems.count("other language") == 1  # "Beranda" is the page's own language
