"""Demo meetings for `make demo` (seed_demo_meetings).

Sekber Kartamantul's forum (the secretariat runs it; Kota Yogyakarta, Sleman and Bantul sit
in it, each with its delegate when the demo people exist) and its monthly coordination
meetings as one series: the past twelve held, with their attendance (one member absent with
a reason now and then, one represented by a deputy), and the next three scheduled, invited
through the outbox with answers in every state; the next one also invites an expert from
Universitas Gadjah Mada without an account, who has not answered yet.

Safe to run again: nothing is added once the forum has meetings. Rows are saved through the
services (audited) inside the caller's acting_as.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from simpul.accounts.models import User
from simpul.agreements.models import Agreement
from simpul.core.zones import WIB, zone_info
from simpul.organizations.models import Organization

from . import services
from .models import Forum, ForumMember, Invitation, Meeting

ACTOR = "seed_demo_meetings"
SLUG = "sekber-kartamantul"
MEMBER_CODES = ("34.71", "34.04", "34.02")
DELEGATES = {
    "34.71": "ratna.kusumawati@jogjakota.go.id",
    "34.04": "agus.widodo@slemankab.go.id",
    "34.02": "siti.rahmawati@bantulkab.go.id",
}
SECRETARIAT_STAFF = "wahyu.nugroho@kartamantul.go.id"
EXPERT = services.Guest(
    name="Dr. Lestari Wijayanti",
    email="lestari.wijayanti@ugm.ac.id",
    affiliation="Universitas Gadjah Mada",
    expertise="Pengelolaan persampahan perkotaan",
)
AGENDA = [
    ("Laporan sekretariat bersama", "Sekretariat Bersama Kartamantul", 15),
    ("Kondisi TPST Piyungan dan volume sampah bulan lalu", "DLH Kabupaten Bantul", 30),
    ("Tindak lanjut keputusan rapat sebelumnya", "Sekretariat Bersama Kartamantul", 20),
]
WASTE_AGREEMENT = "Pengelolaan Sampah Regional Kartamantul"
# Which past months someone was absent (member index, reason) or represented (index, deputy).
ABSENT = {2: (2, "Bersamaan dengan rapat paripurna DPRD"), 7: (1, "Tugas ke Jakarta")}
REPRESENTED = {4: (0, "Dimas Saputra, Kasubbag Kerja Sama"), 9: (2, "Staf Bagian Kerja Sama")}


@dataclass
class Seeded:
    meetings: int = 0
    invitations: int = 0
    skipped: list[str] = field(default_factory=list)


def _members() -> list[Organization]:
    return list(
        Organization.objects.governments()
        .filter(region__code__in=MEMBER_CODES)
        .select_related("region")
        .order_by("region__code")
    )


def demo_meetings_seed(now: datetime | None = None) -> Seeded:
    seeded = Seeded()
    secretariat = Organization.objects.filter(
        kind=Organization.Kind.JOINT_SECRETARIAT, name="Sekretariat Bersama Kartamantul"
    ).first()
    members = _members()
    if secretariat is None or len(members) != len(MEMBER_CODES):
        seeded.skipped.append("meetings: run seed_demo first (no Sekber Kartamantul)")
        return seeded
    forum = Forum.objects.filter(slug=SLUG).first()
    if forum is not None and forum.meetings.exists():
        seeded.skipped.append("meetings: the Kartamantul forum already has its meetings")
        return seeded
    now = now or timezone.now()
    organizer = User.objects.filter(email=SECRETARIAT_STAFF).first()
    with transaction.atomic():
        if forum is None:
            forum = services.forum_create(
                user=organizer,
                name="Forum Koordinasi Sekber Kartamantul",
                slug=SLUG,
                kind=Forum.Kind.JOINT_SECRETARIAT,
                secretariat=secretariat,
                members=members,
                cadence="monthly",
                quorum="majority",
                description=(
                    "Rapat koordinasi bulanan Kota Yogyakarta, Kabupaten Sleman dan Kabupaten "
                    "Bantul tentang prasarana perkotaan bersama: persampahan, air limbah, "
                    "jalan dan transportasi."
                ),
            )
        by_code = {m.region.code: m for m in members if m.region is not None}
        for code, email in DELEGATES.items():
            delegate = User.objects.filter(email=email).first()
            if delegate is not None:
                ForumMember.objects.filter(forum=forum, organization=by_code[code]).update(
                    delegate=delegate
                )
        _seed_series(forum, secretariat, members, organizer, now, seeded)
    return seeded


def _seed_series(forum, secretariat, members, organizer, now, seeded: Seeded) -> None:
    # The next meeting is the coming 10th at 09.00 WIB; the series starts a year before it, so
    # twelve meetings lie in the past whatever the day of the month.
    local_now = timezone.localtime(now, zone_info(WIB))
    upcoming = datetime.combine(local_now.date().replace(day=10), time(9), tzinfo=zone_info(WIB))
    if upcoming <= local_now:
        upcoming += relativedelta(months=1)
    first = upcoming - relativedelta(months=12)
    series = services.series_schedule(
        user=organizer,
        rule="FREQ=MONTHLY;COUNT=15",
        forum=forum,
        host=secretariat,
        title="Rapat koordinasi bulanan Sekber Kartamantul",
        kind="coordination",
        starts_at=first,
        ends_at=first + timedelta(hours=3),
        venue="Ruang rapat Sekber Kartamantul, Jl. Kenari 56",
        region=secretariat.region,
    )
    # The waste item is about the TPST Piyungan agreement, so the forum's meetings count for
    # that cooperation's collaboration health (simpul.scorecard.health).
    waste = Agreement.objects.filter(title__startswith=WASTE_AGREEMENT).first()
    for index, meeting in enumerate(services.occurrences_of(series)):
        seeded.meetings += 1
        for title, presenter, minutes in AGENDA:
            services.agenda_item_add(
                meeting=meeting, user=organizer, title=title, presenter=presenter,
                minutes_allotted=minutes, subject=waste if "TPST" in title else None,
            )  # fmt: skip
        if meeting.starts_at < now:
            _held(meeting, index, members, organizer, seeded)
        else:
            _upcoming(meeting, index, members, organizer, seeded, first_upcoming=index == 12)


def _held(meeting: Meeting, index: int, members, organizer, seeded: Seeded) -> None:
    """A past meeting: invitations answered, attendance recorded, marked as held."""
    for member in members:
        Invitation.objects.create(
            meeting=meeting, kind="organization", organization=member, rsvp="accepted",
            responded_at=meeting.starts_at - timedelta(days=3), sent_sequence=meeting.sequence,
        )  # fmt: skip
        seeded.invitations += 1
    entries = []
    for number, member in enumerate(members):
        seat = (
            meeting.forum.memberships.filter(organization=member).first() if meeting.forum else None
        )
        name = seat.delegate.full_name if seat and seat.delegate else f"Delegasi {member.name}"
        entry = services.AttendanceEntry(name=name, status="present", organization=member)
        if ABSENT.get(index, (None,))[0] == number:
            entry.status, entry.absence_reason = "absent", ABSENT[index][1]
        if REPRESENTED.get(index, (None,))[0] == number:
            entry.status, entry.represented_by = "represented", REPRESENTED[index][1]
        entries.append(entry)
    services.attendance_save(meeting=meeting, user=organizer, entries=entries)
    services.meeting_mark_held(meeting=meeting, user=organizer)


def _upcoming(meeting, index, members, organizer, seeded: Seeded, *, first_upcoming) -> None:
    """A coming meeting: invited through the outbox; answers in every state."""
    guests = [EXPERT] if first_upcoming else []
    invitations = services.invitations_add(
        meeting=meeting, user=organizer, organizations=members, guests=guests
    )
    seeded.invitations += len(invitations)
    if not first_upcoming:
        return
    answers = ["accepted", "delegated", ""]
    for invitation, answer in zip(
        [i for i in invitations if i.kind == "organization"], answers, strict=False
    ):
        if answer:
            services.invitation_answer(
                invitation=invitation,
                user=organizer,
                answer=answer,
                delegate_name="Kepala Bidang Persampahan DLH" if answer == "delegated" else "",
            )
