"""End to end in a real browser: Kota Yogyakarta's administrator (Sari) records the TKKSD
with its decree from her organisation's page, adds a member with a competency and a training
certificate, and sees on the team page which required competencies nobody has yet.

Uses the system Chromium through the `browser_page` fixture; the screenshot is kept in
test-artifacts/team-page-test.png.
"""

import pytest
from django.urls import reverse

from simpul.teams.models import Team
from simpul.teams.pdf import simple_pdf
from simpul.testing.browser import ARTIFACTS
from simpul.testing.cast import PASSWORD

pytestmark = pytest.mark.browser


def _submit(page, button) -> None:
    with page.expect_navigation():
        button.click()


def _pdf(name: str) -> list[dict]:
    return [{"name": name, "mimeType": "application/pdf", "buffer": simple_pdf([name])}]


def test_an_administrator_records_the_tkksd_a_member_and_sees_the_competency_gap(
    live_server, cast, browser_page
):
    page, base = browser_page, live_server.url
    page.goto(base + reverse("accounts:login"))
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(cast.sari.email)
    form.locator("input[name=password]").fill(PASSWORD)
    _submit(page, form.locator("button[type=submit], input[type=submit]").first)

    # From the organisation's page to its teams, and the decree (SK) as a PDF.
    page.goto(base + cast.pemkot_yogyakarta.get_absolute_url())
    _submit(page, page.locator(f"a[href='/tim/organisasi/{cast.pemkot_yogyakarta.pk}/']"))
    _submit(page, page.locator("#team-create"))
    page.select_option("#id_kind", "tkksd")
    page.fill("#id_name", "TKKSD Kota Yogyakarta")
    page.fill("#id_sk_number", "188/0412/2026")
    page.fill("#id_sk_date", "2026-01-05")
    page.fill("#id_term_start", "2026-01-05")
    page.fill("#id_term_end", "2028-12-31")
    page.set_input_files("#id_sk_file", files=_pdf("sk-tkksd.pdf"))
    _submit(page, page.locator("#team-form button[type=submit]"))
    team = Team.objects.get(name="TKKSD Kota Yogyakarta")
    assert page.url.endswith(team.get_absolute_url())
    assert page.locator("#decree-list").inner_text().startswith("188/0412/2026")

    # Wati chairs it; she negotiates at an advanced level and was trained for it.
    _submit(page, page.locator("#member-add"))
    page.select_option("#id_person", str(cast.wati.pk))
    page.select_option("#id_role", "chair")
    _submit(page, page.locator("#member-form button[type=submit]"))
    page.select_option("#competency-form #id_competency", label="Negosiasi")
    page.select_option("#competency-form #id_level", "advanced")
    _submit(page, page.locator("#competency-form button[type=submit]"))
    assert "Negosiasi" in page.locator("#member-competencies").inner_text()
    training = page.locator("#training-form")
    training.locator("#id_course").fill("Pelatihan Negosiasi Kerja Sama Daerah")
    training.locator("#id_organiser").fill("BPSDM Kemendagri")
    training.locator("#id_held_on").fill("2026-02-10")
    training.locator("#id_hours").fill("24")
    training.locator("#id_certificate").set_input_files(files=_pdf("sertifikat.pdf"))
    _submit(page, training.locator("button[type=submit]"))
    assert "sertifikat.pdf" in page.locator("#training-table").inner_text()

    # The team page: the matrix shows her level, the gaps name what nobody has.
    page.goto(base + team.get_absolute_url())
    gaps = page.locator("#gaps").inner_text()
    assert "Perancangan naskah hukum" in gaps and "Negosiasi" not in gaps
    assert page.locator("#competency-matrix td.level-advanced").count() == 1
    page.screenshot(path=str(ARTIFACTS / "team-page-test.png"), full_page=True)
