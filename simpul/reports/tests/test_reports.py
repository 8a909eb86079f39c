"""Periodic reports: requesting, generating (PDF, DOCX, XLSX with checksums), failing cleanly,
idempotency, the progress JSON, access and bad input."""

import hashlib
import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document as DocxDocument
from openpyxl import load_workbook

from simpul.agreements.exports import safe_cell
from simpul.monitoring.models import Indicator
from simpul.reports import services
from simpul.reports.models import Report, ReportFile
from simpul.reports.snapshot import report_snapshot
from simpul.reports.tasks import generate_report

from .factories import make_monitored_agreement, make_report

pytestmark = pytest.mark.django_db

PERIOD = {"period_start": "2025-01-01", "period_end": "2025-12-31"}


@pytest.fixture
def fast_pdf(monkeypatch):
    """A stand-in PDF renderer for tests about storage, pages and access, so that only the
    tests about the PDF itself pay for WeasyPrint."""
    from simpul.reports.render_pdf import RenderedPdf

    def render(snapshot, **kwargs):
        return RenderedPdf(content=b"%PDF-1.7 " + snapshot["title"].encode(), pages=1)

    monkeypatch.setattr(services, "render_pdf", render)


def request_report(client, agreement, capture, **data):
    payload = {**PERIOD, "addressee": "governor", "language": "en", **data}
    with capture(execute=True):
        return client.post(
            reverse("reports:report-create", kwargs={"agreement_pk": agreement.pk}), payload
        )


def file_bytes(report_file: ReportFile) -> bytes:
    with report_file.file.open("rb") as handle:
        return handle.read()


def test_an_editor_requests_a_report_and_the_worker_stores_three_checked_files(
    cast, client, django_capture_on_commit_callbacks
):
    agreement = make_monitored_agreement(cast, title="Pengelolaan sampah Kartamantul")
    client.force_login(cast.sari)
    response = request_report(client, agreement, django_capture_on_commit_callbacks)

    report = Report.objects.get(agreement=agreement)
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    assert report.status == Report.Status.DONE
    assert report.progress == 100
    assert report.generated_at is not None
    assert report.requested_by == cast.sari
    files = {f.format: f for f in report.files.all()}
    assert set(files) == {"pdf", "docx", "xlsx"}
    for report_file in files.values():
        content = file_bytes(report_file)
        assert report_file.size == len(content)
        assert report_file.sha256 == hashlib.sha256(content).hexdigest()
        assert report_file.file.name.startswith("reports/")
    pdf = file_bytes(files["pdf"])
    assert pdf.startswith(b"%PDF")
    assert files["pdf"].pages >= 1
    docx = DocxDocument(io.BytesIO(file_bytes(files["docx"])))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "Pengelolaan sampah Kartamantul" in text
    workbook = load_workbook(io.BytesIO(file_bytes(files["xlsx"])))
    assert workbook.sheetnames == ["Ringkasan", "Indikator", "Anggaran", "Evaluasi"]
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'id="report-figures"' in page
    assert 'data-working="false"' in page
    assert all(f.sha256 in page for f in files.values())


def test_the_snapshot_sums_verified_values_per_period_and_keeps_targets(cast):
    agreement = make_monitored_agreement(cast, indicators=1)
    report = make_report(agreement, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))

    snapshot = report_snapshot(report)

    indicator = snapshot["indicators"][0]
    # Two parties report 50 + quarter each; their verified totals are summed.
    assert [p["actual"] for p in indicator["periods"]] == ["102", "104", "106", "108"]
    assert [p["target"] for p in indicator["periods"]] == ["111", "112", "113", "114"]
    assert snapshot["budget"]["total"]["planned"] == "300000000"
    assert snapshot["budget"]["total"]["absorption"] == "75"
    assert snapshot["evaluations"][0]["recommendations"][0]["follow_ups"][0]["action"] == (
        "Pengadaan truk"
    )


def test_the_snapshot_ignores_values_that_are_not_verified(cast):
    from simpul.monitoring.models import Submission

    agreement = make_monitored_agreement(cast, indicators=1)
    Submission.objects.filter(period__agreement=agreement, period__number=2).update(
        status=Submission.Status.SUBMITTED
    )
    report = make_report(agreement, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))

    periods = report_snapshot(report)["indicators"][0]["periods"]

    assert [p["actual"] for p in periods] == ["102", None, "106", "108"]


def test_the_snapshot_takes_the_same_number_of_queries_for_a_larger_agreement(
    cast, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = make_monitored_agreement(cast, indicators=1, years=(2025,))
    large = make_monitored_agreement(
        cast, indicators=6, years=(2024, 2025), title="Air minum regional SPAM"
    )
    small_report = make_report(small, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
    large_report = make_report(large, period_start=date(2024, 1, 1), period_end=date(2025, 12, 31))
    small_report = Report.objects.select_related("agreement__owner").get(pk=small_report.pk)
    large_report = Report.objects.select_related("agreement__owner").get(pk=large_report.pk)

    with CaptureQueriesContext(connection) as small_queries:
        report_snapshot(small_report)
    with django_assert_max_num_queries(len(small_queries)):
        snapshot = report_snapshot(large_report)
    assert len(snapshot["indicators"]) == 6


def test_a_formula_in_user_text_is_neutralised_in_the_xlsx(
    cast, client, django_capture_on_commit_callbacks, fast_pdf
):
    agreement = make_monitored_agreement(cast, indicators=1)
    Indicator.objects.filter(agreement=agreement).update(name='=HYPERLINK("http://x","klik")')
    client.force_login(cast.sari)
    request_report(client, agreement, django_capture_on_commit_callbacks)

    report_file = ReportFile.objects.get(report__agreement=agreement, format="xlsx")
    sheet = load_workbook(io.BytesIO(file_bytes(report_file)))["Indikator"]
    cell = sheet["B2"]
    assert cell.value == '\'=HYPERLINK("http://x","klik")'
    assert cell.data_type == "s"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("Sampah") == "Sampah"


def test_a_failing_renderer_marks_the_report_failed_with_a_message_and_no_files(
    cast, client, django_capture_on_commit_callbacks, monkeypatch, caplog, fast_pdf
):
    def broken(snapshot, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services, "render_xlsx", broken)
    agreement = make_monitored_agreement(cast, indicators=1)
    client.force_login(cast.sari)
    request_report(client, agreement, django_capture_on_commit_callbacks)

    report = Report.objects.get(agreement=agreement)
    assert report.status == Report.Status.FAILED
    assert "could not be generated" in report.error
    assert "disk on fire" not in report.error
    assert "disk on fire" in caplog.text
    assert not report.files.exists()
    client.cookies["django_language"] = "en"
    page = client.get(report.get_absolute_url())
    assert 'id="report-error"' in page.content.decode()
    assert "could not be generated" in page.content.decode()


def test_a_failed_store_leaves_no_file_on_disk(cast, settings, monkeypatch, fast_pdf):
    agreement = make_monitored_agreement(cast, indicators=1)
    report = make_report(agreement)
    saved = []
    original_save = ReportFile.save

    def save_then_fail(self, *args, **kwargs):
        saved.append(self.file.name)
        if self.format == "xlsx":
            raise RuntimeError("database gone")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(ReportFile, "save", save_then_fail)
    services.report_generate(report_id=report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert len(saved) == 3
    media = settings.MEDIA_ROOT
    assert not any((media / name).exists() for name in saved)
    assert not ReportFile.objects.filter(report=report).exists()


def test_generating_again_changes_nothing_once_a_report_is_done(
    cast, client, django_capture_on_commit_callbacks, fast_pdf
):
    agreement = make_monitored_agreement(cast, indicators=1)
    client.force_login(cast.sari)
    request_report(client, agreement, django_capture_on_commit_callbacks)
    report = Report.objects.get(agreement=agreement)
    before = {f.format: (f.pk, f.sha256, f.file.name) for f in report.files.all()}

    result = generate_report.enqueue(report.pk)

    report.refresh_from_db()
    assert result.return_value == "done"
    assert {f.format: (f.pk, f.sha256, f.file.name) for f in report.files.all()} == before
    assert report.status == Report.Status.DONE


def test_a_report_left_running_by_a_crashed_worker_is_generated_again(cast, fast_pdf):
    agreement = make_monitored_agreement(cast, indicators=1)
    report = make_report(agreement, status=Report.Status.RUNNING, progress=60)
    leftover = ReportFile.objects.create(report=report, format="pdf", size=3, sha256="0" * 64)

    generate_report.enqueue(report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert not ReportFile.objects.filter(pk=leftover.pk).exists()
    assert report.files.count() == 3


def test_the_progress_json_reports_status_and_percentage(cast, client):
    agreement = make_monitored_agreement(cast, indicators=1)
    report = make_report(
        agreement, status=Report.Status.RUNNING, progress=60, progress_label="Writing the DOCX"
    )
    client.force_login(cast.gita)
    client.cookies["django_language"] = "en"

    response = client.get(
        reverse("reports:report-progress", kwargs={"agreement_pk": agreement.pk, "pk": report.pk})
    )

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {
        "id": report.pk,
        "status": "running",
        "status_label": "Being generated",
        "progress": 60,
        "label": "Writing the DOCX",
        "error": "",
        "settled": False,
    }


def test_the_report_page_shows_a_progress_bar_and_polls_without_inline_script(cast, client):
    agreement = make_monitored_agreement(cast, indicators=1)
    report = make_report(agreement, status=Report.Status.RUNNING, progress=35)
    client.force_login(cast.sari)

    html = client.get(report.get_absolute_url()).content.decode()

    assert '<progress id="report-progress-bar" value="35" max="100"' in html
    assert 'data-working="true"' in html
    assert "js/progress.js" in html
    assert 'id="report-refresh"' in html
    assert "<script>" not in html
    assert 'http-equiv="refresh"' not in html


@pytest.mark.parametrize("person", ["gita", "hadi"])
def test_oversight_reads_and_downloads_reports_but_cannot_request_one(
    cast, client, django_capture_on_commit_callbacks, person, fast_pdf
):
    agreement = make_monitored_agreement(cast, indicators=1)
    client.force_login(cast.sari)
    request_report(client, agreement, django_capture_on_commit_callbacks)
    report = Report.objects.get(agreement=agreement)
    client.force_login(getattr(cast, person))

    listing = client.get(reverse("reports:report-list", kwargs={"agreement_pk": agreement.pk}))
    download = client.get(
        reverse(
            "reports:report-download",
            kwargs={"agreement_pk": agreement.pk, "pk": report.pk, "fmt": "pdf"},
        )
    )
    refused = request_report(client, agreement, django_capture_on_commit_callbacks)

    assert listing.status_code == 200
    assert 'id="report-request-form"' not in listing.content.decode()
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).hexdigest() == report.files.get(format="pdf").sha256
    assert refused.status_code == 404
    assert Report.objects.filter(agreement=agreement).count() == 1


@pytest.mark.parametrize("person", ["budi", "eko"])
def test_outsiders_get_404_everywhere(cast, client, person):
    agreement = make_monitored_agreement(cast, indicators=1)
    report = make_report(agreement)
    client.force_login(getattr(cast, person))
    kwargs = {"agreement_pk": agreement.pk}

    assert client.get(reverse("reports:report-list", kwargs=kwargs)).status_code == 404
    assert (
        client.get(reverse("reports:report-detail", kwargs={**kwargs, "pk": report.pk}))
    ).status_code == 404
    assert client.post(reverse("reports:report-create", kwargs=kwargs), PERIOD).status_code == 404


def test_downloads_answer_with_the_content_type_of_their_format_and_404_for_others(
    cast, client, django_capture_on_commit_callbacks, fast_pdf
):
    agreement = make_monitored_agreement(cast, indicators=1)
    client.force_login(cast.sari)
    request_report(client, agreement, django_capture_on_commit_callbacks)
    report = Report.objects.get(agreement=agreement)

    def download(fmt):
        return client.get(
            reverse(
                "reports:report-download",
                kwargs={"agreement_pk": agreement.pk, "pk": report.pk, "fmt": fmt},
            )
        )

    assert download("docx")["Content-Type"] == services.CONTENT_TYPES["docx"]
    assert download("xlsx")["Content-Type"] == services.CONTENT_TYPES["xlsx"]
    assert download("html").status_code == 404
    assert download("PDF").status_code == 404


def test_the_list_shows_past_reports_with_checksums_and_download_links(
    cast, client, django_capture_on_commit_callbacks, fast_pdf
):
    agreement = make_monitored_agreement(cast, indicators=1)
    client.force_login(cast.sari)
    request_report(client, agreement, django_capture_on_commit_callbacks)
    report = Report.objects.get(agreement=agreement)

    html = client.get(
        reverse("reports:report-list", kwargs={"agreement_pk": agreement.pk})
    ).content.decode()

    assert f'id="report-{report.pk}" data-status="done"' in html
    for report_file in report.files.all():
        assert report_file.sha256 in html
        assert (
            reverse(
                "reports:report-download",
                kwargs={"agreement_pk": agreement.pk, "pk": report.pk, "fmt": report_file.format},
            )
            in html
        )
    assert 'id="report-request-form"' in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"period_start": "2025-06-01", "period_end": "2025-01-31"},
            "period_end",
            "must not be before its start",
        ),
        (
            {"period_start": "2023-01-01", "period_end": "2023-12-31"},
            "period_start",
            "must not start before the agreement",
        ),
        (
            {"period_start": "2025-01-01", "period_end": "2031-12-31"},
            "period_end",
            "must not end after the agreement",
        ),
        ({"period_start": "bukan tanggal"}, "period_start", "Enter a valid date"),
        ({"addressee": "president"}, "addressee", "Select a valid choice"),
    ],
)
def test_bad_input_is_answered_with_a_form_error_and_nothing_is_queued(
    cast, client, django_capture_on_commit_callbacks, data, field, message
):
    agreement = make_monitored_agreement(cast, indicators=1, end_date=date(2028, 12, 31))
    client.force_login(cast.sari)
    client.cookies["django_language"] = "en"

    response = request_report(client, agreement, django_capture_on_commit_callbacks, **data)

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert message in response.content.decode()
    assert not Report.objects.filter(agreement=agreement).exists()


def test_the_service_refuses_a_reader_who_is_not_an_editor(cast):
    agreement = make_monitored_agreement(cast, indicators=1)

    with pytest.raises(services.ReportNotAllowed):
        services.report_request(
            agreement=agreement,
            user=cast.dewi,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            addressee="heads",
            language="id",
        )
    assert not Report.objects.exists()


def test_the_pdf_html_has_a_cover_contents_running_header_and_charts_with_tables(cast):
    from django.utils import translation

    from simpul.reports.presentation import trend_chart
    from simpul.reports.render_pdf import render_html

    agreement = make_monitored_agreement(cast, indicators=1)
    report = make_report(agreement, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))
    with translation.override("en"):
        snapshot = report_snapshot(report)
        html = render_html(snapshot)
        svg = trend_chart(snapshot["indicators"][0])

    assert '<section class="cover">' in html
    assert 'class="running-reference">' + agreement.reference_code in html
    assert 'class="running-page-word">Page<' in html
    assert 'href="#indicator-' in html  # contents entry with a page number (print.css)
    assert html.count('src="data:image/svg+xml;base64,') == 2  # budget and one trend chart
    assert "IK-1: targets and verified actuals by period" in html
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "<script" not in svg
    assert "Target" in svg and "Actual (all parties)" in svg and "Baseline" in svg


def test_a_report_pdf_in_indonesian_is_paginated_by_weasyprint(cast):
    from simpul.reports.render_pdf import render_pdf

    agreement = make_monitored_agreement(cast, indicators=1)
    report = make_report(agreement, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))

    pdf = render_pdf(report_snapshot(report))

    assert pdf.content.startswith(b"%PDF")
    # Cover, contents, then the sections that each start on a new page.
    assert pdf.pages >= 6
