"""A worker killed (SIGKILL) in the middle of the early-warning digest: once a second worker
has finished, every person has exactly one digest (a real worker, a local SMTP server)."""

import pytest
from django.utils import timezone

from simpul.agreements.tests.factories import make_agreement
from simpul.monitoring.models import EarlyWarning
from simpul.monitoring.services.warnings import DIGEST_ROLES
from simpul.organizations.models import Membership
from simpul.testing.outbox_kill import (
    add_colleagues,
    assert_killed_mid_delivery_sends_each_mail_once,
)

pytestmark = pytest.mark.subprocess


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_digest_leaves_each_person_exactly_one_digest(cast, tmp_path):
    agreement = make_agreement(cast, state="active")
    add_colleagues(cast.pemkot_yogyakarta, Membership.Role.DATA_OFFICER, "Staf", "jogjakota.go.id")
    now = timezone.now()
    EarlyWarning.objects.create(
        rule_code="off_track",
        agreement=agreement,
        organization=cast.pemkot_yogyakarta,
        subject_key="indicator:1",
        params={"agreement": agreement.reference_code, "code": "IND-1", "name": "Sampah"},
        first_seen_at=now,
        last_seen_at=now,
    )
    expected = set(
        Membership.objects.filter(
            organization=cast.pemkot_yogyakarta, role__in=DIGEST_ROLES, user__is_active=True
        ).values_list("user__email", flat=True)
    )
    assert_killed_mid_delivery_sends_each_mail_once(
        tmp_path,
        "from simpul.monitoring.tests.tasks_for_tests import digest_run; "
        "print(digest_run.enqueue().id)",
        expected,
    )
