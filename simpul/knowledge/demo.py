"""Demo knowledge items for `make demo` (`seed_demo_knowledge`), from the demo world:
Kartamantul's waste practice with the verified results of its indicators, a lesson from the
Piyungan closure (from the evaluation finding it came from), UGM's research on waste
composition, a webinar video, an infographic drawn with Pillow at seed time, the border
health referral as a case study, and more, in every state (draft, in review, returned,
published to members, published to the public); then two adoptions: Kabupaten Banyumas
adapts the TPST practice after its exchange visit, Kota Yogyakarta puts the border referral
off ("not now") with its reason.

Needs the demo organisations, agreements and monitoring (seed_demo, seed_demo_agreements,
seed_demo_monitoring) and, for the lesson from a meeting decision, seed_demo_meetings. Items
are written through the services by the demo people of their organisations and reviewed by
the system (the demo has no second reviewer per organisation). Safe to run again: nothing is
added once the first item exists."""

import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from simpul.accounts.models import User
from simpul.agreements.models import Agreement, GovernmentAffair
from simpul.meetings.models import Decision, LearningReport
from simpul.monitoring.models import Finding, Indicator
from simpul.organizations.models import Organization
from simpul.regions.models import Region

from . import services, services_adoption
from .models import Adoption, KnowledgeItem

ACTOR = "seed_demo_knowledge"
WASTE = "Pengelolaan Sampah Regional Kartamantul di TPST Piyungan"
HEALTH = "Pelayanan Kesehatan Perbatasan Sleman–Magelang–Klaten–Boyolali"
SECRETARIAT_STAFF = "wahyu.nugroho@kartamantul.go.id"
YOGYAKARTA_ADMIN = "ratna.kusumawati@jogjakota.go.id"
SLEMAN_COORDINATOR = "agus.widodo@slemankab.go.id"
BANTUL_EDITOR = "siti.rahmawati@bantulkab.go.id"
FIRST_TITLE = "TPST Piyungan: pengelolaan sampah bersama tiga daerah"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class SeededKnowledge:
    items: int = 0
    adoptions: int = 0
    skipped: list[str] = field(default_factory=list)


def infographic_png() -> bytes:
    """A small bar chart of where Kartamantul's waste goes, drawn now: nothing binary is
    committed."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 270), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    bars = [("Dipilah", 120, (11, 93, 87)), ("Dikompos", 80, (31, 78, 154)),
            ("Ke TPST", 220, (138, 75, 0))]  # fmt: skip
    for index, (label, height, colour) in enumerate(bars):
        left = 60 + index * 140
        draw.rectangle([left, 240 - height, left + 90, 240], fill=colour)
        draw.text((left, 248), label, fill=(0, 0, 0))
    draw.text((20, 12), "Alur sampah Kartamantul (ton/hari)", fill=(0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _people() -> dict[str, User | None]:
    emails = (SECRETARIAT_STAFF, YOGYAKARTA_ADMIN, SLEMAN_COORDINATOR, BANTUL_EDITOR)
    found = {user.email.lower(): user for user in User.objects.filter(email__in=emails)}
    return {email: found.get(email) for email in emails}


def _regions(*codes: str) -> list[Region]:
    return list(Region.objects.filter(code__in=codes).defer("boundary", "bbox"))


def _affairs(*codes: str) -> list[GovernmentAffair]:
    return list(GovernmentAffair.objects.filter(code__in=codes))


def _organization(name: str) -> Organization | None:
    return Organization.objects.filter(name=name).first()


def _specs(world: dict[str, Any]) -> list[dict[str, Any]]:
    waste, health = world["waste"], world["health"]
    kartamantul = _regions("34.71", "34.04", "34.02")
    return [
        {
            "writer": SECRETARIAT_STAFF,
            "owner": world["sekber"],
            "kind": "practice",
            "state": "public",
            "title": FIRST_TITLE,
            "summary": "Kota Yogyakarta, Sleman dan Bantul mengelola sampah bersama di satu "
            "TPST dengan biaya dibagi per ton yang dikirim.",
            "context": "Tiga daerah perkotaan dengan 1,2 juta penduduk dan satu tempat "
            "pemrosesan akhir yang penuh.",
            "problem": "Sel aktif TPST Piyungan melampaui kapasitas; setiap daerah membuang "
            "tanpa data tonase bersama.",
            "approach": "Sekretariat bersama, jembatan timbang dengan rekap harian untuk semua "
            "anggota, tarif jasa (tipping fee) per ton, TPS3R dan bank sampah di sumber.",
            "results_text": "Sampah yang diterima turun dan rumah tangga yang memilah naik; "
            "lihat nilai terverifikasi di bawah.",
            "cost": Decimal("48500000000"),
            "cost_paid_by": "APBD ketiga daerah dan APBD DIY",
            "replication_conditions": "Daerah bertetangga dengan satu lokasi pemrosesan dan "
            "kesediaan berbagi data tonase.",
            "pitfalls": "Tanpa penimbangan bersama, pembagian biaya selalu diperdebatkan.",
            "contact_organization": world["sekber"],
            "contact_person": "Wahyu Nugroho",
            "affairs": _affairs("environment", "public_works_spatial_planning"),
            "regions": kartamantul,
            "agreements": [waste] if waste else [],
            "indicators": world["waste_indicators"],
            "year": 2025,
        },
        {
            "writer": SECRETARIAT_STAFF,
            "owner": world["sekber"],
            "kind": "lesson",
            "state": "public",
            "title": "Pelajaran dari penutupan TPA Piyungan",
            "summary": "Penutupan sementara TPA Piyungan menunjukkan bahwa pemilahan di sumber "
            "harus siap sebelum lokasi pembuangan ditutup.",
            "context": "Penutupan darurat karena sel aktif penuh; sampah menumpuk di depo.",
            "pitfalls": "Mengandalkan satu lokasi pembuangan tanpa rencana cadangan.",
            "source_finding": world["finding"],
            "regions": kartamantul,
            "affairs": _affairs("environment"),
            "agreements": [waste] if waste else [],
            "year": 2024,
        },
        {
            "writer": SECRETARIAT_STAFF,
            "owner": world["sekber"],
            "kind": "research",
            "state": "public",
            "title": "Komposisi sampah rumah tangga di Kartamantul",
            "summary": "Kajian bersama Universitas Gadjah Mada: 58% sampah rumah tangga adalah "
            "sampah organik yang dapat dikompos.",
            "approach": "Sampling 400 rumah tangga di tiga daerah selama dua musim.",
            "research_partner": world["ugm"],
            "regions": kartamantul,
            "affairs": _affairs("environment"),
            "year": 2025,
            "licence": "CC-BY-SA-4.0",
        },
        {
            "writer": SECRETARIAT_STAFF,
            "owner": world["sekber"],
            "kind": "video",
            "state": "members",
            "title": "Webinar: pengelolaan sampah perkotaan",
            "video_url": "https://www.youtube.com/watch?v=simpul-demo-01",
            "transcript": "Ringkasan: narasumber UGM memaparkan komposisi sampah, bank sampah "
            "dan pengomposan pasar; tanya jawab tentang tarif jasa.",
            "regions": kartamantul,
            "affairs": _affairs("environment"),
            "year": 2026,
        },
        {
            "writer": SECRETARIAT_STAFF,
            "owner": world["sekber"],
            "kind": "infographic",
            "state": "public",
            "title": "Infografis: ke mana sampah Kartamantul pergi",
            "image": SimpleUploadedFile("alur-sampah.png", infographic_png(), "image/png"),
            "image_alt": "Diagram batang: 120 ton per hari dipilah, 80 ton dikompos, 220 ton "
            "dikirim ke TPST Piyungan.",
            "regions": kartamantul,
            "affairs": _affairs("environment"),
            "year": 2026,
        },
        {
            "writer": SLEMAN_COORDINATOR,
            "owner": world["sleman"],
            "kind": "case_study",
            "state": "public",
            "title": "Rujukan kesehatan lintas batas di lereng Merapi",
            "summary": "Puskesmas di perbatasan DIY–Jawa Tengah merujuk pasien ke rumah sakit "
            "terdekat, bukan ke rumah sakit di provinsinya sendiri.",
            "problem": "Pasien gawat darurat menempuh lebih dari satu jam ke rumah sakit "
            "provinsinya.",
            "approach": "Perjanjian empat daerah, SISRUTE terhubung dan jalur evakuasi bersama "
            "saat erupsi.",
            "agreements": [health] if health else [],
            "indicators": world["health_indicators"],
            "regions": _regions("34.04", "33.08", "33.10", "33.09"),
            "affairs": _affairs("health"),
            "year": 2025,
        },
        {
            "writer": YOGYAKARTA_ADMIN,
            "owner": world["yogyakarta"],
            "kind": "practice",
            "state": "review",
            "title": "Bank sampah di setiap kelurahan",
            "problem": "Sampah anorganik bernilai ikut terbuang ke TPST.",
            "approach": "Bank sampah kelurahan dengan jadwal setor mingguan dan tabungan warga.",
            "regions": _regions("34.71"),
            "affairs": _affairs("environment"),
            "year": 2025,
        },
        {
            "writer": SECRETARIAT_STAFF,
            "owner": world["sekber"],
            "kind": "article",
            "state": "draft",
            "title": "Tarif jasa per ton: berbagi biaya TPST secara adil",
            "summary": "Bagaimana tiga daerah menyepakati tipping fee dari data timbangan.",
            "regions": kartamantul,
            "affairs": _affairs("environment"),
            "year": 2026,
        },
        {
            "writer": SECRETARIAT_STAFF,
            "owner": world["sekber"],
            "kind": "document",
            "state": "members",
            "title": "Panduan membentuk sekretariat bersama",
            "summary": "Langkah, dasar hukum dan contoh keputusan bersama.",
            "file": SimpleUploadedFile("panduan-sekber.pdf", PDF, "application/pdf"),
            "regions": kartamantul,
            "year": 2024,
        },
        {
            "writer": BANTUL_EDITOR,
            "owner": world["bantul"],
            "kind": "practice",
            "state": "returned",
            "title": "Pengomposan sampah pasar di Bantul",
            "problem": "Sampah organik pasar menyumbang seperlima kiriman ke TPST.",
            "approach": "Rumah kompos di tiga pasar besar.",
            "return_note": "Tambahkan biaya dan siapa yang membayar.",
            "regions": _regions("34.02"),
            "affairs": _affairs("environment"),
            "year": 2025,
        },
        {
            "writer": SECRETARIAT_STAFF,
            "owner": world["sekber"],
            "kind": "lesson",
            "state": "draft",
            "title": "Pelajaran: keputusan bersama perlu data timbangan",
            "summary": "Keputusan forum lebih cepat disepakati ketika data timbangan harian "
            "dibagikan sebelum rapat.",
            "source_decision": world["decision"],
            "regions": kartamantul,
            "year": 2026,
        },
        {
            "writer": SLEMAN_COORDINATOR,
            "owner": world["sleman"],
            "kind": "case_study",
            "state": "members",
            "title": "Bus pengumpan Yogyakarta–Sleman: belajar dari perselisihan",
            "summary": "Perselisihan pembagian subsidi dan cara forum menyelesaikannya.",
            "problem": "Subsidi operasional dibagi tanpa data penumpang per daerah.",
            "approach": "Penghitungan penumpang bersama dan mediasi provinsi.",
            "regions": _regions("34.71", "34.04"),
            "affairs": _affairs("transportation"),
            "year": 2026,
        },
        {
            "writer": SECRETARIAT_STAFF,
            "owner": world["sekber"],
            "kind": "research",
            "state": "review",
            "title": "Kelayakan pengomposan skala kawasan",
            "summary": "Kajian awal bersama UGM tentang rumah kompos kawasan.",
            "research_partner": world["ugm"],
            "regions": kartamantul,
            "year": 2026,
        },
    ]


def _world() -> dict[str, Any]:
    waste = Agreement.objects.filter(title=WASTE).first()
    health = Agreement.objects.filter(title=HEALTH).first()
    governments = Organization.objects.governments()
    return {
        "waste": waste,
        "health": health,
        "sekber": Organization.objects.filter(kind=Organization.Kind.JOINT_SECRETARIAT)
        .filter(name__icontains="Kartamantul")
        .first(),
        "ugm": _organization("Universitas Gadjah Mada"),
        "yogyakarta": governments.filter(region__code="34.71").first(),
        "sleman": governments.filter(region__code="34.04").first(),
        "bantul": governments.filter(region__code="34.02").first(),
        "waste_indicators": list(
            Indicator.objects.filter(
                agreement=waste,
                name__in=[
                    "Rata-rata sampah yang diterima TPST Piyungan",
                    "Rumah tangga yang memilah sampah di sumber",
                ],
            )
        ),
        "health_indicators": list(
            Indicator.objects.filter(
                agreement=health, name="Rujukan gawat darurat yang tiba dalam 45 menit"
            )
        ),
        "finding": Finding.objects.filter(
            evaluation__agreement=waste, kind=Finding.Kind.LESSON
        ).first(),
        "decision": Decision.objects.filter(agenda_item__meeting__forum__isnull=False)
        .order_by("pk")
        .first(),
    }


def _seed_one(spec: dict[str, Any], people: dict[str, User | None]) -> KnowledgeItem:
    spec = dict(spec)
    writer = people[spec.pop("writer")]
    state = spec.pop("state")
    note = spec.pop("return_note", "")
    owner, kind = spec.pop("owner"), spec.pop("kind")
    item = services.knowledge_item_create(user=writer, owner=owner, kind=kind, **spec)
    if state == "draft":
        return item
    services.knowledge_item_submit(item=item, user=writer, version=item.version)
    if state == "returned":
        return services.knowledge_item_return(item=item, user=None, version=item.version, note=note)
    if state in ("public", "members"):
        audience = "public" if state == "public" else "members"
        services.knowledge_item_publish(
            item=item, user=None, version=item.version, audience=audience
        )
    return item


BANYUMAS = "33.02"
BANYUMAS_EDITOR = "hendra.prasetyo@banyumaskab.go.id"
CASE_STUDY = "Rujukan kesehatan lintas batas di lereng Merapi"


def _seed_adoptions(seeded: SeededKnowledge) -> None:
    """Banyumas adapts the TPST practice after its exchange visit (its learning report, from
    seed_demo_meetings); Kota Yogyakarta puts the border referral off, with the reason."""
    practice = KnowledgeItem.objects.filter(title=FIRST_TITLE).first()
    case = KnowledgeItem.objects.filter(title=CASE_STUDY).first()
    banyumas = Organization.objects.governments().filter(region__code=BANYUMAS).first()
    report = LearningReport.objects.filter(
        organization=banyumas, status=LearningReport.Status.SUBMITTED
    ).first()
    if practice is None or banyumas is None or report is None:
        seeded.skipped.append("adoptions: run seed_demo_meetings first (Banyumas's visit)")
        return
    hendra = User.objects.filter(email=BANYUMAS_EDITOR).first()
    adoption = services_adoption.adoption_express_interest(
        item=practice, user=hendra, organization=banyumas,
        note="TPA Gunung Tugel hampir penuh; kami ingin belajar pembagian biaya per ton.",
    )  # fmt: skip
    services_adoption.adoption_record_visit(
        adoption=adoption, user=hendra, version=adoption.version, learning_report=report
    )
    services_adoption.adoption_decide(
        adoption=adoption, user=hendra, version=adoption.version, decision="adapt",
        reason="Banyumas satu kabupaten: tanpa TPST bersama, pembagian biaya per ton "
        "diterapkan antar-kecamatan dan bank sampah di setiap desa.",
    )  # fmt: skip
    seeded.adoptions += 1
    yogyakarta = Organization.objects.governments().filter(region__code="34.71").first()
    ratna = User.objects.filter(email=YOGYAKARTA_ADMIN).first()
    if case is not None and yogyakarta is not None:
        later = services_adoption.adoption_express_interest(
            item=case, user=ratna, organization=yogyakarta,
            note="Rujukan dari puskesmas di perbatasan Kota Yogyakarta dan Bantul.",
        )  # fmt: skip
        services_adoption.adoption_decide(
            adoption=later, user=ratna, version=later.version, decision="not_now",
            reason="Anggaran rujukan 2026 sudah terikat; dibahas lagi di Musrenbang 2027.",
        )  # fmt: skip
        seeded.adoptions += 1


def demo_knowledge_seed() -> SeededKnowledge:
    seeded = SeededKnowledge()
    if KnowledgeItem.objects.filter(title=FIRST_TITLE).exists():
        seeded.skipped.append("knowledge items: already there")
        if not Adoption.objects.exists():
            with transaction.atomic():
                _seed_adoptions(seeded)
        return seeded
    world = _world()
    people = _people()
    missing = [name for name in ("sekber", "yogyakarta", "sleman", "bantul") if not world[name]]
    missing += [email for email, user in people.items() if user is None]
    if missing:
        seeded.skipped.append("knowledge items: run seed_demo first (" + ", ".join(missing) + ")")
        return seeded
    with transaction.atomic():
        for spec in _specs(world):
            _seed_one(spec, people)
            seeded.items += 1
        _seed_adoptions(seeded)
    return seeded
