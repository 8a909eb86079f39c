from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from simpul.agreements.models import GovernmentAffair
from simpul.agreements.tests.factories import make_agreement, make_document_version
from simpul.consultations.models import Consultation
from simpul.core.public_cache import bump
from simpul.organizations.models import Organization
from simpul.plans.access import plan_for
from simpul.plans.services import budget_line_create
from simpul.plans.tests.factories import _v, fill_plan
from simpul.publication.tests.factories import approve_plan
from simpul.search import index

from .test_pages_support import decide, make_done_report, make_indicator, public_agreement

pytestmark = pytest.mark.django_db

HOME = reverse("portal:home")
REGISTER = reverse("portal:register")


def page_of(agreement) -> str:
    return reverse("portal:agreement", kwargs={"reference_code": agreement.reference_code})


def test_visitors_see_public_agreements_and_figures_but_never_drafts(client, cast):
    public_agreement(cast, title="Angkutan umum Kartamantul")
    make_agreement(cast, title="Rancangan rahasia TPST")

    home = client.get(HOME)
    register = client.get(REGISTER)

    assert home.status_code == register.status_code == 200
    assert home.context["figures"]["in_force"] == 1
    assert home.context["figures"]["regions"] == 3  # Yogyakarta, Sleman, Bantul
    for response in (home, register):
        assert "Angkutan umum Kartamantul" in response.text
        assert "Rancangan rahasia TPST" not in response.text


def test_an_internal_agreement_has_no_public_page_and_a_public_one_names_its_parties(client, cast):
    draft = make_agreement(cast, title="Rancangan rahasia")
    active = public_agreement(cast)

    assert client.get(page_of(draft)).status_code == 404
    response = client.get(page_of(active))
    assert response.status_code == 200
    assert "Kabupaten Sleman" in response.text
    assert reverse("portal:region", kwargs={"code": "34.04"}) in response.text


def test_the_register_filters_by_type_region_stage_year_affair_and_text(client, cast):
    waste = public_agreement(cast, title="Sampah regional", start_date=date(2024, 2, 1))
    semarang = Organization.objects.governments().get(region=cast.semarang)
    transport = public_agreement(
        cast,
        title="Angkutan antarkota",
        parties=[cast.pemkot_yogyakarta, semarang],
        state="suspended",
    )
    affair = GovernmentAffair.objects.first()
    transport.affairs.add(affair)

    def titles(query: str) -> list[str]:
        return [a.title for a in client.get(f"{REGISTER}?{query}").context["page"].object_list]

    assert titles("region=33.74") == ["Angkutan antarkota"]
    assert set(titles("region=34")) == {waste.title, transport.title}  # DIY and its cities
    assert titles("region=33") == ["Angkutan antarkota"]  # a province includes its cities
    assert titles("stage=suspended") == ["Angkutan antarkota"]
    assert titles("year=2024") == ["Sampah regional"]
    assert titles(f"affair={affair.code}") == ["Angkutan antarkota"]
    index.rebuild()  # the test's transaction never commits, so the on-commit refresh waits
    assert titles("q=sampah") == ["Sampah regional"]
    assert titles(f"q={waste.reference_code}") == ["Sampah regional"]
    assert titles("sort=title") == ["Angkutan antarkota", "Sampah regional"]
    assert titles("family=ksdpk") == []
    # Nonsense filters are ignored with a note, never an error.
    response = client.get(f"{REGISTER}?year=abc&stage=draft&family=x&page=999&sort=;drop")
    assert response.status_code == 200
    assert set(response.context["filters"].ignored) == {"year", "stage", "family", "sort"}


def test_html_in_a_title_is_shown_escaped_everywhere(client, cast):
    agreement = public_agreement(cast, title="<script>alert(1)</script> Sampah")

    for url in (HOME, REGISTER, page_of(agreement), reverse("portal:region", args=["34.71"])):
        response = client.get(url)
        assert "<script>alert(1)</script>" not in response.text, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Sampah" in response.text, url


def test_anonymous_pages_are_served_from_the_cache_until_public_information_changes(client, cast):
    agreement = public_agreement(cast, title="Judul lama")

    assert client.get(REGISTER)["X-Public-Cache"] == "miss"
    type(agreement).objects.filter(pk=agreement.pk).update(title="Judul baru")
    second = client.get(REGISTER)
    assert second["X-Public-Cache"] == "hit"
    assert "Judul lama" in second.text
    bump()
    assert "Judul baru" in client.get(REGISTER).text

    client.force_login(cast.sari)
    for _ in range(2):
        response = client.get(REGISTER)
        assert "X-Public-Cache" not in response
        assert 'name="csrfmiddlewaretoken"' in response.text  # the signed-in header's forms
    client.logout()
    assert 'name="csrfmiddlewaretoken"' not in client.get(HOME).text


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_home_register_and_agreement_pages_run_the_same_queries_for_more_rows(client, cast):
    first = public_agreement(cast, title="Pertama")
    make_indicator(first)
    plan = plan_for(first)
    rows = fill_plan(plan, cast.sari, budget_lines=2)
    approve_plan(first)
    first.affairs.add(*GovernmentAffair.objects.all()[:2])
    urls = [HOME, REGISTER, page_of(first), reverse("portal:region", args=["34.71"])]
    small = {url: _queries(client, url) for url in urls}
    for i in range(6):
        other = public_agreement(cast, title=f"Lainnya {i}")
        other.affairs.add(*GovernmentAffair.objects.all()[:3])
    for i in range(2, 6):
        make_indicator(first, code=f"I{i}")
    for year in (2026, 2027, 2028):
        budget_line_create(
            plan=plan,
            user=cast.sari,
            expected_version=_v(plan),
            activity=rows["activities"][0],
            party=first.parties.last(),
            funding_source="apbd",
            fiscal_year=year,
            planned=Decimal(5),
            realised=Decimal(1),
        )
    bump()

    large = {url: _queries(client, url) for url in urls}

    assert large == small


def test_the_agreement_page_shows_progress_budget_and_published_files_only(client, cast):
    agreement = public_agreement(cast)
    make_indicator(agreement, name="Sampah terpilah di sumber")
    fill_plan(plan_for(agreement), cast.sari, budget_lines=3)
    approve_plan(agreement)
    published = make_document_version(agreement, "terms_of_reference", content=b"%PDF-1.4 ok")
    decide(agreement, "document", public=True, target_id=published.document_id)
    internal = make_document_version(agreement, "other", content=b"%PDF-1.4 internal")
    report = make_done_report(agreement)

    response = client.get(page_of(agreement))

    assert "Sampah terpilah di sumber" in response.text
    assert '<progress value="50" max="100"' in response.text
    assert response.context["budget"]["total"]["planned"] == 3_000_000
    assert "Rp\xa03.000.000" in response.text
    assert [d.pk for d in response.context["documents"]] == [published.document_id]
    assert [r.pk for r in response.context["reports"]] == [report.pk]
    download = client.get(
        reverse(
            "portal:document-download",
            args=[agreement.reference_code, published.document_id],
        )
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 ok"
    assert download["Content-Disposition"].startswith("attachment")
    assert (
        client.get(
            reverse(
                "portal:document-download", args=[agreement.reference_code, internal.document_id]
            )
        ).status_code
        == 404
    )
    report_url = reverse(
        "portal:report-download", args=[agreement.reference_code, report.pk, "pdf"]
    )
    assert client.get(report_url).status_code == 200

    # Unpublishing indicators and budget removes them from the page (and the report too).
    decide(agreement, "indicators", public=False)
    decide(agreement, "budget", public=False)
    decide(agreement, "report", public=False, target_id=report.pk)
    bump()
    response = client.get(page_of(agreement))
    assert "Sampah terpilah di sumber" not in response.text
    assert "Rp\xa03.000.000" not in response.text
    assert client.get(report_url).status_code == 404


def test_the_region_page_lists_public_cooperations_and_partners(client, cast):
    semarang = Organization.objects.governments().get(region=cast.semarang)
    public_agreement(cast, title="Angkutan antarkota", parties=[cast.pemkot_yogyakarta, semarang])
    make_agreement(
        cast, family="ksdpk", title="Draf internal", parties=[cast.pemkot_yogyakarta, cast.ngo]
    )

    response = client.get(reverse("portal:region", args=["34.71"]))

    assert response.status_code == 200
    assert [a.title for a in response.context["agreements"]] == ["Angkutan antarkota"]
    assert [o.name for o in response.context["partners"]] == [semarang.name]
    assert cast.ngo.name not in response.text
    [line] = response.context["partner_lines"]["features"]
    assert line["properties"]["url"] == reverse("portal:region", args=["33.74"])
    assert client.get(reverse("portal:region", args=["99.99"])).status_code == 404


def test_the_reports_page_lists_published_reports_with_downloads(client, cast):
    report = make_done_report(public_agreement(cast, title="Sampah"))
    make_done_report(make_agreement(cast, title="Internal"))

    response = client.get(reverse("portal:reports") + "?q=sampah&year=abc")

    assert [r.pk for r in response.context["page"].object_list] == [report.pk]
    assert (
        reverse("portal:report-download", args=[report.agreement.reference_code, report.pk, "pdf"])
        in response.text
    )


def test_the_language_links_set_the_cookie_and_stay_on_this_site(client, db):
    url = reverse("portal:language", args=["en"])

    response = client.get(url, {"next": REGISTER + "?q=a"})
    assert response.status_code == 302
    assert response.url == REGISTER + "?q=a"
    assert response.cookies["django_language"].value == "en"
    assert "Public register of cooperation agreements" in client.get(REGISTER).text
    assert client.get(url, {"next": "https://evil.example/"}).url == "/"
    assert client.get(reverse("portal:language", args=["xx"])).status_code == 404
    # The header offers the switch as plain links to visitors.
    assert reverse("portal:language", args=["id"]) + "?next=" in client.get(HOME).text


def test_visitors_to_the_site_home_see_the_portal_home(client, cast):
    public_agreement(cast, title="Angkutan umum Kartamantul")

    response = client.get(reverse("dashboard:home"))

    assert "portal/home.html" in [t.name for t in response.templates]
    assert "Angkutan umum Kartamantul" in response.text
    assert reverse("portal:map-data") in response.text


def test_the_agreement_page_invites_to_open_consultations_but_hides_drafts(client, cast):
    agreement = public_agreement(cast)
    now = timezone.now()
    for title, status in (("Konsultasi rencana", "open"), ("Konsultasi draf", "draft")):
        Consultation.objects.create(
            agreement=agreement,
            subject="plan",
            title=title,
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=14),
            status=status,
        )

    response = client.get(page_of(agreement))

    assert [c.title for c in response.context["consultations"]] == ["Konsultasi rencana"]
    assert "Konsultasi draf" not in response.text
    assert response.context["consultations"][0].get_public_url() in response.text
    assert response.context["scorecard"] is not None


def test_an_agreement_numbered_with_slashes_has_its_public_page_and_downloads(client, cast):
    # Imported registers keep their own numbers, which in Indonesia usually hold slashes.
    agreement = public_agreement(cast, title="Pengelolaan TPST")
    agreement.reference_code = "119/KSD/2024"
    agreement.save(update_fields=["reference_code"])
    published = make_document_version(agreement, "terms_of_reference", content=b"%PDF-1.4 ok")
    decide(agreement, "document", public=True, target_id=published.document_id)

    register = client.get(reverse("portal:register"))
    page = client.get(page_of(agreement))
    download = client.get(
        reverse("portal:document-download", args=[agreement.reference_code, published.document_id])
    )

    assert register.status_code == 200
    assert "/publik/kerja-sama/119/KSD/2024/" in register.text
    assert page.status_code == 200
    assert "Pengelolaan TPST" in page.text
    assert download.status_code == 200
