"""Expiry reminders and automatic expiry."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail

from simpul.agreements.selectors_workflow import agreements_expiring_for
from simpul.agreements.services.reminders import (
    agreements_expire_due,
    agreements_send_expiry_reminders,
)
from simpul.agreements.tasks import daily_agreement_housekeeping
from simpul.agreements.tests.factories import make_agreement
from simpul.agreements.workflow import state_from_events
from simpul.core import outbox
from simpul.organizations.models import Membership
from simpul.testing.cast import make_member, make_user

END = date(2027, 6, 30)


@pytest.fixture
def agreement(cast):
    return make_agreement(cast, state="active", start_date=date(2026, 1, 1), end_date=END)


def test_reminders_go_once_at_180_90_and_30_days_and_on_expiry(cast, agreement):
    coordinator = make_user("kiki@jogjakota.go.id", "Kiki")
    make_member(coordinator, cast.pemkot_yogyakarta, Membership.Role.COORDINATOR)
    # The parties' admins and coordinators (Sleman's yanto too); never a viewer (vina).
    recipients = {"sari@jogjakota.go.id", "kiki@jogjakota.go.id", cast.yanto.email}
    sent_on = {}
    day = END - timedelta(days=200)
    while day <= END + timedelta(days=1):
        with time_machine.travel(day, tick=False):
            before = len(mail.outbox)
            agreements_send_expiry_reminders(day)
            agreements_send_expiry_reminders(day)  # a second run the same day sends nothing
            outbox.deliver_due()
            if len(mail.outbox) > before:
                sent_on[(END - day).days] = {m.to[0] for m in mail.outbox[before:]}
        day += timedelta(days=1)
    assert sent_on == {180: recipients, 90: recipients, 30: recipients, 0: recipients}
    assert agreement.reminders.count() == 4


def test_a_reminder_missed_while_the_worker_was_down_is_sent_late_once(cast, agreement):
    agreements_send_expiry_reminders(END - timedelta(days=85))
    agreements_send_expiry_reminders(END - timedelta(days=84))
    outbox.deliver_due()
    assert list(agreement.reminders.values_list("days_before", flat=True)) == [90]
    assert sorted(m.to[0] for m in mail.outbox) == [cast.sari.email, cast.yanto.email]


def test_an_active_agreement_past_its_end_date_is_expired_by_the_system(cast, agreement):
    assert agreements_expire_due(END) == []  # the end date itself is still in force
    assert agreements_expire_due(END + timedelta(days=1)) == [agreement.pk]
    assert agreements_expire_due(END + timedelta(days=2)) == []
    agreement.refresh_from_db()
    assert agreement.state == "expired" == state_from_events(agreement)
    event = agreement.events.last()
    assert (event.actor, event.actor_label, event.transition_code) == (
        None,
        "system:expiry",
        "expire",
    )


def test_the_daily_housekeeping_task_reminds_and_expires_and_can_run_twice(cast, agreement):
    with time_machine.travel(END + timedelta(days=3), tick=False):
        daily_agreement_housekeeping.enqueue()
        daily_agreement_housekeeping.enqueue()
        outbox.deliver_due()
    agreement.refresh_from_db()
    assert agreement.state == "expired"
    assert agreement.events.filter(transition_code="expire").count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == [cast.sari.email, cast.yanto.email]


def test_an_agreement_registered_in_sorong_expires_at_midnight_wit_in_the_wit_run(cast):
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from simpul.agreements.tests.factories import government_of
    from simpul.regions.models import Region

    sorong = government_of(Region.objects.get(code="96.01"))  # Papua Barat Daya: WIT
    agreement = make_agreement(
        cast,
        state="active",
        parties=[sorong, cast.pemkot_yogyakarta],
        start_date=date(2026, 1, 1),
        end_date=END,
    )
    # 00:30 WIT the day after the end date is still the end date (22:30) in Jakarta.
    after_midnight_wit = datetime.combine(
        END + timedelta(days=1), time(0, 30), ZoneInfo("Asia/Jayapura")
    )
    with time_machine.travel(after_midnight_wit, tick=False):
        daily_agreement_housekeeping.enqueue(zone="Asia/Jakarta")  # not registered in WIB
        daily_agreement_housekeeping.enqueue()  # the server's own (WIB) date: still in force
        agreement.refresh_from_db()
        assert agreement.state == "active"
        daily_agreement_housekeeping.enqueue(zone="Asia/Jayapura")
    agreement.refresh_from_db()
    assert agreement.state == "expired"


def test_the_dashboard_lists_agreements_expiring_soon_that_the_user_can_see(cast, agreement):
    with time_machine.travel(END - timedelta(days=100), tick=False):
        assert list(agreements_expiring_for(cast.sari)) == [agreement]
        assert list(agreements_expiring_for(cast.sari, days=30)) == []
        assert list(agreements_expiring_for(cast.budi)) == []
