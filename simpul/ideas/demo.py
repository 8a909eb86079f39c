"""Demo ideas for `make demo` (seed_demo_ideas), from the demo world's regions and
organisations (seed_demo): ten members' ideas in every state — new, under review, accepted
into an agreement draft, accepted into a plan activity of the Kartamantul waste agreement
(when seed_demo_monitoring gave it a plan), declined with a reason — several with supports and
comments, and two citizens' ideas from the portal, one published and one awaiting moderation.

Everything goes through the services (codes, events, the agreement draft's party rules), as
the seeding user or the owner's editor. Safe to run again: an idea is found by its title
before it is built.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from simpul.accounts.models import User
from simpul.agreements.access import EDITOR_ROLES
from simpul.agreements.models import GovernmentAffair
from simpul.organizations.models import Membership, Organization
from simpul.plans.models import Activity
from simpul.regions.models import Region

from . import services
from .models import Idea, IdeaEvent

ACTOR = "seed_demo_ideas"
KARTAMANTUL_WASTE = "Pengelolaan Sampah Regional Kartamantul di TPST Piyungan"

RATNA = "ratna.kusumawati@jogjakota.go.id"  # admin, Pemerintah Kota Yogyakarta
AGUS = "agus.widodo@slemankab.go.id"  # coordinator, Pemerintah Kabupaten Sleman
SITI = "siti.rahmawati@bantulkab.go.id"  # editor, Pemerintah Kabupaten Bantul
YUSUF = "yusuf.hidayat@dlh.jogjakota.go.id"  # data officer, DLH Kota Yogyakarta
TEGUH = "teguh.prasetyo@lingkunganlestari.or.id"  # admin, Yayasan Lingkungan Lestari
WAHYU = "wahyu.nugroho@kartamantul.go.id"  # editor, Sekber Kartamantul
BAMBANG = "bambang.suryanto@jogjaprov.go.id"  # coordinator, Pemda DIY


@dataclass(frozen=True)
class DemoIdea:
    title: str
    author: str
    regions: tuple[str, ...]
    affairs: tuple[str, ...]
    problem: str
    proposal: str
    state: str = "new"  # new, under_review, agreement, activity, declined
    reason: str = ""
    supporters: tuple[str, ...] = ()
    comments: tuple[tuple[str, str], ...] = ()


IDEAS = (
    DemoIdea(
        "Bank sampah digital lintas Kartamantul",
        RATNA,
        ("34.04", "34.02"),
        ("environment",),
        "Bank sampah di tiap kelurahan mencatat tabungan nasabah di buku tulis; nasabah yang "
        "pindah ke Sleman atau Bantul kehilangan saldonya dan pengepul tidak tahu stok plastik "
        "yang siap diambil.",
        "Satu aplikasi bank sampah bersama untuk Kota Yogyakarta, Sleman dan Bantul: saldo "
        "nasabah berlaku di semua bank sampah, stok terlihat oleh pengepul, dan DLH membaca "
        "data pengurangan sampah per kelurahan untuk indikator kerja sama.",
        supporters=(AGUS, SITI, TEGUH, WAHYU),
        comments=(
            (AGUS, "Sleman siap menguji di 5 bank sampah di Depok dan Mlati."),
            (TEGUH, "Kami bisa membantu pelatihan pengurus bank sampah."),
        ),
    ),
    DemoIdea(
        "Rujukan pasien perbatasan Sleman–Kota Yogyakarta",
        AGUS,
        ("34.71",),
        ("health",),
        "Warga Sleman di perbatasan Kota lebih dekat ke Puskesmas Kota, tetapi rujukan BPJS "
        "mengharuskan mereka ke fasilitas di Sleman yang jauh.",
        "Kesepakatan rujukan lintas batas: puskesmas terdekat melayani warga perbatasan dan "
        "dinas kesehatan kedua daerah berbagi data kunjungan setiap bulan.",
        state="under_review",
        supporters=(RATNA,),
        comments=((RATNA, "Dinkes Kota perlu menghitung tambahan beban layanan dulu."),),
    ),
    DemoIdea(
        "Angkutan sekolah bersama Bantul–Kota Yogyakarta",
        SITI,
        ("34.71",),
        ("transportation", "education"),
        "Ratusan siswa dari Sewon dan Banguntapan bersekolah di Kota Yogyakarta dan berangkat "
        "sendiri dengan sepeda motor sebelum cukup umur.",
        "Bus sekolah gratis pada jam berangkat dan pulang dengan rute Sewon–Kota dan "
        "Banguntapan–Kota, biaya operasional ditanggung bersama.",
        state="agreement",
        supporters=(RATNA, WAHYU),
        comments=((RATNA, "Dishub Kota bisa menyiapkan halte di depan tiga SMP negeri."),),
    ),
    DemoIdea(
        "Pasar tani keliling antarwilayah",
        AGUS,
        ("34.02",),
        ("agriculture", "trade"),
        "Petani sayur di lereng Merapi menjual lewat tengkulak dengan harga rendah.",
        "Pasar tani yang bergilir setiap Minggu di alun-alun Sleman dan Bantul, dikelola "
        "kelompok tani kedua kabupaten.",
        state="declined",
        reason="Bantul sudah menjalankan pasar tani sendiri sampai 2027; kami usulkan ide ini "
        "diajukan lagi setelah evaluasi pasar tani Bantul.",
        supporters=(SITI,),
    ),
    DemoIdea(
        "Kompos dari sampah pasar untuk petani Bantul",
        RATNA,
        ("34.02",),
        ("environment", "agriculture"),
        "Pasar Beringharjo dan Giwangan menghasilkan sekitar 20 ton sampah organik per hari "
        "yang masih dibuang ke TPST Piyungan.",
        "Rumah kompos di pasar-pasar Kota, kompos dibeli kelompok tani Bantul dengan harga "
        "subsidi; Piyungan menerima lebih sedikit sampah organik.",
        state="activity",
        supporters=(SITI, TEGUH),
        comments=((SITI, "Kelompok tani di Pleret tertarik, asal kualitas kompos diuji dulu."),),
    ),
    DemoIdea(
        "Peta rawan banjir bersama Sungai Gajah Wong",
        YUSUF,
        ("34.04", "34.02"),
        ("public_works_spatial_planning", "public_order_community_protection"),
        "Banjir Sungai Gajah Wong melintasi tiga wilayah, tetapi tiap BPBD memetakan rawan "
        "banjir sendiri-sendiri dengan skala berbeda.",
        "Satu peta rawan banjir untuk seluruh daerah aliran sungai, diperbarui bersama setiap "
        "musim hujan dan dipakai untuk peringatan dini di tiap kelurahan.",
        state="new",  # DLH has no editor in the demo to review it yet
        supporters=(AGUS, SITI, WAHYU),
    ),
    DemoIdea(
        "Pelatihan bersama petugas Dukcapil",
        SITI,
        ("34.04",),
        ("population_administration_civil_registration",),
        "Petugas Dukcapil di kapanewon berganti cepat dan pelatihan dari pusat hanya setahun "
        "sekali.",
        "Kelas bersama setiap triwulan untuk petugas Dukcapil Sleman dan Bantul, bergantian "
        "tuan rumah.",
    ),
    DemoIdea(
        "Festival budaya Kartamantul",
        WAHYU,
        ("34.71", "34.04", "34.02"),
        ("culture", "tourism"),
        "Acara budaya tiap daerah berjalan di tanggal yang sama dan saling berebut pengunjung.",
        "Satu kalender festival bersama dan satu tiket terusan untuk wisatawan yang "
        "mengunjungi ketiga wilayah.",
        supporters=(RATNA,),
    ),
    DemoIdea(
        "Pendampingan sertifikasi halal UMKM bersama",
        RATNA,
        ("34.04",),
        ("cooperatives_small_medium_enterprises",),
        "UMKM makanan di perbatasan Kota dan Sleman antre sertifikasi halal di dua dinas.",
        "Satu pos pendampingan bersama di Terban yang melayani UMKM kedua daerah.",
        state="declined",
        reason="Layanan pendampingan halal kini dibuka daring oleh Kementerian Agama; "
        "pos bersama tidak lagi diperlukan.",
    ),
    DemoIdea(
        "Relawan sungai bersama LSM dan karang taruna",
        TEGUH,
        ("34.04", "34.71"),
        ("environment", "youth_sports"),
        "Sampah di Kali Code menumpuk di bendung dan kerja bakti tiap kelurahan tidak "
        "terkoordinasi.",
        "Jadwal bersih sungai bersama sebulan sekali dari hulu di Sleman sampai Kota, dengan "
        "karang taruna dan relawan LSM.",
        supporters=(RATNA, AGUS),
        comments=((WAHYU, "Sekber bisa menyusun jadwal dan mengundang kelurahan."),),
    ),
)

# (region code, name, e-mail, title, problem, proposal, affairs, published)
CitizenRow = tuple[str, str, str, str, str, str, tuple[str, ...], bool]
CITIZEN_IDEAS: tuple[CitizenRow, ...] = (
    (
        "34.04",
        "Dewi Anggraini",
        "dewi.anggraini@example.org",
        "Jalur sepeda aman di Jalan Kaliurang",
        "Mahasiswa yang bersepeda dari Ngaglik ke kampus di Kota harus berbagi jalan dengan "
        "bus dan truk; tidak ada lajur sepeda.",
        "Lajur sepeda berpembatas dari Ngaglik sampai perempatan Mirota Kampus, dibangun "
        "bersama Sleman dan Kota.",
        ("transportation",),
        True,
    ),
    (
        "34.71",
        "Bayu Pratama",
        "bayu.pratama@example.org",
        "Taman baca di Terminal Giwangan",
        "Penumpang bus antarkota menunggu lama di Terminal Giwangan tanpa kegiatan.",
        "Taman baca kecil di ruang tunggu, dikelola perpustakaan daerah Kota dan Bantul.",
        ("libraries",),
        False,
    ),
)


@dataclass
class Seeded:
    ideas: int = 0
    skipped: list[str] = field(default_factory=list)


def _decider(owner: Organization) -> User | None:
    membership = (
        Membership.objects.filter(organization=owner, role__in=EDITOR_ROLES, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is not None:
        return membership.user
    return User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


def _activity() -> Activity | None:
    return Activity.objects.filter(plan__agreement__title=KARTAMANTUL_WASTE).order_by("pk").first()


def _seed_one(
    demo: DemoIdea, users: dict[str, User], regions: dict[str, Region]
) -> tuple[bool, str]:
    """Whether the idea was made, and what was left out."""
    author = users.get(demo.author)
    membership = Membership.objects.filter(user=author).select_related("organization").first()
    if author is None or membership is None:
        return False, f"{demo.title}: its author {demo.author} is missing (run seed_demo)"
    owner = membership.organization
    idea = services.idea_create(
        user=author,
        owner=owner,
        title=demo.title,
        problem=demo.problem,
        proposal=demo.proposal,
        affairs=GovernmentAffair.objects.filter(code__in=demo.affairs),
        regions=[regions[code] for code in demo.regions if code in regions],
    )
    for email in demo.supporters:
        if email in users:
            services.idea_support(idea=idea, user=users[email])
    for email, body in demo.comments:
        if email in users:
            services.idea_comment(idea=idea, user=users[email], body=body)
    decider = _decider(owner)
    if demo.state == "new" or decider is None:
        return True, ""
    services.idea_move(idea=idea, user=decider, version=idea.version, action="review")
    if demo.state == "declined":
        services.idea_move(
            idea=idea, user=decider, version=idea.version, action="decline", note=demo.reason
        )
    elif demo.state == "agreement":
        services.idea_accept_as_agreement(idea=idea, user=decider, version=idea.version)
    elif demo.state == "activity":
        activity = _activity()
        if activity is None:
            return (
                True,
                f"{demo.title}: left under review (no plan activity; run seed_demo_monitoring)",
            )
        services.idea_accept_as_activity(
            idea=idea, user=decider, version=idea.version, activity=activity
        )
    return True, ""


def _seed_citizen(row: CitizenRow, moderator_of: Callable[[Organization], User | None]) -> bool:
    code, name, email, title, problem, proposal, affairs, published = row
    owner = Organization.objects.governments().filter(region__code=code).first()
    if owner is None:
        return False
    now = timezone.now()
    idea = Idea.objects.create(
        owner=owner,
        origin=Idea.Origin.CITIZEN,
        moderation=Idea.Moderation.PENDING,
        author_name=name,
        email=email,
        confirmed_at=now,
        title=title,
        problem=problem,
        proposal=proposal,
    )
    idea.code = f"IDE-{idea.pk:06d}"
    idea.save(update_fields=["code"])
    idea.affairs.set(GovernmentAffair.objects.filter(code__in=affairs))
    # As if the author had followed the e-mailed link (the demo sends no mail to invented
    # addresses).
    IdeaEvent.objects.create(
        idea=idea, action="confirm", from_status="unconfirmed", to_status="pending", occurred_at=now
    )
    moderator = moderator_of(owner)
    if published and moderator is not None:
        services.citizen_idea_moderate(
            idea=idea, user=moderator, version=idea.version, publish=True
        )
    return True


def demo_ideas_seed() -> Seeded:
    seeded = Seeded()
    users = {u.email: u for u in User.objects.filter(is_active=True)}
    regions = {r.code: r for r in Region.objects.current().without_geometry()}
    existing = set(Idea.objects.values_list("title", flat=True))
    for demo in IDEAS:
        if demo.title in existing:
            continue
        with transaction.atomic():
            made, note = _seed_one(demo, users, regions)
        if note:
            seeded.skipped.append(note)
        seeded.ideas += made
    for row in CITIZEN_IDEAS:
        if row[3] in existing:
            continue
        with transaction.atomic():
            if _seed_citizen(row, _decider):
                seeded.ideas += 1
            else:
                seeded.skipped.append(f"{row[3]}: region {row[0]} has no government")
    return seeded
