"""Importing an existing Excel register: the template, the parser, the job and its pages."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from simpul.agreements import imports as register
from simpul.agreements.import_tasks import check_import_job, commit_import_job
from simpul.agreements.models import Agreement, AgreementEvent, ImportJob
from simpul.agreements.services import imports as import_service

pytestmark = pytest.mark.django_db

VALID_ROWS = [
    [
        "KS/2019/001",
        "Pengelolaan sampah bersama",
        "KSDD",
        "wajib",
        "34.71; 34.04",
        "",
        "environment",
        datetime.datetime(2019, 1, 1),  # noqa: DTZ001 - Excel dates have no time zone
        "31/12/2029",
        "active",
        "PP 50/2007; Permendagri 22/2009",
        "34.71 = 658/001/2019; 34.04 = 658/17/2019",
        "Dari register lama",
    ],
    [
        "KS/2020/002",
        "Pertukaran pegawai",
        "ksdd",
        "sukarela",
        "34.71;92.01",
        "",
        "education",
        "2020-03-01",
        "2025-02-28",
        "expired",
        "PP 28/2018",
        "",
        "",
    ],
    [
        "KS/2021/003",
        "Bank sampah",
        "KSDPK",
        "",
        "34.04",
        "Yayasan Lingkungan Lestari",
        "environment",
        "",
        "",
        "pks_signed",
        "",
        "",
        "",
    ],
]


def workbook_bytes(rows, headers=register.HEADERS, *, prepare=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    if prepare:
        prepare(workbook, sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(data: bytes, name="register.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def make_job(cast, data: bytes, *, user=None, organization=None) -> ImportJob:
    job = import_service.import_job_create(
        user=user or cast.sari,
        organization=organization or cast.pemkot_yogyakarta,
        uploaded_file=upload(data),
    )
    check_import_job.call(job.pk)
    job.refresh_from_db()
    return job


def commit(job: ImportJob) -> ImportJob:
    import_service.import_job_request_commit(job=job, user=job.uploaded_by)
    commit_import_job.call(job.pk)
    job.refresh_from_db()
    return job


def rows_of(errors) -> list:
    return [error["row"] for error in errors]


def texts(errors) -> list[str]:
    return [register.error_text(error) for error in errors]


# --- The template ------------------------------------------------------------------------------


def test_the_template_has_the_register_headers_and_a_sheet_of_allowed_values(cast):
    workbook = load_workbook(io.BytesIO(register.build_template()))
    first, values = workbook.worksheets
    assert [c.value for c in first[1]] == list(register.HEADERS)
    assert values.title == "Nilai yang diizinkan"
    column = {cell.value for cell in values["E"]}
    assert "environment" in column
    assert "KSDD" in {cell.value for cell in values["A"]}
    assert "active" in {cell.value for cell in values["C"]}


def test_an_empty_template_is_refused_as_having_no_rows(cast):
    result = register.parse_register(register.build_template())
    assert [e["msgid"] for e in result.errors] == [register.NO_ROWS]


# --- Parsing -----------------------------------------------------------------------------------


def test_a_valid_three_row_register_parses_with_parties_and_dates(cast):
    result = register.parse_register(workbook_bytes(VALID_ROWS))
    assert result.errors == []
    assert [r.reference_code for r in result.rows] == ["KS/2019/001", "KS/2020/002", "KS/2021/003"]
    first = result.rows[0]
    assert first.start_date == datetime.date(2019, 1, 1)
    assert first.end_date == datetime.date(2029, 12, 31)
    assert first.legal_basis == ["PP 50/2007", "Permendagri 22/2009"]
    assert first.state == "active"


def test_an_old_region_code_resolves_to_its_successor(cast):
    result = register.parse_register(workbook_bytes(VALID_ROWS))
    assert result.rows[1].region_codes == ["34.71", "96.01"]


def test_an_unknown_region_code_names_the_row_and_the_code(cast, client):
    rows = [list(VALID_ROWS[0])]
    rows[0][4] = "34.71; 33.99"
    result = register.parse_register(workbook_bytes(rows))
    assert rows_of(result.errors) == [2]
    assert result.errors[0]["params"]["code"] == "33.99"
    assert result.errors[0]["msgid"] == "Row %(row)s: region code %(code)s is unknown"
    assert (
        texts(result.errors)[0].endswith("33.99 tidak dikenal")
        or "33.99" in texts(result.errors)[0]
    )


def test_formulas_are_refused_even_when_they_compute_a_value(cast):
    rows = [list(VALID_ROWS[0])]
    rows[0][1] = '=CONCAT("Sampah", " bersama")'
    result = register.parse_register(workbook_bytes(rows))
    assert rows_of(result.errors) == [2]
    assert result.errors[0]["msgid"] == register.ROW_FORMULA
    assert result.errors[0]["params"]["column"] == "Judul"


def test_text_that_starts_with_plus_or_at_is_kept_as_text(cast):
    rows = [list(VALID_ROWS[0])]
    rows[0][1] = "+Sampah @kota"
    result = register.parse_register(workbook_bytes(rows))
    assert result.errors == []
    assert result.rows[0].title == "+Sampah @kota"


def test_merged_cells_are_refused_naming_the_range(cast):
    def merge(workbook, sheet):
        sheet.merge_cells("B2:B3")

    result = register.parse_register(workbook_bytes(VALID_ROWS[:2], prepare=merge))
    assert result.rows == []
    assert result.errors[0]["msgid"] == register.MERGED
    assert result.errors[0]["params"]["range"] == "B2:B3"


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>not a workbook</body></html>",
        b"Kode;Judul\n1;2\n",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
        b"PK\x03\x04garbage",
        b"",
    ],
    ids=["html", "csv", "ole", "broken-zip", "empty"],
)
def test_a_file_that_is_not_an_xlsx_is_refused_with_a_reason(cast, data):
    result = register.parse_register(data)
    assert result.rows == []
    assert len(result.errors) == 1
    assert result.errors[0]["row"] is None


def test_a_zip_bomb_is_refused_from_its_directory(cast):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    result = register.parse_register(buffer.getvalue())
    assert result.errors[0]["msgid"] == register.ZIP_BOMB


def test_wrong_headers_are_refused_listing_the_expected_ones(cast):
    headers = list(register.HEADERS)
    headers[0], headers[1] = headers[1], headers[0]
    result = register.parse_register(workbook_bytes(VALID_ROWS, headers=headers))
    assert result.rows == []
    assert result.errors[0]["msgid"] == register.HEADERS_WRONG
    assert "Kode Referensi; Judul" in result.errors[0]["params"]["expected"]


def test_an_extra_column_is_refused_rather_than_guessed(cast):
    headers = [*register.HEADERS, "Catatan tambahan"]
    result = register.parse_register(workbook_bytes([], headers=headers))
    assert result.errors[0]["msgid"] == register.HEADERS_WRONG


def test_a_hidden_first_sheet_is_refused(cast):
    def hide(workbook, sheet):
        workbook.create_sheet("Lain")
        sheet.sheet_state = "hidden"

    result = register.parse_register(workbook_bytes(VALID_ROWS, prepare=hide))
    assert result.errors[0]["msgid"] == register.SHEET_HIDDEN


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("31/12/2025", datetime.date(2025, 12, 31)),
        ("2025-12-31", datetime.date(2025, 12, 31)),
        (datetime.datetime(2025, 12, 31), datetime.date(2025, 12, 31)),  # noqa: DTZ001
        (46022, datetime.date(2025, 12, 31)),
        ("", None),
    ],
)
def test_dates_are_read_from_excel_dates_and_two_text_forms(value, expected):
    assert register.parse_date(value) == expected


@pytest.mark.parametrize("value", ["12/31/2025", "Des 2025", 60, "31-12-2025", "2025-02-30"])
def test_ambiguous_or_impossible_dates_are_refused(value):
    with pytest.raises(ValueError):
        register.parse_date(value)


def test_party_rules_block_a_ksdd_with_a_partner_organisation(cast):
    rows = [list(VALID_ROWS[0])]
    rows[0][5] = "Yayasan Lingkungan Lestari"
    result = register.parse_register(workbook_bytes(rows))
    assert rows_of(result.errors) == [2]


def test_a_wajib_ksdd_between_non_bordering_regions_is_a_row_error(cast):
    rows = [list(VALID_ROWS[0])]
    rows[0][4] = "34.71; 33.74"
    result = register.parse_register(workbook_bytes(rows))
    assert rows_of(result.errors) == [2]


def test_an_unknown_partner_name_is_a_row_error(cast):
    rows = [list(VALID_ROWS[2])]
    rows[0][5] = "Yayasan Tidak Ada"
    result = register.parse_register(workbook_bytes(rows))
    assert result.errors[0]["msgid"] == register.ROW_PARTNER_UNKNOWN


def test_a_reference_code_twice_in_one_file_is_a_row_error(cast):
    rows = [VALID_ROWS[0], list(VALID_ROWS[0])]
    result = register.parse_register(workbook_bytes(rows))
    assert rows_of(result.errors) == [3]


# --- Jobs --------------------------------------------------------------------------------------


def test_a_valid_three_row_file_imports_three_legacy_agreements_with_their_parties(cast):
    job = make_job(cast, workbook_bytes(VALID_ROWS))
    assert job.status == ImportJob.Status.READY
    assert job.total_rows == 3
    assert len(job.preview) == 3
    job = commit(job)
    assert job.status == ImportJob.Status.DONE
    assert job.created_agreements == 3
    first = Agreement.objects.get(reference_code="KS/2019/001")
    assert first.is_legacy
    assert first.state == "active"
    assert first.owner == cast.pemkot_yogyakarta
    assert first.created_by == cast.sari
    assert set(first.parties.values_list("organization__region__code", flat=True)) == {
        "34.71",
        "34.04",
    }
    assert list(first.affairs.values_list("code", flat=True)) == ["environment"]
    event = AgreementEvent.objects.get(agreement=first)
    assert (event.from_state, event.to_state, event.transition_code) == ("", "active", "import")
    assert "658/17/2019" in event.note
    sorong = Agreement.objects.get(reference_code="KS/2020/002")
    assert "96.01" in sorong.parties.values_list("organization__region__code", flat=True)
    ksdpk = Agreement.objects.get(reference_code="KS/2021/003")
    assert ksdpk.parties.filter(organization=cast.ngo).exists()


def test_one_bad_row_in_two_thousand_imports_nothing_and_names_the_row(cast):
    buffer = io.BytesIO()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(register.SHEET_TITLE)
    sheet.append(list(register.HEADERS))
    for index in range(2000):
        code = "33.99" if index == 1500 else "34.04"
        sheet.append(
            [
                f"LAMA/{index:05d}",
                f"Kerja sama {index}",
                "KSDD",
                "sukarela",
                f"34.71;{code}",
                "",
                "education",
                "01/01/2015",
                "31/12/2020",
                "expired",
                "PP 50/2007",
                "",
                "",
            ]
        )
    workbook.save(buffer)
    job = make_job(cast, buffer.getvalue())
    assert job.status == ImportJob.Status.INVALID
    assert job.total_rows == 2000
    assert rows_of(job.errors) == [1502]
    assert job.errors[0]["params"]["code"] == "33.99"
    # A commit request on an invalid job does nothing.
    job = commit(job)
    assert job.status == ImportJob.Status.INVALID
    assert not Agreement.objects.exists()


def test_committing_the_same_file_twice_does_not_duplicate(cast):
    data = workbook_bytes(VALID_ROWS)
    commit(make_job(cast, data))
    second = make_job(cast, data)
    assert second.status == ImportJob.Status.INVALID
    assert rows_of(second.errors) == [2, 3, 4]
    assert {e["msgid"] for e in second.errors} == {register.ROW_CODE_EXISTS}
    assert Agreement.objects.count() == 3


def test_a_committed_job_is_not_committed_again(cast):
    job = commit(make_job(cast, workbook_bytes(VALID_ROWS)))
    commit_import_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Agreement.objects.count() == 3


def test_a_failure_mid_commit_rolls_everything_back_and_marks_the_job_failed(cast, monkeypatch):
    job = make_job(cast, workbook_bytes(VALID_ROWS))
    original = import_service._create_agreement
    calls = []

    def failing(row, **kwargs):
        calls.append(row.row)
        if len(calls) == 3:
            raise RuntimeError("connection lost")
        return original(row, **kwargs)

    monkeypatch.setattr(import_service, "_create_agreement", failing)
    import_service.import_job_request_commit(job=job, user=cast.sari)
    with pytest.raises(RuntimeError):
        import_service.import_job_commit(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert not Agreement.objects.exists()
    # Once the fault is gone, the same job can be retried and imports everything.
    monkeypatch.setattr(import_service, "_create_agreement", original)
    job = commit(job)
    assert job.status == ImportJob.Status.DONE
    assert Agreement.objects.count() == 3


def test_a_viewer_cannot_create_an_import_job(cast):
    with pytest.raises(import_service.ImportNotAllowed):
        import_service.import_job_create(
            user=cast.hadi, organization=cast.kemendagri, uploaded_file=upload(b"x")
        )


# --- Pages -------------------------------------------------------------------------------------


def test_the_template_downloads_as_an_xlsx(cast, client):
    client.force_login(cast.sari)
    response = client.get(reverse("agreements:import-template"))
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    assert (
        b"".join(response.streaming_content if response.streaming else [response.content])[:2]
        == b"PK"
    )


def test_uploading_a_register_creates_a_checked_job_and_shows_its_preview(
    cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.sari)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("agreements:import-upload"),
            {"organization": cast.pemkot_yogyakarta.pk, "file": upload(workbook_bytes(VALID_ROWS))},
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("agreements:import-detail", kwargs={"job_pk": job.pk})
    assert job.status == ImportJob.Status.READY
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b'id="import-commit"' in page.content
    assert b"KS/2019/001" in page.content


def test_uploading_something_that_is_not_an_xlsx_gives_a_form_error(cast, client):
    client.force_login(cast.sari)
    response = client.post(
        reverse("agreements:import-upload"),
        {"organization": cast.pemkot_yogyakarta.pk, "file": upload(b"<html></html>", "x.xlsx")},
    )
    assert response.status_code == 400
    assert not ImportJob.objects.exists()


def test_uploading_for_an_organisation_one_does_not_edit_is_refused(cast, client):
    client.force_login(cast.sari)
    response = client.post(
        reverse("agreements:import-upload"),
        {"organization": cast.pemkot_semarang.pk, "file": upload(workbook_bytes(VALID_ROWS))},
    )
    assert response.status_code == 400
    assert not ImportJob.objects.exists()


def test_the_status_endpoint_reports_numbers(cast, client):
    job = make_job(cast, workbook_bytes(VALID_ROWS))
    client.force_login(cast.sari)
    data = client.get(reverse("agreements:import-status", kwargs={"job_pk": job.pk})).json()
    assert data["status"] == "ready"
    assert data["total_rows"] == 3
    assert data["processed_rows"] == 0
    assert data["errors"] == 0


def test_progress_during_a_commit_comes_from_the_progress_file(cast, client):
    job = make_job(cast, workbook_bytes(VALID_ROWS))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING)
    import_service._progress_write(job.pk, 2, 3)
    client.force_login(cast.sari)
    data = client.get(reverse("agreements:import-status", kwargs={"job_pk": job.pk})).json()
    assert (data["status"], data["processed_rows"], data["total_rows"]) == ("importing", 2, 3)


def test_committing_from_the_page_imports_the_agreements(
    cast, client, django_capture_on_commit_callbacks
):
    job = make_job(cast, workbook_bytes(VALID_ROWS))
    client.force_login(cast.sari)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("agreements:import-commit", kwargs={"job_pk": job.pk}))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Agreement.objects.count() == 3


def test_another_regions_admin_cannot_see_a_job(cast, client):
    job = make_job(cast, workbook_bytes(VALID_ROWS))
    client.force_login(cast.budi)
    for name in ("import-detail", "import-status"):
        assert (
            client.get(reverse(f"agreements:{name}", kwargs={"job_pk": job.pk})).status_code == 404
        )
    assert (
        client.post(reverse("agreements:import-commit", kwargs={"job_pk": job.pk})).status_code
        == 404
    )
