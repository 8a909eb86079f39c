"""Demo minutes for `make demo`, called at the end of seed_demo_meetings.

Every held meeting of Sekber Kartamantul's forum gets minutes written by the secretariat:
a discussion summary per agenda item, a decision (one taken by vote), and an action item
per meeting owned by a member in turn, due a month after the meeting. Older actions are
mostly done with a note; the rest are overdue, so "My actions" and the reminders have
something to show. Each party's delegate signs off; in the third meeting Bantul first asks
for a change, the text is corrected and a second round is approved. Meetings whose parties
have nobody to sign for them stay drafts. Safe to run again: a meeting with minutes is
left alone. Rows go through the services (audited) inside the caller's acting_as.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from simpul.accounts.models import User
from simpul.core.zones import WIB, local_date
from simpul.organizations.models import Membership

from . import minutes_access
from .models import ActionItem, Forum, Meeting, Minutes
from .services import minutes as services

DECISIONS = [
    "Volume sampah ke TPST Piyungan dibatasi sesuai kuota harian tiap anggota.",
    "Jadwal angkutan sampah malam hari diuji coba selama satu bulan.",
    "Kenaikan tipping fee dibahas dalam rapat pimpinan berikutnya.",
    "Data timbangan harian dibagikan sekretariat setiap pekan.",
]
ACTIONS = [
    "Menyampaikan rekap volume sampah harian",
    "Menyusun jadwal angkutan malam",
    "Menyiapkan kajian tipping fee",
    "Memperbarui data armada pengangkut",
]
CHANGE_REQUEST = "Mohon tambahkan catatan bahwa Bantul meminta kuota ditinjau tiap triwulan."


def demo_minutes_seed(forum_slug: str, organizer_email: str, now: datetime | None = None) -> int:
    """Minutes for the forum's held meetings; returns how many were written."""
    forum = Forum.objects.filter(slug=forum_slug).first()
    if forum is None:
        return 0
    now = now or timezone.now()
    organizer = User.objects.filter(email=organizer_email).first()
    written = 0
    meetings = forum.meetings.filter(status=Meeting.Status.HELD).order_by("starts_at")
    with transaction.atomic():
        for index, meeting in enumerate(meetings):
            if Minutes.objects.filter(meeting=meeting).exists():
                continue
            _write(meeting, index, organizer, now)
            written += 1
    return written


def _write(meeting: Meeting, index: int, organizer: User | None, now: datetime) -> None:
    items = services.agenda_of(meeting)
    for item in items:
        item.meeting = meeting
    version = services.minutes_start(meeting=meeting, user=organizer)
    services.minutes_update(
        version=version,
        user=organizer,
        version_number=version.version,
        summary="Rapat dibuka oleh Sekretaris Sekber Kartamantul dan dihadiri para anggota.",
        item_texts={
            str(item.pk): f"{item.title}: dibahas bersama, anggota menyampaikan kondisi terkini."
            for item in items
        },
    )
    voted = index % 4 == 1
    services.decision_add(
        item=items[1 % len(items)],
        user=organizer,
        text=DECISIONS[index % len(DECISIONS)],
        rationale="Menjaga umur layanan TPST Piyungan.",
        method="vote" if voted else "consensus",
        votes_for=2 if voted else None,
        votes_against=1 if voted else None,
        votes_abstained=0 if voted else None,
    )
    parties = minutes_access.parties_of(meeting)
    owner_organization = parties[index % len(parties)]
    signers = minutes_access.delegates_of(meeting, parties)
    owners: list[User | None] = [
        person
        for person in signers.get(owner_organization.pk, [])
        if Membership.objects.filter(user=person, organization=owner_organization).exists()
    ] or [None]
    due = local_date(meeting.starts_at, WIB) + timedelta(days=30)
    action = services.action_add(
        item=items[-1],
        user=organizer,
        title=ACTIONS[index % len(ACTIONS)],
        owner_organization=owner_organization,
        owner=owners[0],
        due_date=due,
    )
    # Every fourth stays open (overdue, each member in turn), and the recent ones.
    if due < local_date(now, WIB) - timedelta(days=60) and index % 4 != 0:
        services.action_complete(
            action=action,
            user=owners[0] or organizer,
            version=action.version,
            note="Sudah disampaikan kepada sekretariat.",
        )
        # Done when the owner did it, not when the demo ran: Bantul after the due date, the
        # others well before it, so collaboration health tells the parties apart.
        days = 40 if "Bantul" in owner_organization.name else 20
        ActionItem.objects.filter(pk=action.pk).update(
            done_at=meeting.starts_at + timedelta(days=days)
        )
    if any(not signers[party.pk] for party in parties):
        return  # nobody could sign for a party: the minutes stay a draft
    services.minutes_circulate(version=version, user=organizer)
    if index == 2:
        asking = next((p for p in parties if "Bantul" in p.name), parties[-1])
        services.minutes_sign(
            version=version,
            user=signers[asking.pk][0],
            organization=asking,
            answer="change_requested",
            comment=CHANGE_REQUEST,
        )
        version.refresh_from_db()
        services.minutes_update(
            version=version,
            user=organizer,
            version_number=version.version,
            summary=version.summary + " Bantul meminta kuota ditinjau tiap triwulan.",
            item_texts={},
        )
        services.minutes_circulate(version=version, user=organizer)
    for party in parties:
        services.minutes_sign(
            version=version, user=signers[party.pk][0], organization=party, answer="approved"
        )
