from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from simpul.complaints import services, tasks
from simpul.complaints.models import Complaint
from simpul.core import outbox
from simpul.organizations.models import Membership
from simpul.testing.cast import make_member, make_user

from .factories import make_complaint, png_bytes

pytestmark = pytest.mark.django_db
S = Complaint.Status


def at(day: str, hour: int = 2) -> datetime:
    """A UTC moment on that day (02:00 UTC is 09:00 WIB)."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def test_a_reminder_the_working_day_before_and_one_escalation_after_the_deadline(
    cast, public_agreement
):
    # Received Monday 10 August 2026: verify by Thursday 13 (3 working days).
    complaint = make_complaint(agreement=public_agreement, received_at=at("2026-08-10"))
    assert complaint.verify_due.isoformat() == "2026-08-13"
    assert services.complaints_housekeeping(at("2026-08-11"))["reminders"] == 0
    assert services.complaints_housekeeping(at("2026-08-12"))["reminders"] == 1
    outbox.deliver_due()
    assert [m.to for m in mail.outbox] == [[cast.sari.email]]
    assert services.complaints_housekeeping(at("2026-08-12", 9))["reminders"] == 0  # once a day
    mail.outbox.clear()
    result = services.complaints_housekeeping(at("2026-08-14"))
    outbox.deliver_due()
    assert result["escalations"] == 1
    recipients = {address for m in mail.outbox for address in m.to}
    assert cast.gita.email in recipients  # the province (DIY) coordinator
    assert cast.sari.email in recipients
    complaint.refresh_from_db()
    first = complaint.escalated_at
    assert first is not None
    assert "Daerah Istimewa Yogyakarta" in complaint.events.order_by("pk").last().note
    mail.outbox.clear()
    for day in ("2026-08-14", "2026-08-18", "2026-08-19"):
        assert services.complaints_housekeeping(at(day, 10))["escalations"] == 0
    outbox.deliver_due()
    assert not mail.outbox
    complaint.refresh_from_db()
    assert complaint.escalated_at == first


def test_a_province_level_party_is_escalated_to_kemendagri(cast):
    officer = make_user("koordinator@kemendagri.go.id", "Koordinator Kemendagri")
    make_member(officer, cast.kemendagri, Membership.Role.COORDINATOR)
    make_complaint(region=cast.diy, responsible=cast.pemda_diy, received_at=at("2026-08-10"))
    mail.outbox.clear()
    assert services.complaints_housekeeping(at("2026-08-14"))["escalations"] == 1
    outbox.deliver_due()
    assert officer.email in {address for m in mail.outbox for address in m.to}
    assert cast.gita.email in {address for m in mail.outbox for address in m.to}  # DIY itself


def test_an_answered_complaint_closes_itself_ten_working_days_later(cast, public_agreement):
    complaint = make_complaint(agreement=public_agreement, status=S.ANSWERED, answer="Selesai.")
    Complaint.objects.filter(pk=complaint.pk).update(close_due=at("2026-08-28").date())
    assert services.complaints_housekeeping(at("2026-08-28"))["closed"] == 0
    assert services.complaints_housekeeping(at("2026-08-31"))["closed"] == 1
    complaint.refresh_from_db()
    assert (
        complaint.status == S.CLOSED
        and complaint.events.order_by("pk").last().to_status == S.CLOSED
    )


def test_unconfirmed_complaints_and_their_photos_are_deleted_after_seven_days(cast, settings):
    old = make_complaint(region=cast.sleman, status=S.UNCONFIRMED)
    old.photo.save("x.png", ContentFile(png_bytes()))
    path = old.photo.path
    fresh = make_complaint(region=cast.sleman, status=S.UNCONFIRMED)
    Complaint.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    result = tasks.daily_complaints_housekeeping.enqueue().return_value
    assert result["purged"] == 1
    assert list(Complaint.objects.values_list("pk", flat=True)) == [fresh.pk]
    import os

    assert not os.path.exists(path)


def test_deadlines_run_in_the_handling_organisations_zone_not_the_subject_regions(cast):
    from zoneinfo import ZoneInfo

    from simpul.agreements.tests.factories import government_of
    from simpul.regions.models import Region

    sorong = government_of(Region.objects.get(code="96.01"))  # Papua Barat Daya: WIT
    complaint = make_complaint(
        region=cast.yogyakarta, responsible=sorong, received_at=at("2026-08-10")
    )
    assert services.zone_of(complaint) == "Asia/Jayapura"
    assert complaint.verify_due.isoformat() == "2026-08-13"
    # 00:30 WIT on Friday 14 August is 22:30 WIB on Thursday, the due day in Yogyakarta.
    just_after_midnight_wit = datetime(2026, 8, 14, 0, 30, tzinfo=ZoneInfo("Asia/Jayapura"))

    wib_run = services.complaints_housekeeping(just_after_midnight_wit, zone="Asia/Jakarta")
    wit_run = services.complaints_housekeeping(just_after_midnight_wit, zone="Asia/Jayapura")

    assert wib_run["escalations"] == 0
    assert wit_run["escalations"] == 1
    complaint.refresh_from_db()
    assert complaint.escalated_for == "verify"
