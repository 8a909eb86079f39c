import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from simpul.monitoring.excel import COL_VALUE, FIRST_ROW, FORM_SHEET
from simpul.monitoring.models import (
    DataValue,
    Disaggregation,
    Evidence,
    ReportingPeriod,
    Submission,
    SubmissionEvent,
)
from simpul.monitoring.services.collection import submission_for
from simpul.monitoring.services.lateness import lateness_settle
from simpul.monitoring.tests.permissions_collection import (
    collection_world,
    make_indicator,
    make_period,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    w = collection_world(cast)
    w.cast = cast
    return w


def _as(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def url(name, world, **kwargs):
    return reverse(f"monitoring:{name}", kwargs={"agreement_pk": world.agreement.pk, **kwargs})


def _edit(world, submission=None):
    return url("submission-edit", world, pk=(submission or world.submission).pk)


def _value_field(world, indicator=None):
    return f"v-{(indicator or world.indicator).pk}-total"


# --- Access ------------------------------------------------------------------------------------


def test_a_data_officer_enters_data_for_her_governments_party_only(client, world):
    _as(client, world.cast.dewi)
    assert client.get(_edit(world)).status_code == 200
    sleman = submission_for(world.period, world.sleman)
    assert client.get(_edit(world, sleman)).status_code == 404
    assert client.get(url("submission-xlsx", world, pk=sleman.pk)).status_code == 404
    # Reading Sleman's data follows the agreement.
    assert client.get(url("submission-detail", world, pk=sleman.pk)).status_code == 200


def test_oversight_reads_but_neither_enters_nor_verifies(client, world):
    Submission.objects.filter(pk=world.submission.pk).update(status="submitted")
    for person in (world.cast.gita, world.cast.hadi):
        _as(client, person)
        assert client.get(url("period-list", world)).status_code == 200
        assert (
            client.get(url("submission-detail", world, pk=world.submission.pk)).status_code == 200
        )
        assert client.get(_edit(world)).status_code == 404
        response = client.post(url("submission-verify", world, pk=world.submission.pk))
        assert response.status_code == 404
    assert Submission.objects.get(pk=world.submission.pk).status == "submitted"


def test_unrelated_people_do_not_learn_that_the_data_exists(client, world):
    for person in (world.cast.budi, world.cast.eko):
        _as(client, person)
        assert client.get(url("period-list", world)).status_code == 404
        assert (
            client.get(url("submission-detail", world, pk=world.submission.pk)).status_code == 404
        )


def test_the_coordinator_verifies_and_the_provenance_shows_who_when_and_why(client, world):
    _as(client, world.cast.dewi)
    client.post(url("submission-submit", world, pk=world.submission.pk), {"expected_version": 1})
    assert client.post(url("submission-verify", world, pk=world.submission.pk)).status_code == 404
    _as(client, world.cast.sari)
    response = client.post(
        url("submission-return", world, pk=world.submission.pk),
        {"comment": "Lampirkan berita acara timbang"},
    )
    assert response.status_code == 302
    page = client.get(url("submission-detail", world, pk=world.submission.pk)).content.decode()
    assert 'data-action="submitted"' in page and 'data-action="returned"' in page
    assert "Lampirkan berita acara timbang" in page and "Sari Wulandari" in page
    assert Submission.objects.get(pk=world.submission.pk).status == "returned"


def test_returning_without_a_reason_keeps_the_form_and_explains(client, world):
    Submission.objects.filter(pk=world.submission.pk).update(status="submitted")
    _as(client, world.cast.sari)
    response = client.post(url("submission-return", world, pk=world.submission.pk), {})
    assert response.status_code == 400
    assert "Say why the data is returned" in response.content.decode()
    assert Submission.objects.get(pk=world.submission.pk).status == "submitted"


# --- Bad input ---------------------------------------------------------------------------------


def test_text_in_a_number_field_is_explained_and_what_was_typed_is_kept(client, world):
    percent = make_indicator(world.agreement, code="K2", name="Cakupan", kind="percentage")
    _as(client, world.cast.dewi)
    response = client.post(
        _edit(world),
        {
            "expected_version": 1,
            _value_field(world): "abc",
            _value_field(world, percent): "250",
            f"n-{world.indicator.pk}": "Catatan yang tidak boleh hilang",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "“abc” is not a number for K1 Sampah terangkut." in page
    assert "250% is not a percentage between 0 and 100 for K2 Cakupan." in page
    assert 'value="abc"' in page and 'value="250"' in page
    assert "Catatan yang tidak boleh hilang" in page
    assert DataValue.objects.get(submission=world.submission).value == 10


def test_saving_values_from_the_form_stores_them_and_warns_of_outliers(client, world):
    for number, value in enumerate((100, 104, 98, 102), start=1):
        period = make_period(world.agreement, year=2025, number=number)
        past = Submission.objects.create(period=period, party=world.yogyakarta, status="verified")
        DataValue.objects.create(submission=past, indicator=world.indicator, value=value)
    _as(client, world.cast.dewi)
    response = client.post(
        _edit(world), {"expected_version": 1, _value_field(world): "900,5"}, follow=True
    )
    page = response.content.decode()
    assert "900.5 is unusual compared with earlier verified values" in page
    assert 'data-outlier="1"' in page
    value = DataValue.objects.get(submission=world.submission)
    assert str(value.value) == "900.5000" and value.is_outlier


def test_a_stale_form_is_refused_as_a_conflict_naming_who_saved_without_losing_the_input(
    client, world
):
    _as(client, world.cast.dewi)
    client.post(_edit(world), {"expected_version": 1, _value_field(world): "11"})
    response = client.post(_edit(world), {"expected_version": 1, _value_field(world): "12"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Dewi Lestari changed this at" in page and 'value="12"' in page
    assert DataValue.objects.get(submission=world.submission).value == 11


def test_the_second_of_two_submits_is_told_it_was_already_submitted(client, world):
    _as(client, world.cast.dewi)
    target = url("submission-submit", world, pk=world.submission.pk)
    client.post(target, {"expected_version": 1})
    response = client.post(target, {"expected_version": 1}, follow=True)
    assert "already submitted by Dewi Lestari" in response.content.decode()
    assert SubmissionEvent.objects.filter(action="submitted").count() == 1


def test_a_locked_period_shows_why_nothing_can_change(client, world):
    ReportingPeriod.objects.filter(pk=world.period.pk).update(status="locked")
    _as(client, world.cast.dewi)
    page = client.get(_edit(world)).content.decode()
    assert "is locked: its data can no longer be changed" in page
    assert 'id="save-values"' not in page
    response = client.post(_edit(world), {"expected_version": 1, _value_field(world): "50"})
    assert response.status_code == 400
    assert DataValue.objects.get(submission=world.submission).value == 10


def test_evidence_of_the_wrong_type_is_refused_with_a_message(client, world):
    _as(client, world.cast.dewi)
    response = client.post(
        url("evidence-upload", world, pk=world.submission.pk),
        {"file": SimpleUploadedFile("foto.gif", b"GIF89a" + b"\x00" * 40)},
    )
    assert response.status_code == 400
    assert "is not a PDF, DOCX, XLSX, ODT, PNG or JPEG" in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_is_downloaded_through_the_access_check(client, world):
    _as(client, world.cast.dewi)
    client.post(
        url("evidence-upload", world, pk=world.submission.pk),
        {"file": SimpleUploadedFile("ba.pdf", b"%PDF-1.4 ba %%EOF"), "description": "BA"},
    )
    evidence = Evidence.objects.get()
    target = url("evidence-download", world, pk=world.submission.pk, evidence_pk=evidence.pk)
    _as(client, world.cast.hadi)
    response = client.get(target)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 ba %%EOF"
    assert response["Content-Disposition"].startswith("attachment")
    _as(client, world.cast.budi)
    assert client.get(target).status_code == 404


# --- Excel through the pages -------------------------------------------------------------------


def test_a_quarter_uploaded_by_excel_is_saved_then_submitted(client, world):
    _as(client, world.cast.dewi)
    download = client.get(url("submission-xlsx", world, pk=world.submission.pk))
    assert download.status_code == 200
    workbook = load_workbook(io.BytesIO(download.content))
    workbook[FORM_SHEET].cell(row=FIRST_ROW, column=COL_VALUE, value="14,25")
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(
        url("submission-upload", world, pk=world.submission.pk),
        {"expected_version": 1, "file": SimpleUploadedFile("isi.xlsx", buffer.getvalue())},
    )
    assert response.status_code == 302
    assert str(DataValue.objects.get(submission=world.submission).value) == "14.2500"
    client.post(url("submission-submit", world, pk=world.submission.pk), {"expected_version": 2})
    assert Submission.objects.get(pk=world.submission.pk).status == "submitted"


def test_an_uploaded_form_for_another_period_lists_the_problem_and_saves_nothing(client, world):
    other = make_period(world.agreement, number=2)
    other_submission = submission_for(other, world.yogyakarta)
    _as(client, world.cast.dewi)
    content = client.get(url("submission-xlsx", world, pk=other_submission.pk)).content
    response = client.post(
        url("submission-upload", world, pk=world.submission.pk),
        {"expected_version": 1, "file": SimpleUploadedFile("isi.xlsx", content)},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="upload-errors"' in page
    assert "This form is for Quarter 2 2026, not Quarter 1 2026. Nothing was saved." in page
    assert DataValue.objects.get(submission=world.submission).value == 10


# --- Periods -----------------------------------------------------------------------------------


def test_the_period_list_marks_late_data_per_party(client, world):
    Submission.objects.filter(pk=world.submission.pk).update(status="verified", is_late=False)
    lateness_settle()  # the worker, after the due date ended in each party's zone
    _as(client, world.cast.gita)
    page = client.get(url("period-list", world)).content.decode()
    assert f'id="period-{world.period.pk}" data-status="open" data-late="1"' in page
    assert page.count('data-late="1"') == 1 + 2  # the row, then Sleman and Bantul
    assert 'data-status="verified"' in page
    assert "period-ensure-form" not in page


def test_an_editor_creates_opens_and_locks_periods_from_the_pages(client, world):
    _as(client, world.cast.sari)
    response = client.post(url("period-ensure", world))
    assert response.status_code == 302
    assert ReportingPeriod.objects.filter(agreement=world.agreement).count() == 12
    period = ReportingPeriod.objects.get(agreement=world.agreement, year=2026, number=2)
    client.post(url("period-status", world, pk=period.pk), {"action": "open"})
    client.post(url("period-status", world, pk=period.pk), {"action": "lock"})
    period.refresh_from_db()
    assert period.status == "locked"
    response = client.post(
        url("period-status", world, pk=period.pk), {"action": "close"}, follow=True
    )
    assert "cannot be closed" in response.content.decode()


def test_a_data_officer_starts_a_submission_in_an_open_period(client, world):
    period = make_period(world.agreement, number=2)
    _as(client, world.cast.dewi)
    page = client.get(url("period-detail", world, pk=period.pk)).content.decode()
    start = url("submission-start", world, pk=period.pk, party_pk=world.yogyakarta.pk)
    assert start in page
    assert url("submission-start", world, pk=period.pk, party_pk=world.sleman.pk) not in page
    response = client.post(start)
    submission = Submission.objects.get(period=period, party=world.yogyakarta)
    assert response["Location"] == _edit(world, submission)
    forbidden = url("submission-start", world, pk=period.pk, party_pk=world.sleman.pk)
    assert client.post(forbidden).status_code == 404


# --- Query counts ------------------------------------------------------------------------------


def _entry_page_queries(client, world, indicators: int) -> int:
    sex = Disaggregation.objects.get(code="sex")
    for index in range(indicators - 1):
        extra = make_indicator(world.agreement, code=f"X{index}", name=f"Indikator {index}")
        extra.disaggregations.add(sex)
        DataValue.objects.create(submission=world.submission, indicator=extra, value=index)
    _as(client, world.cast.dewi)
    client.get(_edit(world))  # warm the session and memberships caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_edit(world))
    assert response.status_code == 200
    return len(queries)


def test_the_entry_page_needs_as_many_queries_for_ten_indicators_as_for_two(client, cast):
    small = collection_world(cast)
    small.cast = cast
    few = _entry_page_queries(client, small, 2)
    large = collection_world(cast)
    large.cast = cast
    many = _entry_page_queries(client, large, 10)
    assert few == many
    assert few <= 30


def test_a_stored_value_with_three_decimals_survives_being_saved_again(client, world):
    DataValue.objects.filter(submission=world.submission).update(value="1.125")
    _as(client, world.cast.dewi)
    page = client.get(_edit(world)).content.decode()
    assert 'value="1.1250"' in page
    response = client.post(_edit(world), {"expected_version": 1, _value_field(world): "1.1250"})
    assert response.status_code == 302
    assert str(DataValue.objects.get(submission=world.submission).value) == "1.1250"


def _period_list_queries(client, world, quarters: int) -> int:
    for number in range(2, quarters + 1):
        year, quarter = 2026 + (number - 1) // 4, (number - 1) % 4 + 1
        period = make_period(world.agreement, year=year, number=quarter)
        submission_for(period, world.sleman)
    _as(client, world.cast.gita)
    client.get(url("period-list", world))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("period-list", world)).status_code == 200
    return len(queries)


def test_the_period_list_needs_as_many_queries_for_twelve_periods_as_for_two(client, cast):
    small, large = collection_world(cast), collection_world(cast)
    small.cast = large.cast = cast
    assert _period_list_queries(client, small, 2) == _period_list_queries(client, large, 12)
