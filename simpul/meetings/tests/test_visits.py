"""Exchange visits: the organiser records who hosts, who visits, the topic and the practices;
after the visit the visiting side writes its learning report, a draft until submitted, shown
on the meeting page and in the list of learning reports."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.core.errors import Conflict
from simpul.meetings.models import ExchangeVisit, LearningReport
from simpul.meetings.services import MeetingInvalid
from simpul.meetings.services import visits as services
from simpul.meetings.tests.factories import make_meeting
from simpul.meetings.tests.visit_factories import draft_report, exchange_visit


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, **kwargs) -> str:
    return reverse(f"meetings:{name}", kwargs=kwargs)


def test_the_organiser_records_hosts_visitors_topic_and_practices_shown_on_the_meeting_page(
    cast,
):
    meeting = make_meeting(cast, kind="exchange_visit", title="Studi banding TPST Piyungan")

    response = signed_in(cast.lina).post(
        url("visit-edit", pk=meeting.pk),
        {
            "topic": "Pengolahan sampah terpadu",
            "practices_observed": "Bank sampah",
            "host_regions": [cast.bantul.pk],
            "visiting_regions": [cast.semarang.pk, cast.yogyakarta.pk],
        },
    )

    assert response.status_code == 302
    page = signed_in(cast.vina).get(meeting.get_absolute_url()).content.decode()
    assert "Pengolahan sampah terpadu" in page and "Bank sampah" in page
    hosts = page.split('id="visit-hosts">')[1].split("</dd>")[0]
    assert cast.bantul.name in hosts and cast.semarang.name not in hosts


def test_a_region_that_hosts_cannot_visit_too(cast):
    meeting = make_meeting(cast, kind="exchange_visit")

    response = signed_in(cast.lina).post(
        url("visit-edit", pk=meeting.pk),
        {
            "topic": "Sampah",
            "host_regions": [cast.bantul.pk],
            "visiting_regions": [cast.bantul.pk, cast.yogyakarta.pk],
        },
    )

    assert response.status_code == 400
    assert (
        "tidak dapat sekaligus menjadi tuan rumah dan berkunjung: Kabupaten Bantul"
        in response.content.decode()
    )
    assert not ExchangeVisit.objects.filter(meeting=meeting).exists()


def test_a_meeting_that_is_no_exchange_visit_has_no_visit_page(cast):
    meeting = make_meeting(cast, kind="coordination")

    assert signed_in(cast.lina).get(url("visit-edit", pk=meeting.pk)).status_code == 404
    assert (
        'id="exchange-visit"'
        not in signed_in(cast.lina).get(meeting.get_absolute_url()).content.decode()
    )


def test_two_organisers_changing_different_fields_of_the_visit_keep_both_changes(cast):
    visit = exchange_visit(cast)
    edit = url("visit-edit", pk=visit.meeting_id)
    lina, rina = signed_in(cast.lina), signed_in(cast.rina)
    base_lina = lina.get(edit).context["form"]["base"].value()
    base_rina = rina.get(edit).context["form"]["base"].value()
    common = {
        "host_regions": [cast.bantul.pk, cast.sleman.pk],
        "visiting_regions": [cast.yogyakarta.pk],
    }

    lina.post(edit, {**common, "base": base_lina, "topic": "Sampah dan kompos",
                     "practices_observed": "Pemilahan di sumber; kompos; bank sampah"})  # fmt: skip
    response = rina.post(edit, {**common, "base": base_rina, "topic": "Pengolahan sampah terpadu",
                                "practices_observed": "Komposter komunal"})  # fmt: skip

    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.topic, visit.practices_observed) == ("Sampah dan kompos", "Komposter komunal")


def test_the_visiting_side_writes_a_draft_and_submits_it(cast):
    visit = exchange_visit(cast)
    meeting_url = visit.meeting.get_absolute_url()
    sari = signed_in(cast.sari)
    assert 'id="learning-report-create"' in sari.get(meeting_url).content.decode()

    response = sari.post(
        url("learning-report-create", pk=visit.meeting_id),
        {
            "organization": cast.pemkot_yogyakarta.pk,
            "seen": "Pemilahan sampah organik",
            "adoptable": "Bank sampah per kelurahan",
            "adopter": cast.dlh_yogyakarta.pk,
            "next_steps": "Uji coba",
        },
    )
    assert response.status_code == 302
    report = LearningReport.objects.get(visit=visit)
    assert report.status == "draft" and report.adopter == cast.dlh_yogyakarta

    submitted = sari.post(
        url("learning-report-submit", pk=visit.meeting_id, report_pk=report.pk),
        {"version": report.version},
    )

    assert submitted.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_by == cast.sari
    page = signed_in(cast.gita).get(meeting_url).content.decode()
    assert "Bank sampah per kelurahan" in page and cast.dlh_yogyakarta.name in page
    assert 'id="learning-report-create"' not in sari.get(meeting_url).content.decode()


def test_a_learning_report_before_the_visit_is_over_is_refused(cast):
    visit = exchange_visit(cast, over=False)

    with pytest.raises(MeetingInvalid) as refused:
        draft_report(cast, visit)

    assert refused.value.code == "not_over"
    assert "setelah kunjungan selesai" in refused.value.messages[0]
    assert not LearningReport.objects.exists()


def test_a_learning_report_sent_from_the_page_before_the_visit_is_over_says_why(cast):
    visit = exchange_visit(cast, over=False)

    response = signed_in(cast.sari).post(
        url("learning-report-create", pk=visit.meeting_id),
        {"organization": cast.pemkot_yogyakarta.pk, "seen": "Bank sampah"},
    )

    assert response.status_code == 400
    assert "setelah kunjungan selesai" in response.content.decode()
    assert not LearningReport.objects.exists()


def test_the_host_side_does_not_write_a_learning_report(cast):
    visit = exchange_visit(cast)

    assert signed_in(cast.yanto).get(
        url("learning-report-create", pk=visit.meeting_id)
    ).status_code == 404  # fmt: skip
    with pytest.raises(MeetingInvalid) as refused:
        services.learning_report_create(
            visit=visit, user=cast.yanto, organization=cast.pemkab_sleman, seen="x"
        )
    assert refused.value.code == "not_visitor"


def test_an_organisation_writes_one_learning_report_per_visit(cast):
    report = draft_report(cast)

    with pytest.raises(MeetingInvalid) as refused:
        draft_report(cast, report.visit)

    assert refused.value.code == "duplicate"


def test_a_report_without_what_was_seen_and_what_could_be_adopted_is_not_submitted(cast):
    report = draft_report(cast)
    services.learning_report_update(
        report=report, user=cast.sari, version=report.version, seen="", adoptable="",
        adopter=None, next_steps="",
    )  # fmt: skip

    with pytest.raises(MeetingInvalid) as refused:
        services.learning_report_submit(report=report, user=cast.sari, version=report.version)

    assert refused.value.code == "empty"


def test_a_second_submit_from_an_old_page_conflicts_and_the_report_stays_as_submitted(cast):
    report = draft_report(cast)
    opened = report.version
    services.learning_report_submit(report=report, user=cast.sari, version=opened)
    submitted_at = report.submitted_at

    with pytest.raises(Conflict):
        services.learning_report_submit(
            report=LearningReport.objects.get(pk=report.pk), user=cast.wati, version=opened
        )

    report.refresh_from_db()
    assert report.submitted_by == cast.sari and report.submitted_at == submitted_at


def test_two_writers_of_one_draft_editing_different_fields_keep_both_changes(cast):
    report = draft_report(cast)
    edit = url("learning-report-edit", pk=report.visit.meeting_id, report_pk=report.pk)
    sari, wati = signed_in(cast.sari), signed_in(cast.wati)
    base_sari = sari.get(edit).context["form"]["base"].value()
    base_wati = wati.get(edit).context["form"]["base"].value()
    fields = {"seen": report.seen, "adoptable": report.adoptable, "next_steps": report.next_steps}

    sari.post(edit, {**fields, "base": base_sari, "seen": "Komposter komunal"})
    response = wati.post(edit, {**fields, "base": base_wati, "next_steps": "Anggaran 2027"})

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.seen, report.next_steps) == ("Komposter komunal", "Anggaran 2027")


def test_the_list_shows_submitted_learning_reports_of_a_forum_in_a_fixed_number_of_queries(
    cast,
):
    first = draft_report(cast)
    services.learning_report_submit(report=first, user=cast.sari, version=first.version)
    hidden = draft_report(cast)  # a draft: not listed
    client = signed_in(cast.vina)
    listing = url("learning-report-list") + "?forum=kartamantul"

    def count() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(listing)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    one, page = count()
    assert f'id="learning-report-{first.pk}"' in page
    assert f'id="learning-report-{hidden.pk}"' not in page
    for _number in range(2):
        more = draft_report(cast)
        services.learning_report_submit(report=more, user=cast.sari, version=more.version)
    three, page = count()
    assert three == one and page.count('<tr id="learning-report-') == 3


def test_the_meeting_page_costs_the_same_for_one_or_three_learning_reports(cast):
    visit = exchange_visit(cast, visitors=[cast.yogyakarta, cast.semarang])
    draft_report(cast, visit)
    client = signed_in(cast.lina)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(visit.meeting.get_absolute_url()).status_code == 200
        return len(captured)

    one = count()
    services.learning_report_create(
        visit=visit, user=cast.budi, organization=cast.pemkot_semarang, seen="Pemilahan"
    )
    services.learning_report_create(
        visit=visit, user=cast.agus, organization=cast.dlh_yogyakarta, seen="Kompos"
    )
    assert count() == one
