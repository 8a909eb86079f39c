"""End to end in a real browser, the "done means" of issue 13 (knowledge exchange).

A Sleman editor shares the regency's waste practice: she drafts it and submits it; Yanto,
Sleman's coordinator, who did not write it, reviews and publishes it to the members. A
coordinator of Banyumas finds it by typing "kelola sampah" in the header's search box (the
title says "Pengelolaan sampah": the stemmer joins them), marks Banyumas's interest, files
Banyumas's learning report on the exchange visit to Sleman (the meetings app's
/rapat/studi-banding/ pages), links it to the adoption and decides to adapt the practice.
The practice page then shows Banyumas on its map and in its funnel.

The forms that are the point are filled in the browser; the exchange visit itself is built
with the meetings' factory (its pages have their own test). People sign in with sessions
made for them, so no sign-in form is filled, and each person has their own browser context.
The index follows the services on commit: the live server commits, so nothing is rebuilt.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from simpul.agreements.tests.factories import government_of
from simpul.knowledge.models import Adoption, KnowledgeItem
from simpul.meetings.models import Invitation, LearningReport
from simpul.meetings.tests.visit_factories import exchange_visit
from simpul.organizations.models import Membership, Organization
from simpul.regions.models import Region
from simpul.testing.browser import ARTIFACTS, DESKTOP, open_page
from simpul.testing.cast import make_member, make_user

pytestmark = pytest.mark.browser

TITLE = "Pengelolaan sampah mandiri berbasis TPS3R di Sleman"
REASON = "Banyumas memakai TPS3R per desa, tanpa TPST bersama."


def _submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def _person(chromium, base: str, user):
    """A browser context of its own for this person, signed in through a session cookie."""
    client = Client()
    client.force_login(user)
    context = chromium.new_context(viewport=DESKTOP, locale="id-ID")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )
    return context, open_page(context)


def _banyumas(cast) -> Organization:
    """Banyumas as load_regions leaves it, with a small boundary so the map can draw it
    (loading the regions' files here would cost seconds)."""
    ring = [[109.0, -7.6], [109.4, -7.6], [109.4, -7.3], [109.0, -7.3], [109.0, -7.6]]
    region = Region.objects.create(
        code="33.02", name="Kabupaten Banyumas", level="regency", parent=cast.jateng,
        timezone="Asia/Jakarta", latitude="-7.45", longitude="109.16",
        boundary={"type": "Polygon", "coordinates": [ring]},
    )  # fmt: skip
    return Organization.objects.create(
        name="Pemerintah Kabupaten Banyumas",
        kind=Organization.Kind.REGIONAL_GOVERNMENT,
        region=region,
    )


def _draft_and_submit(page, base: str, sleman: Organization) -> KnowledgeItem:
    page.goto(base + reverse("knowledge:item-create"))
    page.select_option("#id_owner", str(sleman.pk))
    page.select_option("#id_kind", "practice")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Warga desa memilah dan mengolah sampahnya di TPS3R.")
    page.fill("#id_problem", "TPA Piyungan ditutup; sampah rumah tangga menumpuk.")
    page.fill("#id_approach", "TPS3R di setiap desa dikelola KSM dengan iuran warga.")
    _submit(page, "#knowledge-save")
    item = KnowledgeItem.objects.get(title=TITLE)
    assert page.url.endswith(reverse("knowledge:item-detail", args=[item.pk]))
    _submit(page, "#knowledge-submit")
    return item


def _review_and_publish(page, base: str, item: KnowledgeItem) -> None:
    page.goto(base + reverse("knowledge:item-detail", args=[item.pk]))
    page.check("input[name=audience][value=members]")
    _submit(page, "#knowledge-publish")
    assert page.locator("#knowledge-status .status-pill").get_attribute("data-status") == (
        "published"
    )


def _find_and_mark_interest(page, base: str, item: KnowledgeItem, banyumas) -> Adoption:
    page.goto(base + "/")
    page.fill("#header-q", "kelola sampah")
    with page.expect_navigation():
        page.press("#header-q", "Enter")
    assert page.url.startswith(base + reverse("search:search"))
    _submit(page, f"a[href='{reverse('knowledge:item-detail', args=[item.pk])}']")
    page.select_option("#adoption-interest-form select[name=organization]", str(banyumas.pk))
    page.fill("#adoption-interest-form textarea[name=note]", "TPA kami juga hampir penuh.")
    _submit(page, "#adoption-interest")
    return Adoption.objects.get(item=item, organization=banyumas)


def _file_learning_report(page, base: str, meeting, banyumas) -> LearningReport:
    page.goto(base + reverse("meetings:learning-report-create", kwargs={"pk": meeting.pk}))
    if page.locator("#id_organization").count():
        page.select_option("#id_organization", str(banyumas.pk))
    page.fill("#id_seen", "KSM mengelola TPS3R dengan iuran warga per bulan.")
    page.fill("#id_adoptable", "TPS3R per desa dan pemilahan di rumah.")
    page.fill("#id_next_steps", "Uji coba di tiga desa tahun depan.")
    _submit(page, "#learning-report-save")
    report = LearningReport.objects.get(visit__meeting=meeting, organization=banyumas)
    _submit(page, f"#learning-report-submit-{report.pk}")
    report.refresh_from_db()
    assert report.status == LearningReport.Status.SUBMITTED
    return report


def _visit_and_decide(page, base: str, adoption: Adoption, report: LearningReport) -> None:
    page.goto(base + reverse("knowledge:adoption-detail", args=[adoption.item_id, adoption.pk]))
    page.select_option("#adoption-visit-form select[name=learning_report]", str(report.pk))
    _submit(page, "#adoption-visit-form button[type=submit]")
    page.check("#adoption-decide-form input[name=decision][value=adapt]")
    page.fill("#adoption-decide-form textarea[name=reason]", REASON)
    _submit(page, "#adoption-decide-form button[type=submit]")
    adoption.refresh_from_db()
    assert (adoption.decision, adoption.learning_report_id) == ("adapt", report.pk)


def test_a_sleman_practice_is_found_visited_and_adapted_by_banyumas(live_server, cast, chromium):
    base = live_server.url
    sleman = government_of(cast.sleman)
    editor = make_user("ratna@slemankab.go.id", "Ratna Dewi")
    make_member(editor, sleman, Membership.Role.EDITOR)
    banyumas = _banyumas(cast)
    coordinator = make_user("bayu@banyumaskab.go.id", "Bayu Prakoso")
    make_member(coordinator, banyumas, Membership.Role.COORDINATOR)
    visit = exchange_visit(cast, visitors=[banyumas.region], hosts=[cast.sleman])
    Invitation.objects.create(meeting=visit.meeting, kind="organization", organization=banyumas)

    editor_context, page = _person(chromium, base, editor)
    item = _draft_and_submit(page, base, sleman)
    editor_context.close()
    reviewer_context, page = _person(chromium, base, cast.yanto)
    _review_and_publish(page, base, item)
    reviewer_context.close()

    banyumas_context, page = _person(chromium, base, coordinator)
    adoption = _find_and_mark_interest(page, base, item, banyumas)
    report = _file_learning_report(page, base, visit.meeting, banyumas)
    _visit_and_decide(page, base, adoption, report)

    page.goto(base + reverse("knowledge:item-detail", args=[item.pk]))
    funnel = page.locator("#adoption-funnel")
    for step in ("interested", "visited", "decided"):
        assert funnel.locator(f"[data-step={step}] dd").inner_text() == "1", step
    assert "Pemerintah Kabupaten Banyumas" in page.locator("#adoption-table").inner_text()
    # Drawn as an adopting region, within the map's first view.
    banyumas_on_map = page.locator(
        "#adoption-map path.region-child[aria-label='Kabupaten Banyumas']"
    )
    banyumas_on_map.wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "knowledge-practice.png"
    # Kept with the run's artefacts; docs/screenshots/ holds a copy chosen by hand.
    page.screenshot(path=str(shot), full_page=True)
    assert page.errors == [], f"JavaScript errors on the pages: {page.errors}"
    banyumas_context.close()
