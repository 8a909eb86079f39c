"""A worker killed (SIGKILL) in the middle of the daily expiry reminders: once a second worker
has finished, every person has exactly one reminder (a real worker, a local SMTP server)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from simpul.agreements.services.reminders import REMINDER_ROLES
from simpul.agreements.tests.factories import make_agreement
from simpul.core.tests.subprocesses import deliver_with_a_kill
from simpul.organizations.models import Membership
from simpul.testing.cast import make_member, make_user

pytestmark = pytest.mark.subprocess


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_reminders_leaves_each_person_exactly_one_reminder(cast, tmp_path):
    today = timezone.localdate()
    agreement = make_agreement(
        cast, state="active", start_date=date(2026, 1, 1), end_date=today + timedelta(days=30)
    )
    for n in range(3):
        person = make_user(f"koordinator{n}@jogjakota.go.id", f"Koordinator {n}")
        make_member(person, cast.pemkot_yogyakarta, Membership.Role.COORDINATOR)
    organizations = {*agreement.parties.values_list("organization_id", flat=True)}
    organizations.add(agreement.owner_id)
    expected = set(
        Membership.objects.filter(
            organization_id__in=organizations, role__in=REMINDER_ROLES, user__is_active=True
        ).values_list("user__email", flat=True)
    )
    assert len(expected) >= 4  # room to kill after the first and before the last

    outcome = deliver_with_a_kill(
        tmp_path,
        "from simpul.agreements.tasks import daily_agreement_housekeeping; "
        "print(daily_agreement_housekeeping.enqueue().id)",
        expected,
    )

    assert 1 <= outcome["killed_after"] < len(expected)  # the kill landed mid-run
    assert outcome["received"] == dict.fromkeys(expected, 1)
    assert {status for _to, status, _attempts in outcome["rows"]} == {"sent"}
    # Exactly one reminder was claimed by the killed worker and delivered by the second.
    assert sorted(attempts for *_row, attempts in outcome["rows"]) == [1] * (len(expected) - 1) + [
        2
    ]
