"""End to end in Chromium: on the usual agreement (Kota Yogyakarta, Sleman and Bantul, signed
but not yet running, so its register is internal by default), Sari adds a business as a
stakeholder and records its CSR contribution with the evidence; Yanto, Sleman's coordinator,
verifies it; Sari publishes the register on the Publikasi tab; a visitor then finds the
business and its verified contribution on the public agreement page and in the open dataset.
The grid is photographed at 1280 and 360 px into the run's artefacts."""

import pytest
from django.urls import reverse

from simpul.agreements.tests.factories import make_agreement
from simpul.stakeholders.models import Contribution
from simpul.testing.browser import ARTIFACTS
from simpul.testing.cast import PASSWORD

from .factories import PDF, make_stakeholder

pytestmark = pytest.mark.browser


def _submit(page, button) -> None:
    with page.expect_navigation():
        button.click()


def _sign_in(page, base, person) -> None:
    page.context.clear_cookies()
    page.goto(base + reverse("accounts:login"))
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(person.email)
    form.locator("input[name=password]").fill(PASSWORD)
    _submit(page, form.locator("button[type=submit], input[type=submit]").first)


def test_a_csr_contribution_is_recorded_verified_published_and_reaches_open_data(
    live_server, cast, browser_page
):
    page, base = browser_page, live_server.url
    agreement = make_agreement(cast, state="kb_signed", title="Pengelolaan sampah Kartamantul")
    make_stakeholder(
        cast, agreement=agreement, name="Universitas Gadjah Mada", kind="university",
        roles=["technical_partner"], influence=4, interest=5, contact_name="", contact_email="",
    )  # fmt: skip
    register = base + reverse("stakeholders:register", kwargs={"agreement_pk": agreement.pk})

    _sign_in(page, base, cast.sari)
    page.goto(register)
    _submit(page, page.locator("#stakeholder-create"))
    page.fill("#id_name", "PT Sinar Jaya Abadi")
    page.select_option("#id_kind", "private")
    page.check("input[name=roles][value=funder]")
    page.select_option("#id_influence", "3")
    page.select_option("#id_interest", "4")
    page.fill("#id_contact_name", "Andi Wijaya")
    page.fill("#id_contact_email", "andi@sinarjaya.example")
    _submit(page, page.locator("#stakeholder-form button[type=submit]"))
    assert page.locator("#stakeholder-table").get_by_text("PT Sinar Jaya Abadi").count() == 1

    _submit(page, page.locator("#contributions-link"))
    _submit(page, page.locator("#contribution-create"))
    page.select_option("#id_stakeholder", label="PT Sinar Jaya Abadi")
    page.select_option("#id_kind", "funding")
    page.fill("#id_description", "Dana CSR bank sampah")
    page.fill("#id_value", "750000000")
    page.fill("#id_year", "2026")
    page.fill("#id_source", "CSR")
    page.set_input_files(
        "#id_evidence",
        files=[{"name": "surat-csr.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    _submit(page, page.locator("#contribution-form button[type=submit]"))
    contribution = Contribution.objects.get(description="Dana CSR bank sampah")
    assert page.locator(f"#verify-{contribution.pk}").count() == 0  # not her own

    _sign_in(page, base, cast.yanto)
    page.goto(
        base + reverse("stakeholders:contribution-list", kwargs={"agreement_pk": agreement.pk})
    )
    _submit(page, page.locator(f"#verify-{contribution.pk}"))
    contribution.refresh_from_db()
    assert contribution.status == "verified"

    _sign_in(page, base, cast.sari)
    page.goto(base + reverse("publication:overview", kwargs={"agreement_pk": agreement.pk}))
    row = page.locator("#row-stakeholders-0")
    row.locator("summary").first.click()
    row.locator("textarea[name=reason]").fill("Kontribusi CSR sudah diverifikasi")
    _submit(page, row.locator("button[type=submit]").first)
    assert page.locator("#row-stakeholders-0").get_attribute("data-effective") == "public"

    page.goto(register)
    page.locator("#grid-section svg").wait_for()
    page.screenshot(path=str(ARTIFACTS / "stakeholder-grid.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(ARTIFACTS / "stakeholder-grid-phone.png"), full_page=True)

    page.context.clear_cookies()
    page.goto(
        base + reverse("portal:agreement", kwargs={"reference_code": agreement.reference_code})
    )
    public = page.locator("#public-stakeholders").inner_text()
    assert "PT Sinar Jaya Abadi" in public and "Dana CSR bank sampah" in public
    assert "Andi Wijaya" not in page.content()
    dataset = page.request.get(
        base
        + reverse("opendata:dataset", kwargs={"name": "stakeholder-contributions", "fmt": "csv"})
    ).text()
    assert agreement.reference_code in dataset and "Dana CSR bank sampah" in dataset
