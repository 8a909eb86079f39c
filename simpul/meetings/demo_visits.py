"""Demo exchange visit and webinar for `make demo`, called by seed_demo_meetings after the
forum's year of meetings (and before the minutes, so the visit gets its berita acara too).

- Kabupaten Banyumas's exchange visit (studi banding) to TPST Piyungan two months ago: hosted
  by Sekber Kartamantul for Bantul, Sleman and Kota Yogyakarta, visited by Pemerintah
  Kabupaten Banyumas, with its attendance and the learning report Banyumas submitted
  (written by Hendra Prasetyo, a demo editor at Banyumas).
- A webinar on urban waste in ten days with an invited expert from Universitas Gadjah Mada,
  recorded with her field and organisation, who has accepted.

Needs the Kartamantul forum (demo.py) and the region of Banyumas (33.02; `make seed` loads
every region, otherwise it is loaded here). Safe to run again: nothing is added once the
forum has its exchange visit. Rows go through the services inside the caller's acting_as.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from simpul.accounts.models import User
from simpul.core.zones import WIB, zone_info
from simpul.organizations.models import Membership, Organization
from simpul.organizations.services import governments_ensure
from simpul.regions.models import Region
from simpul.regions.services import regions_load

from . import services
from .demo import EXPERT, MEMBER_CODES
from .models import Forum, MeetingKind
from .services import visits as visit_services

BANYUMAS = "33.02"
VISIT_TITLE = "Studi banding Kabupaten Banyumas ke TPST Piyungan"
VISITOR = ("hendra.prasetyo@banyumaskab.go.id", "Hendra Prasetyo", "Kepala Bidang Persampahan")
VISIT_AGENDA = [
    ("Paparan pengelolaan TPST Piyungan dan kerja sama Kartamantul", "DLH Kabupaten Bantul", 45),
    ("Peninjauan zona pemilahan dan pengomposan", "Pengelola TPST Piyungan", 90),
    ("Diskusi: tarif jasa (tipping fee) dan pembagian biaya", "Sekber Kartamantul", 45),
]
PRACTICES = (
    "Pembagian biaya operasional TPST per ton sampah yang dikirim tiap anggota.\n"
    "Penimbangan truk dan rekap harian yang dibagikan ke semua anggota.\n"
    "Pengomposan sampah organik pasar dan bank sampah di tingkat kelurahan."
)


@dataclass
class SeededVisits:
    meetings: int = 0
    reports: int = 0
    skipped: list[str] = field(default_factory=list)


def _banyumas() -> Organization:
    region = Region.objects.filter(code=BANYUMAS).first()
    if region is None:
        # Without its outline: the demo needs the name, and load_regions adds the outline.
        regions_load(codes={BANYUMAS}, with_boundaries=False)
        region = Region.objects.get(code=BANYUMAS)
    governments_ensure(regions=[region])
    return Organization.objects.governments().select_related("region").get(region=region)


def _visitor(banyumas: Organization) -> User:
    from simpul.organizations.management.commands.seed_demo import DEMO_PASSWORD

    email, name, position = VISITOR
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, full_name=name, position=position
        )
    Membership.objects.get_or_create(
        user=user, organization=banyumas, defaults={"role": Membership.Role.EDITOR}
    )
    return user


def demo_visits_seed(
    forum_slug: str, organizer_email: str, now: datetime | None = None
) -> SeededVisits:
    seeded = SeededVisits()
    forum = Forum.objects.filter(slug=forum_slug).select_related("secretariat").first()
    if forum is None:
        seeded.skipped.append("exchange visit: run the demo meetings first (no forum)")
        return seeded
    if forum.meetings.filter(kind=MeetingKind.EXCHANGE_VISIT).exists():
        seeded.skipped.append("exchange visit: the forum has its exchange visit already")
        return seeded
    now = now or timezone.now()
    organizer = User.objects.filter(email=organizer_email).first()
    members = list(
        Organization.objects.governments()
        .filter(region__code__in=MEMBER_CODES)
        .select_related("region")
        .order_by("region__code")
    )
    with transaction.atomic():
        banyumas = _banyumas()
        visitor = _visitor(banyumas)
        _visit(forum, members, banyumas, visitor, organizer, now, seeded)
        _webinar(forum, members, organizer, now, seeded)
    return seeded


def _visit(forum, members, banyumas, visitor, organizer, now, seeded: SeededVisits) -> None:
    local = timezone.localtime(now, zone_info(WIB)).date() - timedelta(days=60)
    starts_at = datetime.combine(local, time(9), tzinfo=zone_info(WIB))
    bantul = next(m for m in members if m.region.code == "34.02")
    meeting = services.meeting_schedule(
        user=organizer, forum=forum, host=forum.secretariat, title=VISIT_TITLE,
        kind=MeetingKind.EXCHANGE_VISIT, starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=5),
        venue="TPST Piyungan, Sitimulyo, Piyungan", region=bantul.region,
        description="Kunjungan Pemerintah Kabupaten Banyumas untuk mempelajari pengelolaan "
        "TPST regional bersama Kota Yogyakarta, Kabupaten Sleman dan Kabupaten Bantul.",
    )  # fmt: skip
    seeded.meetings += 1
    for title, presenter, minutes in VISIT_AGENDA:
        services.agenda_item_add(
            meeting=meeting, user=organizer, title=title, presenter=presenter,
            minutes_allotted=minutes,
        )  # fmt: skip
    visit = visit_services.exchange_visit_save(
        meeting=meeting, user=organizer, version=None,
        topic="Pengelolaan TPST regional dan pembagian biaya antardaerah",
        practices_observed=PRACTICES,
        host_regions=[m.region for m in members], visiting_regions=[banyumas.region],
    )  # fmt: skip
    services.invitations_add(meeting=meeting, user=organizer, organizations=[*members, banyumas])
    entries = [
        services.AttendanceEntry(name=VISITOR[1], status="present", organization=banyumas,
                                 user=visitor, position=VISITOR[2]),
        services.AttendanceEntry(name="Kepala DLH Kabupaten Banyumas", status="present",
                                 organization=banyumas),
    ]  # fmt: skip
    for member in members:
        seat = forum.memberships.filter(organization=member).select_related("delegate").first()
        name = seat.delegate.full_name if seat and seat.delegate else f"Delegasi {member.name}"
        entries.append(services.AttendanceEntry(name=name, status="present", organization=member))
    services.attendance_save(meeting=meeting, user=organizer, entries=entries)
    services.meeting_mark_held(meeting=meeting, user=organizer)
    visit.meeting = meeting
    report = visit_services.learning_report_create(
        visit=visit, user=visitor, organization=banyumas,
        seen="TPST dikelola bersama tiga daerah melalui sekretariat bersama; setiap truk "
        "ditimbang dan biaya dibagi menurut tonase. Sampah organik pasar dikomposkan.",
        adoptable="Pola pembagian biaya per tonase untuk TPST Banyumas bersama kabupaten "
        "tetangga; penimbangan dan rekap harian yang terbuka bagi semua pihak.",
        adopter=banyumas,
        next_steps="Menyusun kajian kerja sama TPST regional dengan Kabupaten Purbalingga "
        "dan membahasnya di TKKSD Banyumas bulan depan.",
    )  # fmt: skip
    visit_services.learning_report_submit(report=report, user=visitor, version=report.version)
    seeded.reports += 1


def _webinar(forum, members, organizer, now, seeded: SeededVisits) -> None:
    local = timezone.localtime(now, zone_info(WIB)).date() + timedelta(days=10)
    starts_at = datetime.combine(local, time(13), tzinfo=zone_info(WIB))
    meeting = services.meeting_schedule(
        user=organizer, forum=forum, host=forum.secretariat,
        title="Webinar pengurangan sampah perkotaan dari sumbernya",
        kind=MeetingKind.WEBINAR, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2),
        online_url="https://meet.kartamantul.go.id/webinar-sampah",
    )  # fmt: skip
    seeded.meetings += 1
    services.agenda_item_add(
        meeting=meeting, user=organizer, title="Pengurangan sampah dari sumbernya: pengalaman "
        "kota-kota menengah", presenter=EXPERT.name, minutes_allotted=60,
    )  # fmt: skip
    invitations = services.invitations_add(
        meeting=meeting, user=organizer, organizations=members, guests=[EXPERT]
    )
    expert = next(i for i in invitations if i.kind == "external")
    services.invitation_answer(invitation=expert, user=None, answer="accepted")
