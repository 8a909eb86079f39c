"""Demo complaints for `make demo` (called by the public demo seed).

On the Kartamantul waste agreement (from seed_demo_agreements) and the region of Sleman:
ten complaints and aspirations in every state (unconfirmed, received, verified, in
follow-up, answered, closed, rejected with a LAPOR! referral), some overdue, with public
answers. Each is built with the ORM and its ComplaintEvent trail (no e-mails are sent).

Safe to run again: a complaint is found by its subject before it is built.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from simpul.agreements.access import EDITOR_ROLES
from simpul.agreements.models import Agreement
from simpul.core.abuse import token_hash
from simpul.organizations.models import Membership, Organization
from simpul.regions.models import Region

from . import workdays
from .categories import install_categories
from .models import Category, Complaint, ComplaintEvent

KARTAMANTUL_WASTE = "Pengelolaan Sampah Regional Kartamantul di TPST Piyungan"
SLEMAN = "34.04"
DEMO_ACCESS_KEY = "demo-kunci-akses"  # every demo complaint opens with this key
S = Complaint.Status

# (subject, category, status, days ago, name or "" for anonymous, text, answer, note)
SPECS = [
    (
        "Sampah menumpuk di depo Jalan Kaliurang sejak Senin",
        "environment",
        S.RECEIVED,
        1,
        "Bambang Sutrisno",
        "Depo sampah di Jalan Kaliurang km 5 belum diangkut tiga hari, baunya sampai ke kampung.",
        "",
        "",
    ),
    (
        "Truk sampah lewat jam sekolah di Jalan Wonosari",
        "service",
        S.RECEIVED,
        9,
        "",
        "Truk pengangkut lewat pukul 07.00 saat anak-anak berangkat sekolah.",
        "",
        "",
    ),
    (
        "Lindi dari TPST Piyungan mencemari sumur warga",
        "environment",
        S.VERIFIED,
        6,
        "Sri Wahyuni",
        "Air sumur di Dusun Ngablak berubah warna dan berbau sejak musim hujan.",
        "",
        "Tim DLH sudah mengambil sampel air.",
    ),
    (
        "Jadwal pengangkutan sampah tidak diumumkan",
        "information",
        S.IN_FOLLOW_UP,
        12,
        "Yohanes Pratama",
        "Warga Mlati tidak tahu hari pengangkutan; mohon jadwal dipasang di balai desa.",
        "",
        "Jadwal sedang disusun bersama ketiga daerah.",
    ),
    (
        "Bank sampah Kotagede butuh timbangan baru",
        "idea",
        S.ANSWERED,
        15,
        "Dewi Lestari",
        "Timbangan bank sampah rusak; usul pengadaan dari anggaran kerja sama.",
        "Timbangan baru dianggarkan pada perubahan APBD 2026 Kota Yogyakarta dan dikirim "
        "bulan depan. Terima kasih atas usulannya.",
        "",
    ),
    (
        "Retribusi sampah naik tanpa sosialisasi",
        "budget",
        S.CLOSED,
        30,
        "",
        "Tagihan retribusi naik dua kali lipat tanpa pemberitahuan.",
        "Kenaikan mengikuti Perda retribusi 2025; sosialisasi ulang diadakan di tiap "
        "kelurahan pada bulan ini dan rinciannya dimuat di situs DLH.",
        "",
    ),
    (
        "Petugas meminta uang tambahan untuk mengangkut sampah",
        "conduct",
        S.ANSWERED,
        20,
        "",
        "Petugas meminta Rp20.000 per rumah di luar retribusi resmi.",
        "Petugas yang bersangkutan sudah diperiksa dan diberi sanksi; pungutan di luar "
        "retribusi resmi tidak dibenarkan. Laporkan bila terulang.",
        "",
    ),
    (
        "Jalan rusak di depan rumah saya",
        "infrastructure",
        S.REJECTED,
        10,
        "Heru Santoso",
        "Jalan kampung berlubang dan belum diperbaiki.",
        "",
        "Jalan kampung bukan bagian kerja sama persampahan ini; silakan laporkan ke "
        "LAPOR! (https://www.lapor.go.id) atau ke kelurahan.",
    ),
    (
        "Usul TPS3R di setiap kapanewon",
        "idea",
        S.UNCONFIRMED,
        0,
        "Nur Aini",
        "Mohon tiap kapanewon punya TPS3R agar sampah tidak semua dibawa ke Piyungan.",
        "",
        "",
    ),
]
REGION_SPEC = (
    "Pembakaran sampah terbuka di Kapanewon Depok",
    "environment",
    S.VERIFIED,
    8,
    "Andi Wijaya",
    "Asap pembakaran sampah tiap sore di dekat kampus.",
    "",
    "Sudah diteruskan ke Satpol PP dan DLH Sleman.",
)


@dataclass
class Seeded:
    created: int = 0
    existing: int = 0


def _answerer(organization: Organization):
    membership = (
        Membership.objects.filter(organization=organization, role__in=EDITOR_ROLES)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _next_number(year: int) -> int:
    return (Complaint.objects.filter(year=year).aggregate(m=Max("number"))["m"] or 0) + 1


def demo_complaints_seed(now=None) -> Seeded:
    now = now or timezone.now()
    seeded = Seeded()
    if not Category.objects.exists():
        install_categories(Category)
    agreement = (
        Agreement.objects.filter(title=KARTAMANTUL_WASTE).select_related("owner__region").first()
    )
    region = Region.objects.filter(code=SLEMAN).first()
    plan = [(spec, agreement, None) for spec in SPECS] if agreement else []
    if region is not None:
        plan.append((REGION_SPEC, None, region))
    for spec, on_agreement, on_region in plan:
        if Complaint.objects.filter(title=spec[0]).exists():
            seeded.existing += 1
            continue
        with transaction.atomic():
            _build(spec, on_agreement, on_region, now)
        seeded.created += 1
    return seeded


def _build(spec, agreement, region, now) -> Complaint:
    title, category, status, days_ago, name, body, answer, note = spec
    if agreement is not None:
        responsible = agreement.owner
    else:
        responsible = Organization.objects.governments().filter(region=region).first()
    zone = (region or responsible.region).timezone if (region or responsible.region) else None
    received_at = now - timedelta(days=days_ago, hours=3)
    day = workdays.local_date(received_at, zone)
    year = workdays.local_date(now, zone).year
    number = _next_number(year)
    complaint = Complaint(
        tracking_code=f"ADU-{year}-{number:06d}",
        year=year,
        number=number,
        access_key_hash=token_hash(DEMO_ACCESS_KEY),
        kind=Complaint.Kind.ASPIRATION if category == "idea" else Complaint.Kind.COMPLAINT,
        category=Category.objects.get(code=category),
        agreement=agreement,
        region=region,
        title=title,
        body=body,
        is_anonymous=not name,
        name=name,
        email=f"warga{number}@example.org",
        language="id",
        status=status,
    )
    if status == S.UNCONFIRMED:
        complaint.confirm_token_hash = token_hash(f"demo-{number}")
        complaint.save()
        return complaint
    limits = workdays.deadlines()
    complaint.responsible = responsible
    complaint.email_confirmed_at = complaint.received_at = received_at
    complaint.verify_due = workdays.add_working_days(day, limits["verify"])
    complaint.follow_up_due = workdays.add_working_days(complaint.verify_due, limits["follow_up"])
    complaint.save()
    actor = _answerer(responsible) if responsible else None
    steps = [(S.UNCONFIRMED, S.RECEIVED, received_at, "")]
    moment = received_at
    path = {
        S.VERIFIED: [S.VERIFIED],
        S.IN_FOLLOW_UP: [S.VERIFIED, S.IN_FOLLOW_UP],
        S.ANSWERED: [S.VERIFIED, S.IN_FOLLOW_UP, S.ANSWERED],
        S.CLOSED: [S.VERIFIED, S.IN_FOLLOW_UP, S.ANSWERED, S.CLOSED],
        S.REJECTED: [S.REJECTED],
    }.get(status, [])
    previous = S.RECEIVED
    for step in path:
        moment = min(moment + timedelta(days=max(1, days_ago // 5)), now)
        step_note = note if step in (S.REJECTED, status) else ""
        steps.append((previous, step, moment, step_note))
        if step == S.VERIFIED:
            complaint.verified_at = moment
            complaint.follow_up_due = workdays.add_working_days(
                workdays.local_date(moment, zone), limits["follow_up"]
            )
        if step == S.ANSWERED:
            complaint.answer, complaint.answered_at, complaint.answered_by = answer, moment, actor
            complaint.close_due = workdays.add_working_days(
                workdays.local_date(moment, zone), limits["close"]
            )
        if step in (S.CLOSED, S.REJECTED):
            complaint.closed_at = moment
        previous = step
    complaint.save()
    for from_status, to_status, occurred_at, step_note in steps:
        ComplaintEvent.objects.create(
            complaint=complaint,
            from_status=from_status,
            to_status=to_status,
            note=step_note,
            actor=actor if to_status != S.RECEIVED else None,
            occurred_at=occurred_at,
        )
    return complaint
