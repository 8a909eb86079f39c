"""Data is due by the end of the due date in the reporting party's own zone, decided once and
stored: a Sorong party (Papua Barat Daya, WIT) and a Makassar party (Sulawesi Selatan, WITA)
report on the same agreement, with the worker and the viewer in WIB."""

import importlib
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from simpul.agreements.models import Party
from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.core import outbox
from simpul.monitoring.models import DataValue, ReportingPeriod, Submission
from simpul.monitoring.services.collection import (
    submission_return,
    submission_submit,
    values_save,
)
from simpul.monitoring.services.lateness import lateness_settle
from simpul.monitoring.services.warnings import warnings_evaluate
from simpul.monitoring.tasks import daily_late_data_reminders, lateness_settle_zone
from simpul.monitoring.tests.permissions_collection import make_indicator, make_period
from simpul.organizations.services import governments_ensure
from simpul.regions.models import Region
from simpul.regions.services import regions_load
from simpul.testing.cast import make_member, make_user

pytestmark = pytest.mark.django_db

WIB, WITA, WIT = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Makassar"), ZoneInfo("Asia/Jayapura")
DUE = date(2026, 4, 15)  # Q1 2026: the period ends 31 March, data due 15 days later


def at(day: date, hour: int, minute: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


NEXT_DAY = date(2026, 4, 16)


@dataclass
class World:
    period: ReportingPeriod
    sorong: Party
    makassar: Party
    sorong_officer: object
    makassar_officer: object


@pytest.fixture
def world(cast, time_machine) -> World:
    time_machine.move_to(at(date(2026, 4, 1), 9, 0, WIB), tick=False)
    regions_load(codes={"73.71"}, with_boundaries=False)
    governments_ensure()
    sorong_gov = government_of(Region.objects.get(code="96.01"))
    makassar_gov = government_of(Region.objects.get(code="73.71"))
    agreement = make_agreement(
        cast,
        state="active",
        parties=[cast.pemkot_yogyakarta, sorong_gov, makassar_gov],
        start_date=date(2025, 1, 1),
        end_date=date(2027, 12, 31),
    )
    make_indicator(agreement)  # no responsible party: every party reports
    period = make_period(agreement, 2026, 1)
    assert period.due_date == DUE
    sorong_officer = make_user("data@sorongkab.go.id", "Yance Kambu")
    makassar_officer = make_user("data@makassarkota.go.id", "Andi Makkasau")
    make_member(sorong_officer, sorong_gov, "data_officer")
    make_member(makassar_officer, makassar_gov, "data_officer")
    parties = {p.organization_id: p for p in agreement.parties.all()}
    return World(
        period=period,
        sorong=parties[sorong_gov.pk],
        makassar=parties[makassar_gov.pk],
        sorong_officer=sorong_officer,
        makassar_officer=makassar_officer,
    )


def submit(world: World, party: Party, user) -> Submission:
    """Enter a value and submit, with the worker's and server's zone being WIB."""
    submission, _ = Submission.objects.get_or_create(period=world.period, party=party)
    indicator = world.period.agreement.indicators.get()
    with timezone.override(WIB):
        values_save(
            submission=submission,
            user=user,
            rows=[(indicator, None, "12", "", "")],
            expected_version=submission.version,
        )
        submission.refresh_from_db()
        return submission_submit(
            submission=submission, user=user, expected_version=submission.version
        )


def late_badges(client, cast, world: World) -> set[str]:
    """The parties whose cell carries the late badge on the period list, seen from WIB."""
    client.force_login(cast.rina)
    with translation.override("en"):
        page = client.get(
            reverse(
                "monitoring:period-detail",
                kwargs={"agreement_pk": world.period.agreement_id, "pk": world.period.pk},
            )
        ).content.decode()
    return {
        name
        for name, party in (("sorong", world.sorong), ("makassar", world.makassar))
        if f'id="party-{party.pk}" data-late="1"' in page
    }


def test_data_submitted_at_2330_wit_on_the_due_day_is_on_time_for_a_sorong_party(
    world, time_machine, client, cast
):
    time_machine.move_to(at(DUE, 23, 30, WIT), tick=False)  # 21:30 WIB, 22:30 WITA

    submission = submit(world, world.sorong, world.sorong_officer)

    assert submission.is_late is False
    time_machine.move_to(at(NEXT_DAY, 12, 0, WIB), tick=False)
    lateness_settle()
    assert Submission.objects.get(pk=submission.pk).is_late is False
    assert "sorong" not in late_badges(client, cast, world)


def test_data_submitted_at_0010_wita_the_next_day_is_late_for_a_makassar_party(
    world, time_machine, client, cast
):
    # 23:10 WIB: still the due day for the worker and for a viewer in Jakarta.
    time_machine.move_to(at(NEXT_DAY, 0, 10, WITA), tick=False)

    submission = submit(world, world.makassar, world.makassar_officer)

    assert submission.is_late is True
    assert "makassar" in late_badges(client, cast, world)


def test_a_party_that_never_submitted_is_marked_late_just_after_its_own_midnight(
    world, time_machine
):
    time_machine.move_to(at(NEXT_DAY, 0, 5, WIT), tick=False)  # 23:05 WITA, 22:05 WIB

    lateness_settle_zone.call(zone="Asia/Jayapura")
    lateness_settle()  # every zone, as of now: Makassar's due date has not ended yet

    stored = dict(Submission.objects.values_list("party_id", "is_late"))
    assert stored[world.sorong.pk] is True
    assert world.makassar.pk not in stored
    time_machine.move_to(at(NEXT_DAY, 0, 5, WITA), tick=False)
    lateness_settle_zone.call(zone="Asia/Makassar")
    assert Submission.objects.get(party=world.makassar).is_late is True


def test_lateness_is_decided_once_and_a_resubmission_after_a_return_keeps_it(
    world, time_machine, cast
):
    time_machine.move_to(at(DUE, 20, 0, WITA), tick=False)
    submission = submit(world, world.makassar, world.makassar_officer)
    submission_return(submission=submission, user=cast.rina, comment="Periksa angka")
    time_machine.move_to(at(date(2026, 4, 20), 9, 0, WITA), tick=False)
    lateness_settle()
    submission.refresh_from_db()

    submission = submission_submit(
        submission=submission, user=world.makassar_officer, expected_version=submission.version
    )

    assert submission.is_late is False
    assert DataValue.objects.filter(submission=submission).exists()


def test_late_data_reminders_reach_each_zone_at_its_own_morning(world, time_machine):
    time_machine.move_to(at(NEXT_DAY, 8, 0, WIT), tick=False)  # 07:00 WITA, 06:00 WIB

    daily_late_data_reminders.call(zone="Asia/Jayapura")
    outbox.deliver_due()

    # Makassar's data is late too, but its parties hear of it in their own morning run.
    assert [m.to for m in mail.outbox] == [[world.sorong_officer.email]]
    time_machine.move_to(at(NEXT_DAY, 8, 0, WITA), tick=False)
    daily_late_data_reminders.call(zone="Asia/Makassar")
    daily_late_data_reminders.call(zone="Asia/Jayapura")  # Sorong only once a day
    outbox.deliver_due()
    assert [m.to for m in mail.outbox[1:]] == [[world.makassar_officer.email]]


def test_the_late_data_warning_reads_the_stored_decision(world, time_machine):
    time_machine.move_to(at(NEXT_DAY, 23, 30, WIT), tick=False)
    submit(world, world.makassar, world.makassar_officer)  # late, but it came in
    lateness_settle()

    warnings_evaluate(date(2026, 5, 30))

    addressed = set(
        world.period.agreement.early_warnings.filter(rule_code="late_data").values_list(
            "organization_id", flat=True
        )
    )
    assert world.sorong.organization_id in addressed
    assert world.makassar.organization_id not in addressed


def test_the_migration_decides_existing_submissions_in_each_partys_zone(world):
    on_time = Submission.objects.create(
        period=world.period,
        party=world.sorong,
        status=Submission.Status.SUBMITTED,
        submitted_at=at(DUE, 23, 30, WIT),
    )
    late = Submission.objects.create(
        period=world.period,
        party=world.makassar,
        status=Submission.Status.SUBMITTED,
        submitted_at=at(NEXT_DAY, 0, 10, WITA),
    )
    migration = importlib.import_module("simpul.monitoring.migrations.0006_submission_is_late")

    migration.decide_lateness(apps, None)

    assert Submission.objects.get(pk=on_time.pk).is_late is False
    assert Submission.objects.get(pk=late.pk).is_late is True
