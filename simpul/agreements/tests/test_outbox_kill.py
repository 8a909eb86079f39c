"""A worker killed (SIGKILL) in the middle of the daily expiry reminders: once a second worker
has finished, every person has exactly one reminder (a real worker, a local SMTP server)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from simpul.agreements.services.reminders import REMINDER_ROLES
from simpul.agreements.tests.factories import make_agreement
from simpul.organizations.models import Membership
from simpul.testing.outbox_kill import (
    add_colleagues,
    assert_killed_mid_delivery_sends_each_mail_once,
)

pytestmark = pytest.mark.subprocess


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_reminders_leaves_each_person_exactly_one_reminder(cast, tmp_path):
    today = timezone.localdate()
    agreement = make_agreement(
        cast, state="active", start_date=date(2026, 1, 1), end_date=today + timedelta(days=30)
    )
    add_colleagues(
        cast.pemkot_yogyakarta, Membership.Role.COORDINATOR, "Koordinator", "jogjakota.go.id"
    )
    organizations = {*agreement.parties.values_list("organization_id", flat=True)}
    organizations.add(agreement.owner_id)
    expected = set(
        Membership.objects.filter(
            organization_id__in=organizations, role__in=REMINDER_ROLES, user__is_active=True
        ).values_list("user__email", flat=True)
    )
    assert_killed_mid_delivery_sends_each_mail_once(
        tmp_path,
        "from simpul.agreements.tasks import daily_agreement_housekeeping; "
        "print(daily_agreement_housekeeping.enqueue().id)",
        expected,
    )
