import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone, translation

from simpul.core import outbox
from simpul.core.errors import Conflict, InvalidInput
from simpul.monitoring.models import (
    DataValue,
    Disaggregation,
    MonitoringSetup,
    ReportingPeriod,
    Submission,
    SubmissionEvent,
)
from simpul.monitoring.services import collection
from simpul.monitoring.services.collection import (
    AmbiguousNumber,
    ValuesInvalid,
    evidence_add,
    is_outlier,
    late_data_reminders_send,
    late_submissions,
    parse_number,
    period_lock,
    period_open,
    period_reopen,
    periods_ensure,
    submission_for,
    submission_return,
    submission_submit,
    submission_verify,
    values_save,
)
from simpul.monitoring.services.lateness import lateness_settle
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


def _save(world, rows, user=None):
    submission = Submission.objects.get(pk=world.submission.pk)
    return values_save(
        submission=submission,
        user=user or world_user(world),
        rows=rows,
        expected_version=submission.version,
    )


def world_user(world):
    return world.cast.dewi


@pytest.fixture
def world(cast):
    w = collection_world(cast)
    w.cast = cast
    return w


# --- Periods -----------------------------------------------------------------------------------


def test_periods_cover_the_agreement_at_its_frequency_and_each_indicators_frequency(world):
    MonitoringSetup.objects.create(agreement=world.agreement, due_days=20)
    make_indicator(world.agreement, code="S1", name="Kepuasan warga", frequency="yearly")
    created = periods_ensure(world.agreement)
    quarters = ReportingPeriod.objects.filter(agreement=world.agreement, frequency="quarterly")
    years = ReportingPeriod.objects.filter(agreement=world.agreement, frequency="yearly")
    # 2025-01-01 .. 2027-12-31: 12 quarters (one existed already) and 3 years.
    assert quarters.count() == 12
    assert sorted(years.values_list("year", flat=True)) == [2025, 2026, 2027]
    assert len(created) == 14
    q3 = quarters.get(year=2025, number=3)
    assert (q3.start, q3.end, q3.due_date) == (
        date(2025, 7, 1),
        date(2025, 9, 30),
        date(2025, 10, 20),
    )
    assert q3.status == ReportingPeriod.Status.PLANNED


def test_ensuring_periods_twice_creates_nothing_the_second_time(world):
    periods_ensure(world.agreement)
    count = ReportingPeriod.objects.count()
    assert periods_ensure(world.agreement) == []
    assert ReportingPeriod.objects.count() == count


def test_an_agreement_without_an_end_gets_periods_for_a_year_from_today(cast):
    from simpul.agreements.tests.factories import make_agreement

    agreement = make_agreement(cast, state="active")
    periods_ensure(agreement)
    ends = ReportingPeriod.objects.filter(agreement=agreement).order_by("end")
    assert ends.first().start <= timezone.localdate() <= ends.first().end
    assert ends.last().end >= timezone.localdate() + timedelta(days=365 - 92)


def test_only_editors_open_close_and_lock_periods(world):
    period = make_period(world.agreement, number=2, status="planned")
    with pytest.raises(InvalidInput):
        period_open(period=period, user=world.cast.dewi)
    period_open(period=period, user=world.cast.sari)
    period.refresh_from_db()
    assert period.status == "open" and period.status_changed_by == world.cast.sari
    period_lock(period=period, user=world.cast.sari)
    with pytest.raises(InvalidInput, match="cannot be opened"):
        period_open(period=period, user=world.cast.sari)
    period_reopen(period=period, user=world.cast.sari)
    assert ReportingPeriod.objects.get(pk=period.pk).status == "open"


def test_a_locked_period_refuses_every_data_change(world):
    period_lock(period=world.period, user=world.cast.sari)
    with pytest.raises(InvalidInput, match="is locked"):
        _save(world, [(world.indicator, None, "12", "", "")])
    submission = Submission.objects.get(pk=world.submission.pk)
    with pytest.raises(InvalidInput, match="is locked"):
        submission_submit(submission=submission, user=world.cast.dewi, expected_version=1)
    with pytest.raises(InvalidInput, match="is locked"):
        evidence_add(
            submission=submission,
            user=world.cast.dewi,
            uploaded_file=SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 x %%EOF"),
        )
    assert DataValue.objects.get(submission=submission).value == Decimal(10)


# --- Values ------------------------------------------------------------------------------------


def test_numbers_accept_a_decimal_comma_and_indonesian_grouping():
    assert parse_number("12,5") == Decimal("12.5")
    assert parse_number("1.250,75") == Decimal("1250.75")
    assert parse_number("1,250.75") == Decimal("1250.75")
    assert parse_number("12.500.000") == Decimal(12_500_000)
    assert parse_number("0,125") == Decimal("0.125")
    assert parse_number(" 7 ") == Decimal(7)
    for ambiguous in ("1.250", "12,500", "-1.000"):
        with pytest.raises(AmbiguousNumber):
            parse_number(ambiguous)
    for bad in ("abc", "1,2,3", "NaN", "Infinity", ""):
        with pytest.raises(ValueError):
            parse_number(bad)


def test_a_data_officer_saves_values_with_a_decimal_comma(world):
    result = _save(world, [(world.indicator, None, "12,5", "", "Dari jembatan timbang TPA")])
    value = DataValue.objects.get(submission=world.submission, option=None)
    assert value.value == Decimal("12.5")
    assert value.narrative == "Dari jembatan timbang TPA"
    assert value.updated_by == world.cast.dewi
    assert result.changed == 1
    event = SubmissionEvent.objects.get(submission=world.submission)
    assert (event.action, event.actor) == ("saved", world.cast.dewi)
    assert Submission.objects.get(pk=world.submission.pk).version == 2


def test_text_in_a_number_field_is_refused_with_the_indicator_named_and_nothing_saved(world):
    other = make_indicator(world.agreement, code="K2", name="Cakupan layanan")
    with pytest.raises(ValuesInvalid) as refused:
        _save(world, [(other, None, "40", "", ""), (world.indicator, None, "abc", "", "")])
    assert refused.value.problems == [
        ((world.indicator.pk, None), "“abc” is not a number for K1 Sampah terangkut.")
    ]
    assert not DataValue.objects.filter(indicator=other).exists()
    assert Submission.objects.get(pk=world.submission.pk).version == 1


def test_a_percentage_of_250_and_values_outside_the_valid_range_are_refused(world):
    percent = make_indicator(world.agreement, code="K2", name="Cakupan", kind="percentage")
    capped = make_indicator(
        world.agreement, code="K3", name="Keluhan", min_value=Decimal(0), max_value=Decimal(500)
    )
    with pytest.raises(ValuesInvalid) as refused:
        _save(world, [(percent, None, "250", "", ""), (capped, None, "-1", "", "")])
    messages = [message for _key, message in refused.value.problems]
    assert messages == [
        "250% is not a percentage between 0 and 100 for K2 Cakupan.",
        "-1 is below the lowest valid value (0) for K3 Keluhan.",
    ]


def test_yes_no_takes_words_or_one_and_zero(world):
    done = make_indicator(world.agreement, code="K2", name="Perda terbit", kind="boolean")
    _save(world, [(done, None, "Ya", "", "")])
    assert DataValue.objects.get(indicator=done).value == 1
    with pytest.raises(ValuesInvalid, match="is not yes"):
        _save(world, [(done, None, "2", "", "")])


def test_a_qualitative_indicator_keeps_its_finding_as_text(world):
    finding = make_indicator(world.agreement, code="Q1", name="Temuan lapangan", kind="qualitative")
    _save(world, [(finding, None, None, "Warga puas dengan jadwal angkut", "")])
    value = DataValue.objects.get(indicator=finding)
    assert value.value is None and value.text == "Warga puas dengan jadwal angkut"


def test_values_per_disaggregation_option_are_kept_beside_the_total(world):
    sex = Disaggregation.objects.get(code="sex")
    world.indicator.disaggregations.add(sex)
    female, male = sex.options.order_by("position")
    _save(world, [(world.indicator, None, "10", "", ""), (world.indicator, female, "4", "", "")])
    _save(world, [(world.indicator, male, "6", "", "")])
    values = dict(
        DataValue.objects.filter(indicator=world.indicator).values_list("option__code", "value")
    )
    assert values == {None: Decimal(10), "f": Decimal(4), "m": Decimal(6)}
    other = Disaggregation.objects.get(code="age").options.first()
    with pytest.raises(ValuesInvalid, match="is not broken down by"):
        _save(world, [(world.indicator, other, "1", "", "")])


def test_an_emptied_value_is_removed(world):
    _save(world, [(world.indicator, None, "", "", "")])
    assert not DataValue.objects.filter(submission=world.submission).exists()


def test_a_party_enters_only_the_indicators_it_reports(world):
    sleman_only = make_indicator(
        world.agreement, code="K9", name="TPS Sleman", responsible_party=world.sleman
    )
    with pytest.raises(ValuesInvalid, match="is not reported by"):
        _save(world, [(sleman_only, None, "3", "", "")])
    sleman_submission = submission_for(world.period, world.sleman)
    with pytest.raises(InvalidInput, match="You may not enter data"):
        values_save(
            submission=sleman_submission,
            user=world.cast.dewi,
            rows=[(sleman_only, None, "3", "", "")],
            expected_version=1,
        )


def test_a_stale_version_is_a_conflict_and_nothing_is_overwritten(world):
    submission = Submission.objects.get(pk=world.submission.pk)
    _save(world, [(world.indicator, None, "11", "", "")])
    with pytest.raises(Conflict, match=f"{world_user(world).full_name} changed this at"):
        values_save(
            submission=submission,
            user=world.cast.sari,
            rows=[(world.indicator, None, "99", "", "")],
            expected_version=1,
        )
    assert DataValue.objects.get(submission=submission).value == Decimal(11)


# --- Outliers ----------------------------------------------------------------------------------


def test_the_outlier_rule_uses_the_median_absolute_deviation_with_enough_history():
    # Median 102, median absolute deviation 3: unusual beyond 102 ± 3 × 1.4826 × 3.
    history = [Decimal(v) for v in (100, 110, 95, 105, 102)]
    assert not is_outlier(Decimal(112), history)
    assert is_outlier(Decimal(118), history)
    assert is_outlier(Decimal(80), history)
    assert not is_outlier(Decimal(140), [Decimal(100)])
    assert is_outlier(Decimal(160), [Decimal(100)])
    assert not is_outlier(Decimal(5), [])


def _verified_history(world, values):
    for number, value in enumerate(values, start=1):
        period = make_period(world.agreement, year=2025, number=number, status="open")
        submission = Submission.objects.create(
            period=period, party=world.yogyakarta, status=Submission.Status.VERIFIED
        )
        DataValue.objects.create(submission=submission, indicator=world.indicator, value=value)


def test_a_value_far_from_the_partys_verified_history_is_flagged_but_saved(world):
    _verified_history(world, [100, 104, 98, 102])
    result = _save(world, [(world.indicator, None, "500", "", "")])
    value = DataValue.objects.get(submission=world.submission)
    assert value.value == 500 and value.is_outlier
    assert [row.indicator for row in result.outliers] == [world.indicator]
    _save(world, [(world.indicator, None, "103", "", "")])
    assert not DataValue.objects.get(submission=world.submission).is_outlier


# --- Submit, verify, return --------------------------------------------------------------------


def test_the_same_submission_submitted_twice_is_refused_the_second_time(world):
    first = Submission.objects.get(pk=world.submission.pk)
    second = Submission.objects.get(pk=world.submission.pk)
    submission_submit(submission=first, user=world.cast.dewi, expected_version=1)
    with pytest.raises(Conflict, match="already submitted by Dewi Lestari"):
        submission_submit(submission=second, user=world.cast.sari, expected_version=1)
    submission = Submission.objects.get(pk=world.submission.pk)
    assert (submission.status, submission.submitted_by, submission.version) == (
        "submitted",
        world.cast.dewi,
        2,
    )
    assert SubmissionEvent.objects.filter(action="submitted").count() == 1


def test_an_empty_submission_cannot_be_submitted(world):
    DataValue.objects.all().delete()
    with pytest.raises(InvalidInput, match="at least one value"):
        submission_submit(
            submission=Submission.objects.get(pk=world.submission.pk),
            user=world.cast.dewi,
            expected_version=1,
        )


def test_two_people_who_loaded_the_same_draft_submit_it_once(world):
    dewi_copy = Submission.objects.get(pk=world.submission.pk)
    sari_copy = Submission.objects.get(pk=world.submission.pk)
    submission_submit(submission=sari_copy, user=world.cast.sari, expected_version=1)
    with pytest.raises(Conflict) as refused:
        submission_submit(submission=dewi_copy, user=world.cast.dewi, expected_version=1)
    assert refused.value.code == "already_submitted"
    assert Submission.objects.get(pk=world.submission.pk).submitted_by == world.cast.sari


@pytest.mark.postgresql
@pytest.mark.committing
@pytest.mark.django_db(transaction=True)
def test_two_people_submitting_in_two_connections_at_once_submit_once(cast):
    world = collection_world(cast)
    barrier = threading.Barrier(2)
    outcomes = []

    def submit(user):
        try:
            submission = Submission.objects.get(pk=world.submission.pk)
            barrier.wait(timeout=10)
            submission_submit(submission=submission, user=user, expected_version=1)
            outcomes.append("ok")
        except Conflict as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(u,)) for u in (cast.dewi, cast.sari)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already_submitted", "ok"]
    assert Submission.objects.get(pk=world.submission.pk).version == 2
    assert SubmissionEvent.objects.filter(action="submitted").count() == 1


def test_verifying_writes_the_provenance_and_refreshes_the_indicators(world, monkeypatch):
    refreshed = []
    monkeypatch.setattr(
        "simpul.monitoring.services.analysis.indicator_refresh",
        lambda ids: refreshed.append(sorted(ids)),
    )
    submission = Submission.objects.get(pk=world.submission.pk)
    submission_submit(submission=submission, user=world.cast.dewi, expected_version=1)
    with pytest.raises(InvalidInput, match="coordinators"):
        submission_verify(submission=submission, user=world.cast.dewi)
    with pytest.raises(InvalidInput, match="coordinators"):
        submission_verify(submission=submission, user=world.cast.gita)
    submission_verify(submission=submission, user=world.cast.sari, comment="Sesuai berita acara")
    submission.refresh_from_db()
    assert (submission.status, submission.verified_by) == ("verified", world.cast.sari)
    assert refreshed == [[world.indicator.pk]]
    with pytest.raises(Conflict, match="already verified"):
        submission_verify(submission=submission, user=world.cast.rina)
    actions = list(submission.events.values_list("action", "actor_label", "comment"))
    assert actions == [
        ("submitted", "Dewi Lestari", ""),
        ("verified", "Sari Wulandari", "Sesuai berita acara"),
    ]


def test_returning_needs_a_reason_and_makes_the_data_editable_again(world, monkeypatch):
    refreshed = []
    monkeypatch.setattr(
        "simpul.monitoring.services.analysis.indicator_refresh",
        lambda ids: refreshed.append(list(ids)),
    )
    submission = Submission.objects.get(pk=world.submission.pk)
    submission_submit(submission=submission, user=world.cast.dewi, expected_version=1)
    with pytest.raises(ValidationError, match="Say why"):
        submission_return(submission=submission, user=world.cast.sari, comment="  ")
    submission_return(
        submission=submission, user=world.cast.sari, comment="Lampirkan berita acara timbang"
    )
    submission.refresh_from_db()
    assert submission.status == "returned"
    event = submission.events.get(action="returned")
    assert (event.actor, event.comment) == (world.cast.sari, "Lampirkan berita acara timbang")
    assert refreshed == [[world.indicator.pk]]
    _save(world, [(world.indicator, None, "12", "", "")])
    submission.refresh_from_db()
    submission_submit(
        submission=submission, user=world.cast.dewi, expected_version=submission.version
    )
    assert Submission.objects.get(pk=submission.pk).status == "submitted"


def test_submitted_data_cannot_be_changed(world):
    submission = Submission.objects.get(pk=world.submission.pk)
    submission_submit(submission=submission, user=world.cast.dewi, expected_version=1)
    with pytest.raises(Conflict, match="already submitted"):
        values_save(
            submission=submission,
            user=world.cast.dewi,
            rows=[(world.indicator, None, "1", "", "")],
            expected_version=submission.version,
        )


# --- Evidence ----------------------------------------------------------------------------------


def test_evidence_is_stored_under_a_random_name_with_its_checksum(world):
    content = b"%PDF-1.4 berita acara %%EOF"
    evidence = evidence_add(
        submission=world.submission,
        user=world.cast.dewi,
        uploaded_file=SimpleUploadedFile("Berita Acara.pdf", content),
        indicator=world.indicator,
        description="Berita acara timbang",
    )
    import hashlib

    assert evidence.sha256 == hashlib.sha256(content).hexdigest()
    assert evidence.original_name == "Berita Acara.pdf"
    assert "Berita" not in evidence.file.name
    assert evidence.content_type == "application/pdf"


def test_evidence_of_the_wrong_type_is_refused_with_a_clear_message(world):
    with pytest.raises(ValidationError) as refused:
        evidence_add(
            submission=world.submission,
            user=world.cast.dewi,
            uploaded_file=SimpleUploadedFile("skrip.exe", b"MZ\x90\x00" + b"\x00" * 64),
        )
    assert "is not a PDF, DOCX, XLSX, ODT, PNG or JPEG" in refused.value.message_dict["file"][0]


# --- Late data ---------------------------------------------------------------------------------


def test_late_submissions_are_the_reporting_parties_marked_late_without_submitted_data(world):
    sleman_only = make_indicator(
        world.agreement, code="K2", name="TPS", responsible_party=world.sleman
    )
    assert sleman_only.pk
    lateness_settle(today=date(2026, 4, 15))  # the due date itself is still on time
    assert late_submissions() == []
    lateness_settle(today=date(2026, 5, 1))
    late = late_submissions()
    pairs = {(item.period.pk, item.party.pk) for item in late}
    # Q1 2026 was due on 15 April; K1 has no responsible party, so everyone reports.
    assert pairs == {
        (world.period.pk, p.pk) for p in (world.yogyakarta, world.sleman, world.bantul)
    }
    Submission.objects.filter(pk=world.submission.pk).update(status="submitted")
    assert (world.period.pk, world.yogyakarta.pk) not in {
        (i.period.pk, i.party.pk) for i in late_submissions()
    }


def test_late_data_reminders_go_to_the_partys_data_officers_once_a_day(world):
    Submission.objects.filter(period=world.period).exclude(pk=world.submission.pk).delete()
    day = date(2026, 5, 1)
    sent = late_data_reminders_send(day)
    outbox.deliver_due()
    to_dewi = [m for m in mail.outbox if m.to == [world.cast.dewi.email]]
    assert len(to_dewi) == 1 and world.agreement.reference_code in to_dewi[0].subject
    assert sent == len(mail.outbox) >= 2  # dewi and sari (admin of Pemkot Yogyakarta)
    assert late_data_reminders_send(day) == 0
    assert late_data_reminders_send(day + timedelta(days=1)) == sent


def test_no_reminder_once_the_data_is_submitted_or_the_period_is_closed(world):
    world.period.status = "closed"
    world.period.save()
    assert late_data_reminders_send(date(2026, 5, 1)) == 0
    outbox.deliver_due()
    assert mail.outbox == []


def test_the_reminder_names_the_housekeeping_entry_point():
    # tasks.py (another area) calls exactly this name from the daily housekeeping task.
    assert callable(collection.late_data_reminders_send)


def test_a_number_that_reads_differently_in_indonesian_and_english_is_refused(world):
    with pytest.raises(ValuesInvalid, match="could be read two ways"):
        _save(world, [(world.indicator, None, "1.250", "", "")])
    assert DataValue.objects.get(submission=world.submission).value == 10
