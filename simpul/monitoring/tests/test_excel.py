import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from simpul.agreements.tests.factories import make_agreement
from simpul.monitoring.excel import (
    COL_INDICATOR_ID,
    COL_NARRATIVE,
    COL_OPTION_ID,
    COL_VALUE,
    FIRST_ROW,
    FORM_SHEET,
    HEADER_ROW,
    META_SHEET,
    period_form_read,
    period_form_upload,
    period_form_xlsx,
)
from simpul.monitoring.models import (
    DataValue,
    Disaggregation,
    Submission,
    SubmissionEvent,
    Target,
)
from simpul.monitoring.services.collection import ValuesInvalid, submission_for
from simpul.monitoring.tests.permissions_collection import (
    collection_world,
    make_indicator,
    make_period,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def world(cast):
    w = collection_world(cast)
    w.cast = cast
    return w


def _workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


def _rows(sheet) -> dict:
    """(indicator id, option id) → spreadsheet row number."""
    found = {}
    for row in range(FIRST_ROW, sheet.max_row + 1):
        indicator_id = sheet.cell(row=row, column=COL_INDICATOR_ID).value
        if indicator_id:
            found[(indicator_id, sheet.cell(row=row, column=COL_OPTION_ID).value)] = row
    return found


def _upload(workbook, name="formulir.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_the_form_is_prefilled_with_units_targets_previous_and_current_values(world):
    sex = Disaggregation.objects.get(code="sex")
    world.indicator.disaggregations.add(sex)
    Target.objects.create(indicator=world.indicator, year=2026, number=1, value=Decimal(120))
    content = period_form_xlsx(world.period, world.yogyakarta, world.submission)
    workbook = _workbook(content)
    sheet = workbook[FORM_SHEET]
    headers = [sheet.cell(row=HEADER_ROW, column=c).value for c in range(1, 12)]
    assert headers[COL_VALUE - 1] == "Value" and headers[6] == "Target"
    rows = _rows(sheet)
    female, male = sex.options.order_by("position")
    assert set(rows) == {
        (world.indicator.pk, None),
        (world.indicator.pk, female.pk),
        (world.indicator.pk, male.pk),
    }
    total = rows[(world.indicator.pk, None)]
    assert sheet.cell(row=total, column=COL_VALUE).value == 10
    assert sheet.cell(row=total, column=6).value == "ton/hari"
    assert sheet.cell(row=total, column=7).value == 120
    assert sheet.cell(row=rows[(world.indicator.pk, female.pk)], column=5).value == "Sex: Female"
    assert workbook[META_SHEET].sheet_state == "veryHidden"
    assert sheet.protection.sheet is True
    assert sheet.cell(row=total, column=COL_INDICATOR_ID).protection.locked is True
    assert sheet.cell(row=total, column=COL_VALUE).protection.locked is False


def test_yes_no_indicators_get_a_drop_down_list(world):
    make_indicator(world.agreement, code="K2", name="Perda terbit", kind="boolean")
    sheet = _workbook(period_form_xlsx(world.period, world.yogyakarta))[FORM_SHEET]
    validations = sheet.data_validations.dataValidation
    assert [v.formula1 for v in validations] == ['"Yes,No"']


def test_a_filled_form_round_trips_into_saved_values(world):
    finding = make_indicator(world.agreement, code="Q1", name="Temuan", kind="qualitative")
    done = make_indicator(world.agreement, code="K2", name="Perda terbit", kind="boolean")
    workbook = _workbook(period_form_xlsx(world.period, world.yogyakarta, world.submission))
    sheet = workbook[FORM_SHEET]
    rows = _rows(sheet)
    sheet.cell(row=rows[(world.indicator.pk, None)], column=COL_VALUE, value="12,5")
    sheet.cell(row=rows[(world.indicator.pk, None)], column=COL_NARRATIVE, value="Timbangan TPA")
    sheet.cell(row=rows[(finding.pk, None)], column=COL_VALUE + 1, value="Warga puas")
    sheet.cell(row=rows[(done.pk, None)], column=COL_VALUE, value="Yes")
    submission = Submission.objects.get(pk=world.submission.pk)
    result = period_form_upload(
        submission=submission,
        user=world.cast.dewi,
        file=_upload(workbook),
        expected_version=submission.version,
    )
    values = {v.indicator_id: v for v in DataValue.objects.filter(submission=submission)}
    assert values[world.indicator.pk].value == Decimal("12.5")
    assert values[world.indicator.pk].narrative == "Timbangan TPA"
    assert values[finding.pk].text == "Warga puas"
    assert values[done.pk].value == 1
    assert result.changed == 3
    assert SubmissionEvent.objects.get(submission=submission).action == "uploaded"


def test_one_bad_row_saves_nothing_and_names_the_row(world):
    other = make_indicator(world.agreement, code="K2", name="Cakupan layanan", kind="percentage")
    workbook = _workbook(period_form_xlsx(world.period, world.yogyakarta, world.submission))
    sheet = workbook[FORM_SHEET]
    rows = _rows(sheet)
    sheet.cell(row=rows[(other.pk, None)], column=COL_VALUE, value=80)
    bad_row = rows[(world.indicator.pk, None)]
    sheet.cell(row=bad_row, column=COL_VALUE, value="abc")
    with pytest.raises(ValuesInvalid) as refused:
        period_form_upload(
            submission=world.submission,
            user=world.cast.dewi,
            file=_upload(workbook),
            expected_version=1,
        )
    assert [m for _k, m in refused.value.problems] == [
        f"Row {bad_row}: “abc” is not a number for K1 Sampah terangkut."
    ]
    assert not DataValue.objects.filter(indicator=other).exists()
    assert DataValue.objects.get(indicator=world.indicator).value == 10
    assert not SubmissionEvent.objects.exists()


def test_a_form_for_another_period_is_refused_and_nothing_is_saved(world):
    other_period = make_period(world.agreement, number=2)
    workbook = _workbook(period_form_xlsx(other_period, world.yogyakarta))
    sheet = workbook[FORM_SHEET]
    sheet.cell(row=FIRST_ROW, column=COL_VALUE, value=99)
    rows, errors = period_form_read(_upload(workbook), world.period, world.yogyakarta)
    assert rows == []
    assert errors == ["This form is for Quarter 2 2026, not Quarter 1 2026. Nothing was saved."]
    with pytest.raises(ValuesInvalid):
        period_form_upload(
            submission=world.submission,
            user=world.cast.dewi,
            file=_upload(workbook),
            expected_version=1,
        )
    assert DataValue.objects.get(indicator=world.indicator).value == 10


def test_a_form_for_another_agreement_or_party_is_refused(world):
    other = make_agreement(world.cast, state="active", title="SPAM regional")
    other_period = make_period(other)
    other_party = other.parties.get(organization=world.cast.pemkot_yogyakarta)
    foreign = _workbook(period_form_xlsx(other_period, other_party))
    _rows_, errors = period_form_read(_upload(foreign), world.period, world.yogyakarta)
    assert errors == [
        f"This form belongs to another agreement ({other.reference_code}), not "
        f"{world.agreement.reference_code}. Nothing was saved."
    ]
    sleman = _workbook(period_form_xlsx(world.period, world.sleman))
    _rows_, errors = period_form_read(_upload(sleman), world.period, world.yogyakarta)
    assert errors == [
        "This form belongs to another party, not Pemerintah Kota Yogyakarta. Nothing was saved."
    ]


def test_an_edited_identity_is_refused(world):
    workbook = _workbook(period_form_xlsx(world.period, world.yogyakarta))
    workbook[META_SHEET]["B5"] = "12:KS-FAKE:quarterly:2026:1:3:forged"
    _rows_, errors = period_form_read(_upload(workbook), world.period, world.yogyakarta)
    assert errors == ["The form's identification was changed; download the form again."]


def test_a_changed_indicator_id_is_a_row_error(world):
    stranger = make_indicator(
        world.agreement, code="K9", name="TPS Sleman", responsible_party=world.sleman
    )
    workbook = _workbook(period_form_xlsx(world.period, world.yogyakarta))
    sheet = workbook[FORM_SHEET]
    sheet.cell(row=FIRST_ROW, column=COL_INDICATOR_ID, value=stranger.pk)
    _rows_, errors = period_form_read(_upload(workbook), world.period, world.yogyakarta)
    assert errors == [
        f"Row {FIRST_ROW}: the indicator id was changed or does not belong to this form; "
        "download the form again."
    ]


def test_a_file_that_is_not_an_xlsx_is_refused(world):
    pdf = SimpleUploadedFile("formulir.pdf", b"%PDF-1.4 not a spreadsheet %%EOF")
    _rows_, errors = period_form_read(pdf, world.period, world.yogyakarta)
    assert errors == ["This is not an Excel workbook (.xlsx); upload the data form you downloaded."]
    text = SimpleUploadedFile("formulir.xlsx", b"kode,nilai\nK1,12\n")
    _rows_, errors = period_form_read(text, world.period, world.yogyakarta)
    assert len(errors) == 1 and "is not a PDF, DOCX, XLSX" in errors[0]


def test_the_form_of_a_party_without_a_submission_yet_is_empty_but_complete(world):
    form = _workbook(period_form_xlsx(world.period, world.bantul))
    assert _rows(form[FORM_SHEET]) == {(world.indicator.pk, None): FIRST_ROW}
    assert form[FORM_SHEET].cell(row=FIRST_ROW, column=COL_VALUE).value is None
    submission = submission_for(world.period, world.bantul)
    assert submission.status == "draft"
