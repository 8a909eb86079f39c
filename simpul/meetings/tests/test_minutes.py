"""Minutes from draft to final: circulation to each party's delegate, sign-off, change
requests, the frozen text and its SHA-256, corrections, decisions and action items."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from simpul.agreements.tests.factories import government_of
from simpul.core.errors import Conflict
from simpul.core.events import ImmutableEventError
from simpul.core.models import OutboxMessage
from simpul.meetings.models import ActionItem, Decision, ForumMember, MinutesVersion, SignOff
from simpul.meetings.services import minutes as services
from simpul.meetings.tests.minutes_factories import (
    bantul_delegate,
    circulated,
    final,
    held_meeting,
)
from simpul.plans.snapshots import snapshot_sha256


def codes(error: ValidationError) -> set:
    return {e.code for e in error.error_list} if hasattr(error, "error_list") else {error.code}


def test_circulating_mails_each_party_delegate_once(cast):
    version = circulated(cast)
    recipients = sorted(
        OutboxMessage.objects.filter(key__startswith="minutes-circulated:").values_list(
            "recipient", flat=True
        )
    )
    # Kota Yogyakarta's admin, Sleman's coordinator, Bantul's named delegate; not wati (editor).
    assert recipients == ["sari@jogjakota.go.id", "wakil@bantulkab.go.id", "yanto@slemankab.go.id"]
    assert version.status == MinutesVersion.Status.CIRCULATED


def test_someone_who_is_not_the_party_delegate_is_refused_a_sign_off(cast):
    version = circulated(cast)
    for user in (cast.wati, cast.lina, cast.rina):
        with pytest.raises(ValidationError) as refused:
            services.minutes_sign(
                version=version, user=user, organization=cast.pemkot_yogyakarta, answer="approved"
            )
        assert "not_delegate" in codes(refused.value)
    assert not SignOff.objects.exists()


def test_signing_twice_the_same_way_records_one_sign_off(cast):
    version = circulated(cast)
    for _ in range(2):
        services.minutes_sign(
            version=version, user=cast.sari, organization=cast.pemkot_yogyakarta, answer="approved"
        )
    assert SignOff.objects.filter(version=version).count() == 1


def test_the_last_approval_freezes_the_text_with_its_sha256(cast):
    version = final(cast)
    assert version.status == MinutesVersion.Status.FINAL
    assert version.sha256 == snapshot_sha256(version.snapshot)
    [item] = [i for i in version.snapshot["items"] if i["decisions"]]
    assert item["decisions"][0]["text"] == "Tarif tipping fee naik 5 persen"
    assert item["text"] == "Tarif dibahas bersama."
    with pytest.raises(Conflict):
        services.minutes_update(
            version=version, user=cast.lina, version_number=version.version, summary="x",
            item_texts={},
        )  # fmt: skip


def test_a_change_request_needs_a_comment_and_sends_the_minutes_back_for_a_new_round(cast):
    version = circulated(cast)
    sleman = government_of(cast.sleman)
    with pytest.raises(ValidationError):
        services.minutes_sign(
            version=version, user=cast.yanto, organization=sleman, answer="change_requested"
        )
    services.minutes_sign(
        version=version, user=cast.yanto, organization=sleman, answer="change_requested",
        comment="Tambahkan jadwal sosialisasi tarif.",
    )  # fmt: skip
    version.refresh_from_db()
    assert (version.status, version.round) == (MinutesVersion.Status.DRAFT, 2)
    services.minutes_circulate(version=version, user=cast.lina)
    # The new round mails again and asks every party again.
    assert (
        OutboxMessage.objects.filter(
            key=f"minutes-circulated:{version.pk}:2:meetings.minutes"
        ).count()
        == 3
    )
    services.minutes_sign(version=version, user=cast.yanto, organization=sleman, answer="approved")
    assert SignOff.objects.filter(version=version, round=2).count() == 1


def test_sign_offs_are_immutable(cast):
    version = final(cast)
    signoff = version.signoffs.first()
    signoff.comment = "diubah"
    with pytest.raises(ImmutableEventError):
        signoff.save()


def test_a_correction_is_a_new_version_whose_changes_are_listed_against_the_final_text(cast):
    version = final(cast)
    correction = services.minutes_correct(version=version, user=cast.lina)
    assert (correction.number, correction.status) == (2, MinutesVersion.Status.DRAFT)
    first = version.minutes.meeting.agenda_items.first()
    services.minutes_update(
        version=correction, user=cast.lina, version_number=correction.version,
        summary=version.summary,
        item_texts={str(first.pk): "Tarif dibahas bersama; Bantul minta kajian ulang."},
    )  # fmt: skip
    changes = services.minutes_diff(
        version.snapshot, services.minutes_snapshot(version.minutes.meeting, correction)
    )
    assert changes == [
        {
            "label": "Tarif TPST Piyungan",
            "removed": ["Tarif dibahas bersama."],
            "added": ["Tarif dibahas bersama; Bantul minta kajian ulang."],
        }
    ]
    version.refresh_from_db()
    assert version.status == MinutesVersion.Status.FINAL  # the old final text is untouched


def test_decisions_and_actions_are_added_only_while_the_minutes_are_a_draft(cast):
    version = circulated(cast)
    item = version.minutes.meeting.agenda_items.first()
    item.meeting = version.minutes.meeting
    with pytest.raises(ValidationError) as refused:
        services.decision_add(item=item, user=cast.lina, text="Keputusan baru")
    assert "not_draft" in codes(refused.value)


def test_a_vote_needs_its_counts(cast):
    meeting = held_meeting(cast)
    item = meeting.agenda_items.first()
    item.meeting = meeting
    with pytest.raises(ValidationError):
        services.decision_add(item=item, user=cast.lina, text="Setuju", method="vote")
    decision = services.decision_add(
        item=item, user=cast.lina, text="Setuju", method="vote", votes_for=2, votes_against=1
    )
    assert (decision.method, decision.votes_for) == (Decision.Method.VOTE, 2)


def test_an_action_owner_must_belong_to_the_owner_organisation(cast):
    meeting = held_meeting(cast)
    item = meeting.agenda_items.first()
    item.meeting = meeting
    with pytest.raises(ValidationError):
        services.action_add(
            item=item, user=cast.lina, title="Kajian", owner_organization=cast.pemkot_yogyakarta,
            owner=cast.yanto, due_date=date(2030, 1, 1),
        )  # fmt: skip


def test_an_action_is_done_only_with_a_note_or_a_file(cast):
    circulated(cast)
    action = ActionItem.objects.get()
    with pytest.raises(ValidationError):
        services.action_complete(action=action, user=cast.wati, version=action.version)
    evidence = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    services.action_complete(action=action, user=cast.wati, version=action.version, file=evidence)
    action.refresh_from_db()
    assert action.status == ActionItem.Status.DONE
    assert action.completion_file.name.endswith(".pdf")


def test_overdue_reminders_go_once_a_day_to_the_owner_in_the_owner_zone(cast):
    circulated(cast)
    action = ActionItem.objects.get()
    day_after_due = action.due_date + timedelta(days=1)
    assert services.overdue_reminders_send(zone="Asia/Jakarta", today=day_after_due) == 1
    services.overdue_reminders_send(zone="Asia/Jakarta", today=day_after_due)
    # Kota Yogyakarta is in WIB: the WITA run does not remind its owner.
    services.overdue_reminders_send(zone="Asia/Makassar", today=day_after_due)
    rows = OutboxMessage.objects.filter(key__startswith="action-overdue:")
    assert list(rows.values_list("recipient", flat=True)) == ["wati@jogjakota.go.id"]
    services.overdue_reminders_send(zone="Asia/Jakarta", today=day_after_due + timedelta(days=1))
    assert rows.count() == 2


def test_minutes_cannot_start_before_the_meeting(cast):
    from simpul.meetings.tests.factories import make_meeting

    meeting = make_meeting(cast)
    with pytest.raises(ValidationError) as refused:
        services.minutes_start(meeting=meeting, user=cast.lina)
    assert "not_started" in codes(refused.value)


def test_a_change_request_after_a_party_approved_keeps_that_approval_in_the_record(cast):
    version = circulated(cast)
    services.minutes_sign(
        version=version, user=cast.sari, organization=cast.pemkot_yogyakarta, answer="approved"
    )
    services.minutes_sign(
        version=version, user=bantul_delegate(cast), organization=government_of(cast.bantul),
        answer="change_requested", comment="Koreksi nama peserta.",
    )  # fmt: skip
    assert list(version.signoffs.values_list("round", "answer")) == [
        (1, "approved"),
        (1, "change_requested"),
    ]
    version.refresh_from_db()
    assert (version.status, version.round) == (MinutesVersion.Status.DRAFT, 2)


def test_approvals_from_pages_opened_before_the_others_still_make_the_minutes_final(cast):
    circulated(cast)
    # Each delegate's page loaded the version before anyone answered.
    stale = [MinutesVersion.objects.get() for _ in range(3)]
    for version, user, organization in zip(
        stale,
        (cast.sari, cast.yanto, bantul_delegate(cast)),
        (cast.pemkot_yogyakarta, government_of(cast.sleman), government_of(cast.bantul)),
        strict=True,
    ):
        services.minutes_sign(
            version=version, user=user, organization=organization, answer="approved"
        )
    assert MinutesVersion.objects.get().status == MinutesVersion.Status.FINAL


def test_the_morning_task_reminds_owners_of_overdue_actions_in_each_zone(cast, time_machine):
    from simpul.core import schedule
    from simpul.meetings.tasks_minutes import overdue_action_reminders

    entry = schedule.registered()["simpul.meetings.tasks_minutes.overdue_action_reminders"]
    assert entry.per_zone
    circulated(cast)
    action = ActionItem.objects.get()
    time_machine.move_to(timezone.now() + timedelta(days=20))
    overdue_action_reminders.enqueue(zone="Asia/Jakarta")
    overdue_action_reminders.enqueue(zone="Asia/Jakarta")
    assert OutboxMessage.objects.filter(key__startswith=f"action-overdue:{action.pk}:").count() == 1


def test_minutes_are_not_circulated_while_a_party_has_nobody_to_sign(cast):
    meeting = held_meeting(cast)
    ForumMember.objects.filter(organization=government_of(cast.bantul)).update(delegate=None)
    version = services.minutes_start(meeting=meeting, user=cast.lina)
    with pytest.raises(ValidationError) as refused:
        services.minutes_circulate(version=version, user=cast.lina)
    assert "no_signer" in codes(refused.value)
    assert government_of(cast.bantul).name in refused.value.messages[0]
    version.refresh_from_db()
    assert version.status == MinutesVersion.Status.DRAFT


def test_a_decision_changes_only_a_plan_activity_or_indicator_of_the_meeting_cooperation(cast):
    from simpul.agreements.tests.factories import make_agreement
    from simpul.monitoring.tests.permissions_collection import make_indicator

    meeting = held_meeting(cast)
    item = meeting.agenda_items.first()
    item.meeting = meeting
    foreign = make_indicator(make_agreement(cast, parties=[cast.pemkot_semarang, cast.pemda_diy]))
    with pytest.raises(ValidationError) as refused:
        services.decision_add(item=item, user=cast.lina, text="Target naik", indicator=foreign)
    assert "indicator" in refused.value.message_dict
    own = make_indicator(make_agreement(cast, state="active"))
    decision = services.decision_add(item=item, user=cast.lina, text="Target naik", indicator=own)
    assert decision.indicator == own
