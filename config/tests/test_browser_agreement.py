"""End to end in a real browser: Sari registers a three-party KSDD with the wizard and takes
it from draft to active, uploading what each stage demands, recording every party's
signatures and applying each step; the timeline then shows every step.

Uses the system Chromium through the `browser_page` fixture; the screenshot is kept in
test-artifacts/agreement-active.png.
"""

import pytest
from django.urls import reverse

from simpul.agreements.models import Agreement
from simpul.agreements.tests.factories import government_of
from simpul.organizations.models import Membership
from simpul.testing.browser import ARTIFACTS
from simpul.testing.cast import PASSWORD, make_member, make_user

pytestmark = pytest.mark.browser

PDF_BYTES = (
    b"%PDF-1.4\n"
    b"1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    b"trailer <</Root 1 0 R>>\n"
    b"%%EOF\n"
)

# The path of a KSDD whose parties need no DPRD approval, and what each step demands.
STEPS = [
    ("offer", "offered", ["offer_letter"], None),
    ("accept_offer", "offer_accepted", ["reply_letter"], None),
    ("start_kb_drafting", "kb_drafting", [], None),
    ("sign_kb", "kb_signed", ["kb"], ("kb", "2026-03-02")),
    ("start_pks_drafting", "pks_drafting", [], None),
    ("sign_pks", "pks_signed", ["pks"], ("pks", "2026-04-06")),
    ("activate", "active", [], None),
]


def _submit(page, button) -> None:
    with page.expect_navigation():
        button.click()


def _sign_in(page, base, person) -> None:
    page.goto(base + reverse("accounts:login"))
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(person.email)
    form.locator("input[name=password]").fill(PASSWORD)
    _submit(page, form.locator("button[type=submit], input[type=submit]").first)


def _add_party(page, region_code: str, organization) -> None:
    page.select_option("#party-kind", "government")
    page.fill("#party-q", region_code)
    _submit(page, page.locator("#party-search-button"))
    page.check(f"#add-{organization.pk}")
    _submit(page, page.locator("#party-add-button"))
    page.locator(f"#wizard-parties tr[data-organization='{organization.pk}']").wait_for()


def _upload(page, base, agreement, kind: str) -> None:
    page.goto(base + reverse("agreements:document-list", kwargs={"pk": agreement.pk}))
    form = page.locator("#document-upload-form")
    form.locator("#id_kind").select_option(kind)
    form.locator("#id_title").fill(f"{kind} {agreement.reference_code}")
    form.locator("#id_file").set_input_files(
        files=[{"name": f"{kind}.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    _submit(page, form.locator("button[type=submit]"))
    page.locator(f"article[data-kind='{kind}']").first.wait_for()


def _sign(page, base, agreement, party, instrument: str, signed_on: str) -> None:
    page.goto(base + agreement.get_absolute_url())
    _submit(page, page.locator(f"#party-{party.pk} a.sign-link[data-instrument='{instrument}']"))
    page.fill("#id_document_number", f"{instrument.upper()}/{party.pk}/2026")
    page.fill("#id_signatory_name", f"Kepala Daerah {party.pk}")
    page.fill("#id_signatory_office", "Kepala Daerah")
    page.check("#id_is_head_of_region")
    page.fill("#id_signed_on", signed_on)
    _submit(page, page.locator("form.agreement-form button[type=submit]"))
    page.locator(f"#party-{party.pk} li[data-instrument='{instrument}']").wait_for()


def _apply(page, base, agreement, code: str, target: str) -> None:
    page.goto(base + agreement.get_absolute_url())
    form = page.locator(f"form.transition-form[data-transition='{code}']")
    form.locator("details.step-extra summary").click()
    form.locator("textarea").fill(f"Langkah {code}")
    accept = form.locator("input[name$='accept_warnings']")
    if accept.count():
        accept.check()
    _submit(page, form.locator("button[type=submit]"))
    state = page.locator("#agreement").get_attribute("data-state")
    assert state == target, f"{code}: expected {target}, page shows {state}"


def test_a_coordinator_registers_a_ksdd_and_takes_it_from_draft_to_active(
    live_server, cast, browser_page
):
    page, base = browser_page, live_server.url
    sleman, bantul = government_of(cast.sleman), government_of(cast.bantul)
    # Fajar coordinates cooperation at Kota Yogyakarta's bureau: not an administrator.
    fajar = make_user("fajar@jogjakota.go.id", "Fajar Ramadhan")
    make_member(fajar, cast.pemkot_yogyakarta, Membership.Role.COORDINATOR)
    _sign_in(page, base, fajar)

    # The wizard: basics, parties (with the rules checked as she goes), content and dates.
    page.goto(base + reverse("agreements:agreement-list"))
    _submit(page, page.locator("#new-agreement"))
    page.select_option("#id_family", "ksdd")
    page.select_option("#id_category", "sukarela")
    page.fill("#id_title", "Pengelolaan sampah regional Kartamantul")
    page.select_option("#id_owner", str(cast.pemkot_yogyakarta.pk))
    _submit(page, page.locator("#wizard-next"))
    for code, organization in (
        ("34.71", cast.pemkot_yogyakarta),
        ("34.04", sleman),
        ("34.02", bantul),
    ):
        _add_party(page, code, organization)
    assert page.locator(".finding-block").count() == 0
    _submit(page, page.locator("#wizard-next"))
    page.locator(".affair-groups input[type=checkbox]").first.check()
    page.fill("#id_objectives", "Mengelola sampah bersama di TPST Piyungan")
    page.fill("#id_start_date", "2026-05-01")
    page.fill("#id_end_date", "2031-04-30")
    _submit(page, page.locator("#wizard-finish"))

    agreement = Agreement.objects.get(title="Pengelolaan sampah regional Kartamantul")
    assert page.url == base + agreement.get_absolute_url()
    assert page.locator("#agreement").get_attribute("data-state") == "draft"
    parties = list(agreement.parties.select_related("organization"))
    assert [p.organization for p in parties] == [cast.pemkot_yogyakarta, sleman, bantul]

    # From draft to active, one stage at a time.
    for code, target, documents, signing in STEPS:
        for kind in documents:
            _upload(page, base, agreement, kind)
        if signing:
            instrument, signed_on = signing
            for party in parties:
                _sign(page, base, agreement, party, instrument, signed_on)
        _apply(page, base, agreement, code, target)

    agreement.refresh_from_db()
    assert agreement.state == "active"
    timeline = page.locator("#timeline .timeline-event")
    shown = set(timeline.evaluate_all("els => els.map(e => e.dataset.transition)"))
    assert {code for code, *_ in STEPS} | {"create"} <= shown
    assert page.locator(".timeline-event[data-transition='sign_kb'] .event-documents").count() == 1

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "agreement-active.png"), full_page=True)
    assert page.errors == [], f"JavaScript errors on the page: {page.errors}"
