"""The XLSX import: all or nothing, row errors with numbers, a changed region code resolved."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from simpul.potentials.imports import HEADERS, error_text, import_records
from simpul.potentials.models import Record
from simpul.regions.models import RegionCode


def workbook(*rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("potensi.xlsx", buffer.getvalue())


def test_a_clean_file_records_every_row(cast):
    upload = workbook(
        ("34.71", "landfill-capacity", "masalah", "rpjmd", 2025, "https://jogjakota.go.id", ""),
        ("34.71", "tourism-destination", "potensi", "statistik", 2024, "", "Malioboro"),
    )

    result = import_records(user=cast.wati, region=cast.yogyakarta, file=upload)

    assert (result.errors, result.created) == ([], 2)
    assert Record.objects.filter(region=cast.yogyakarta, is_published=False).count() == 2


def test_one_bad_row_imports_nothing_and_each_problem_names_its_row(cast):
    upload = workbook(
        ("34.71", "landfill-capacity", "masalah", "rpjmd", 2025, "", ""),
        ("34.71", "no-such-term", "potensi", "kajian", 2024, "", ""),
        ("34.04", "raw-water", "masalah", "sensus", "dulu", "", ""),
    )

    result = import_records(user=cast.wati, region=cast.yogyakarta, file=upload)

    with translation.override("en"):
        texts = [error_text(e) for e in result.errors]
    assert "Row 3: vocabulary term no-such-term is unknown" in texts[0]
    assert any(t.startswith("Row 4: region 34.04 is not Kota Yogyakarta") for t in texts)
    assert any(t.startswith("Row 4: source sensus is unknown") for t in texts)
    assert any(t.startswith("Row 4: year dulu") for t in texts)
    assert not Record.objects.exists()


def test_an_old_region_code_is_resolved_through_the_code_history_and_said_so(cast):
    RegionCode.objects.create(region=cast.yogyakarta, code="34.99", legal_basis="uji")
    upload = workbook(("34.99", "raw-water", "masalah", "survei", 2024, "", ""))

    result = import_records(user=cast.wati, region=cast.yogyakarta, file=upload)

    assert result.errors == []
    with translation.override("en"):
        note = error_text(result.notes[0])
    assert note == ("Row 2: region code 34.99 is now 34.71 (Kota Yogyakarta).")


def test_a_file_that_is_not_a_workbook_is_refused_on_the_page_with_a_400(cast, client):
    client.force_login(cast.wati)
    client.cookies["django_language"] = "en"

    response = client.post(
        reverse("potentials:import", kwargs={"code": cast.yogyakarta.code}),
        {"file": SimpleUploadedFile("potensi.xlsx", b"not a workbook")},
    )

    assert response.status_code == 400
    assert 'id="import-errors"' in response.content.decode()
    assert not Record.objects.exists()
