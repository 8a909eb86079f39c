"""The analysis pages: an agreement's results dashboard, indicator page and IPTT (with its
CSV), and the regional/national overview with its scopes, late data and budget absorption."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.agreements.models import Obligation
from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.monitoring.models import DataValue, Indicator, ReportingPeriod, Submission
from simpul.monitoring.services.analysis import indicator_refresh
from simpul.monitoring.services.collection import submission_verify
from simpul.monitoring.services.lateness import lateness_settle
from simpul.plans.models import Activity, BudgetLine, Plan, Program
from simpul.regions.models import Region

from .test_analysis import make_indicator, parties_of, period, report, set_targets

D = Decimal


def english(client):
    client.cookies["django_language"] = "en"
    return client


def signed_in(client, user):
    client.force_login(user)
    return english(client)


def dashboard_url(agreement) -> str:
    return reverse("monitoring:results-dashboard", kwargs={"agreement_pk": agreement.pk})


def add_budget(agreement, party, *, year=2025, planned=1_000_000, realised=250_000):
    plan, _created = Plan.objects.get_or_create(agreement=agreement)
    program = Program.objects.create(plan=plan, name="Program persampahan")
    activity = Activity.objects.create(
        plan=plan,
        program=program,
        name="Pengangkutan sampah",
        start_date=date(year, 1, 1),
        end_date=date(year, 12, 31),
    )
    return BudgetLine.objects.create(
        plan=plan,
        activity=activity,
        party=party,
        funding_source=Obligation.FundingSource.APBD,
        fiscal_year=year,
        planned=D(planned),
        realised=D(realised),
    )


def off_track_indicator(agreement, code="W1"):
    """An indicator at 40% of its target, verified."""
    indicator = make_indicator(agreement, code=code, name=f"Sampah terangkut {code}")
    set_targets(indicator, {(2025, 1): 100})
    report(indicator, period(agreement, 2025, 1), parties_of(agreement)[0], 40)
    indicator_refresh([indicator.pk])
    return indicator


@pytest.fixture
def agreement(cast):
    return make_agreement(cast, state="active")


# --- Results dashboard ---------------------------------------------------------------------


def test_the_results_dashboard_shows_status_thresholds_weights_and_budget(client, cast, agreement):
    indicator = off_track_indicator(agreement)
    add_budget(agreement, parties_of(agreement)[0])
    response = signed_in(client, cast.sari).get(dashboard_url(agreement))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="indicator-{indicator.pk}" data-status="off_track"' in html
    assert "Off track" in html
    assert "on track ≥ 90.0%, at risk ≥ 70.0%" in html
    assert 'id="count-off_track">1<' in html
    assert 'id="rollup-score">40.0%<' in html
    assert "1 (100.0%)" in html  # the weight and its share of the roll-up
    assert 'id="budget-table"' in html
    assert "Rp\xa01,000,000" in html
    assert "25.0%" in html
    assert html.count('role="img"') == 2  # status and budget charts, each with a table


def test_the_dashboard_shows_the_new_status_after_verification(client, cast, agreement):
    indicator = make_indicator(agreement)
    set_targets(indicator, {(2025, 1): 100})
    q1 = period(agreement, 2025, 1, status=ReportingPeriod.Status.OPEN)
    value = report(indicator, q1, parties_of(agreement)[0], 95, status=Submission.Status.SUBMITTED)
    signed_in(client, cast.sari)
    before = client.get(dashboard_url(agreement)).content.decode()
    assert f'id="indicator-{indicator.pk}" data-status="no_data"' in before

    submission_verify(submission=value.submission, user=cast.sari)

    after = client.get(dashboard_url(agreement)).content.decode()
    assert f'id="indicator-{indicator.pk}" data-status="on_track"' in after
    assert 'id="count-on_track">1<' in after


def test_the_results_dashboard_takes_the_same_number_of_queries_for_more_indicators(client, cast):
    def queries(count: int) -> int:
        agreement = make_agreement(cast, state="active", title=f"Kerja sama {count}")
        for n in range(count):
            off_track_indicator(agreement, code=f"N{n}")
            add_budget(agreement, parties_of(agreement)[n % 3], year=2024 + n % 3)
        url = dashboard_url(agreement)
        client.get(url)  # warm the session and the per-process caches
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    signed_in(client, cast.sari)
    assert queries(2) == queries(20)


def test_people_outside_the_agreement_get_404_on_its_analysis_pages(client, cast, agreement):
    indicator = make_indicator(agreement)
    urls = [
        dashboard_url(agreement),
        reverse("monitoring:iptt", kwargs={"agreement_pk": agreement.pk}),
        reverse("monitoring:iptt-csv", kwargs={"agreement_pk": agreement.pk}),
        reverse(
            "monitoring:indicator-detail", kwargs={"agreement_pk": agreement.pk, "pk": indicator.pk}
        ),
    ]
    for person in (cast.budi, cast.eko):
        client.force_login(person)
        assert [client.get(url).status_code for url in urls] == [404] * 4


def test_an_indicator_of_another_agreement_is_404_under_this_one(client, cast, agreement):
    other = make_agreement(cast, state="active", title="Lain")
    indicator = make_indicator(other)
    url = reverse(
        "monitoring:indicator-detail", kwargs={"agreement_pk": agreement.pk, "pk": indicator.pk}
    )
    assert signed_in(client, cast.sari).get(url).status_code == 404


# --- Indicator page ---------------------------------------------------------------------------


def test_the_indicator_page_has_a_trend_chart_with_its_table_and_metadata(client, cast, agreement):
    indicator = make_indicator(
        agreement,
        accumulation=Indicator.Accumulation.CUMULATIVE,
        baseline_value=D(10),
        data_source="Log jembatan timbang TPA Piyungan",
        verification_means="Berita acara bulanan",
        weight=D(2),
    )
    set_targets(indicator, {(2025, 1): 100, (2025, 2): 120})
    kota, sleman, _bantul = parties_of(agreement)
    q1 = period(agreement, 2025, 1)
    report(indicator, q1, kota, 60)
    report(indicator, q1, sleman, 40)
    indicator_refresh([indicator.pk])
    url = reverse(
        "monitoring:indicator-detail", kwargs={"agreement_pk": agreement.pk, "pk": indicator.pk}
    )
    response = signed_in(client, cast.gita).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg role="img" aria-labelledby="chart-' in html
    assert "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'id="trend-table"' in html
    assert 'data-period="2025-1" data-status="on_track" data-actual="100.0000"' in html
    assert kota.organization.name in html and sleman.organization.name in html
    assert "Cumulative (each value is the total so far)" in html
    assert "the latest reported value is the achievement" in html
    assert "Log jembatan timbang TPA Piyungan" in html
    assert "Berita acara bulanan" in html
    assert 'id="weight">2<' in html
    assert "on track ≥ 90.0%, at risk ≥ 70.0%, off track below" in html


def test_an_indicator_with_targets_but_no_verified_data_says_so(client, cast, agreement):
    indicator = make_indicator(agreement)
    set_targets(indicator, {(2025, 1): 100})
    url = reverse(
        "monitoring:indicator-detail", kwargs={"agreement_pk": agreement.pk, "pk": indicator.pk}
    )
    html = signed_in(client, cast.dewi).get(url).content.decode()
    assert (
        'data-period="2025-1" data-status="no_data" data-actual="" data-target="100.0000"' in html
    )
    assert "No data yet" in html


def test_a_qualitative_indicator_lists_its_verified_findings_only(client, cast, agreement):
    indicator = make_indicator(agreement, kind=Indicator.Kind.QUALITATIVE, unit="")
    kota, sleman, _bantul = parties_of(agreement)
    q1 = period(agreement, 2025, 1)
    verified = Submission.objects.create(period=q1, party=kota, status=Submission.Status.VERIFIED)
    pending = Submission.objects.create(period=q1, party=sleman, status=Submission.Status.SUBMITTED)
    DataValue.objects.create(submission=verified, indicator=indicator, text="Warga puas")
    DataValue.objects.create(submission=pending, indicator=indicator, text="Belum diperiksa")
    url = reverse(
        "monitoring:indicator-detail", kwargs={"agreement_pk": agreement.pk, "pk": indicator.pk}
    )
    html = signed_in(client, cast.sari).get(url).content.decode()
    assert "Warga puas" in html
    assert "Belum diperiksa" not in html
    assert 'id="trend-section"' not in html


# --- IPTT ----------------------------------------------------------------------------------


def test_the_iptt_page_and_csv_carry_the_same_numbers(client, cast, agreement):
    indicator = make_indicator(agreement, name='=HYPERLINK("http://evil")')
    set_targets(indicator, {(2025, 1): 100})
    report(indicator, period(agreement, 2025, 1), parties_of(agreement)[0], 80)
    signed_in(client, cast.hadi)
    page = client.get(reverse("monitoring:iptt", kwargs={"agreement_pk": agreement.pk}))
    assert page.status_code == 200
    assert f'id="iptt-indicator-{indicator.pk}"' in page.content.decode()

    response = client.get(reverse("monitoring:iptt-csv", kwargs={"agreement_pk": agreement.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="iptt-')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Indicator code", "Indicator", "Unit"]
    total = next(r for r in rows[1:] if r[5] == "All parties" and r[6] == "Q1 2025")
    assert total[1] == '\'=HYPERLINK("http://evil")'  # neutralised
    assert total[7:10] == ["100", "80", "80"]
    assert total[10] == "At risk"


# --- Overview ------------------------------------------------------------------------------


@pytest.fixture
def world(cast):
    """A DIY agreement (Kota Yogyakarta, Sleman, Bantul), a partnership of Sleman with Eko's
    NGO, and an agreement of the Semarang area; each with an off-track indicator."""
    kab_semarang = government_of(Region.objects.get(code="33.22"))
    diy = make_agreement(cast, state="active", title="Sampah Kartamantul")
    partnership = make_agreement(
        cast,
        family="ksdpk",
        state="active",
        parties=[government_of(cast.sleman), cast.ngo],
        title="Bank sampah Sleman",
    )
    semarang = make_agreement(
        cast,
        state="active",
        parties=[cast.pemkot_semarang, kab_semarang],
        title="Air minum Semarang",
    )
    for n, agreement in enumerate((diy, partnership, semarang)):
        off_track_indicator(agreement, code=f"X{n}")
    return {"diy": diy, "partnership": partnership, "semarang": semarang}


def overview_of(client, user, query=""):
    response = signed_in(client, user).get(reverse("monitoring_overview:overview") + query)
    assert response.status_code == 200
    return response


def test_a_province_coordinator_sees_her_provinces_agreements_only(client, cast, world):
    response = overview_of(client, cast.gita)
    data = response.context["data"]
    assert response.context["scope"].kind == "province"
    assert data["agreements_total"] == 2
    agreements = {i.agreement_id for i in data["off_track"]}
    assert agreements == {world["diy"].pk, world["partnership"].pk}
    assert "Air minum Semarang" not in response.content.decode()


def test_kemendagri_sees_the_whole_country_and_may_narrow_it_to_a_province(client, cast, world):
    national = overview_of(client, cast.hadi)
    assert national.context["scope"].kind == "national"
    assert national.context["data"]["agreements_total"] == 3
    narrowed = overview_of(client, cast.hadi, f"?wilayah={cast.diy.code}")
    assert narrowed.context["scope"].region == cast.diy
    assert narrowed.context["data"]["agreements_total"] == 2


def test_a_partner_sees_only_his_own_agreements(client, cast, world):
    response = overview_of(client, cast.eko)
    assert response.context["scope"].kind == "own"
    assert response.context["data"]["agreements_total"] == 1
    assert [i.agreement_id for i in response.context["data"]["off_track"]] == [
        world["partnership"].pk
    ]
    assert 'id="overview-filter"' not in response.content.decode()


def test_a_city_government_sees_its_region(client, cast, world):
    response = overview_of(client, cast.sari)
    assert response.context["scope"].region == cast.yogyakarta
    assert response.context["data"]["agreements_total"] == 1


def test_a_region_page_is_for_its_overseers_and_members(client, cast, world):
    url = reverse("monitoring_overview:region", kwargs={"code": cast.yogyakarta.code})
    response = signed_in(client, cast.gita).get(url)
    assert response.status_code == 200
    assert response.context["data"]["agreements_total"] == 1
    for outsider in (cast.budi, cast.eko):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    unknown = reverse("monitoring_overview:region", kwargs={"code": "99.99"})
    client.force_login(cast.rina)
    assert client.get(unknown).status_code == 404


def test_the_overview_counts_late_data_from_open_periods_past_their_due_date(
    client, cast, agreement
):
    indicator = make_indicator(agreement)  # no responsible party: every party reports
    kota, sleman, _bantul = parties_of(agreement)
    overdue = period(agreement, 2025, 1, status=ReportingPeriod.Status.OPEN)
    report(indicator, overdue, kota, 10, status=Submission.Status.SUBMITTED)
    report(indicator, overdue, sleman, 10, status=Submission.Status.DRAFT)
    period(agreement, 2025, 2, status=ReportingPeriod.Status.CLOSED)  # closed: not chased
    responsible = make_indicator(agreement, code="R", frequency="yearly", responsible_party=kota)
    period(agreement, 2025, 1, frequency="yearly", status=ReportingPeriod.Status.OPEN)
    assert responsible.responsible_party == kota  # only Kota reports the yearly indicator
    lateness_settle()  # the worker, after each due date ended in the party's zone

    response = overview_of(client, cast.gita)
    data = response.context["data"]
    assert data["late_missing"] == 3  # Sleman's draft and Bantul in Q1, Kota for the year
    assert data["late_agreements_count"] == 1
    assert data["late_agreements"][0]["agreement_id"] == agreement.pk
    assert 'id="late-total" data-value="3"' in response.content.decode()


def test_the_overview_shows_budget_absorption_and_off_track_indicators(client, cast, agreement):
    add_budget(agreement, parties_of(agreement)[0], planned=2_000_000, realised=500_000)
    indicator = off_track_indicator(agreement)
    response = overview_of(client, cast.hadi)
    data = response.context["data"]
    assert data["budget"]["absorption"] == D("25.0")
    html = response.content.decode()
    assert 'id="absorption" data-value="25.0"' in html
    assert f'id="off-track-{indicator.pk}"' in html
    assert 'id="budget-year-table"' in html
    assert html.count('role="img"') == 3


def test_the_overview_takes_the_same_number_of_queries_for_more_agreements(client, cast):
    def build(count: int) -> None:
        for n in range(count):
            agreement = make_agreement(cast, state="active", title=f"Kerja sama {n}")
            off_track_indicator(agreement)
            period(agreement, 2025, 2, status=ReportingPeriod.Status.OPEN)
            add_budget(agreement, parties_of(agreement)[0])

    def queries() -> int:
        url = reverse("monitoring_overview:overview")
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    signed_in(client, cast.hadi)
    build(2)
    few = queries()
    build(18)
    assert queries() == few
    assert (
        client.get(reverse("monitoring_overview:overview")).context["data"]["agreements_total"]
        == 20
    )
