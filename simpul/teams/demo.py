"""Demo teams for `make demo` (seed_demo_teams), from the demo world (seed_demo and
seed_demo_agreements): the TKKSDs of Kota Yogyakarta, Sleman and Bantul, each with its decree
(a small generated PDF), members from the government and its agencies, competencies (some
verified) and trainings with certificates; Kota Yogyakarta's lacks finance (a competency gap)
and Bantul's term ends within 60 days (a term gap); and the working teams of the Kartamantul
waste agreement and the SPAM agreement, with members from their parties.

Everything goes through the services, as the system (no person). Safe to run again: a team is
found by its organisation and name before it is built.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from simpul.accounts.models import User
from simpul.agreements.models import Agreement
from simpul.organizations.models import Organization

from . import services
from .models import Competency, SelectionCriterion, Team, TeamMember
from .pdf import simple_pdf

ACTOR = "seed_demo_teams"
KARTAMANTUL_WASTE = "Pengelolaan Sampah Regional Kartamantul di TPST Piyungan"
KARTAMANTUL_SPAM = "Sistem Penyediaan Air Minum (SPAM) Regional Kartamantul"

RATNA = "ratna.kusumawati@jogjakota.go.id"  # admin, Pemerintah Kota Yogyakarta
YUSUF = "yusuf.hidayat@dlh.jogjakota.go.id"  # DLH Kota Yogyakarta
AGUS = "agus.widodo@slemankab.go.id"  # coordinator, Pemerintah Kabupaten Sleman
FITRI = "fitri.handayani@bappeda.slemankab.go.id"  # Bappeda Sleman
SITI = "siti.rahmawati@bantulkab.go.id"  # editor, Pemerintah Kabupaten Bantul
BAMBANG = "bambang.suryanto@jogjaprov.go.id"  # coordinator, Pemda DIY


@dataclass(frozen=True)
class DemoMember:
    email: str
    role: str
    competencies: tuple[tuple[str, str, bool], ...] = ()  # (code, level, verified)
    trainings: tuple[
        tuple[str, str, str, int, int], ...
    ] = ()  # kind, course, organiser, days ago, hours
    criteria: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoTeam:
    region: str  # the owning government's region code
    name: str
    sk_number: str
    started_days_ago: int
    term_days: int
    members: tuple[DemoMember, ...]
    agreement: str = ""
    description: str = ""
    extra_required: tuple[str, ...] = field(default=())


TRAINING_NEGOTIATION = (
    "training", "Pelatihan Negosiasi Kerja Sama Daerah", "BPSDM Kemendagri", 210, 24,
)  # fmt: skip
TRAINING_LEGAL = ("training", "Penyusunan Naskah Kerja Sama", "Biro Hukum Setda DIY", 120, 16)
MENTORING_ME = ("mentoring", "Pendampingan Pemantauan dan Evaluasi", "Bappenas", 60, 12)

TEAMS = (
    DemoTeam(
        "34.71",
        "TKKSD Kota Yogyakarta",
        "188/0412/2025",
        400,
        1095,
        (
            DemoMember(
                RATNA,
                TeamMember.Role.CHAIR,
                (("negotiation", "advanced", True), ("legal-drafting", "intermediate", True)),
                (TRAINING_NEGOTIATION,),
                ("structural-position", "cooperation-experience"),
            ),
            DemoMember(
                YUSUF,
                TeamMember.Role.SECRETARY,
                (("monitoring-evaluation", "intermediate", False), ("gis", "advanced", True)),
                (MENTORING_ME,),
                ("relevant-agency",),
            ),
        ),
        description="Tim Koordinasi Kerja Sama Daerah Kota Yogyakarta.",
    ),
    DemoTeam(
        "34.04",
        "TKKSD Kabupaten Sleman",
        "45/Kep.KDH/A/2025",
        300,
        1095,
        (
            DemoMember(
                AGUS,
                TeamMember.Role.CHAIR,
                (("negotiation", "intermediate", True), ("finance", "advanced", True)),
                (TRAINING_NEGOTIATION,),
                ("cooperation-experience", "trained"),
            ),
            DemoMember(
                FITRI,
                TeamMember.Role.SECRETARY,
                (("monitoring-evaluation", "advanced", True), ("legal-drafting", "basic", False)),
                (TRAINING_LEGAL,),
                ("relevant-agency",),
            ),
        ),
    ),
    DemoTeam(
        "34.02",
        "TKKSD Kabupaten Bantul",
        "312 Tahun 2024",
        1050,
        1095,  # ends within 60 days: the page's term gap
        (
            DemoMember(
                SITI,
                TeamMember.Role.SECRETARY,
                (
                    ("negotiation", "basic", False),
                    ("legal-drafting", "intermediate", True),
                    ("monitoring-evaluation", "basic", False),
                    ("finance", "intermediate", False),
                ),
                (TRAINING_LEGAL,),
                ("trained",),
            ),
        ),
    ),
    DemoTeam(
        "34.71",
        "Tim Kerja Pengelolaan Sampah Kartamantul",
        "188/0533/2025",
        200,
        730,
        (
            DemoMember(RATNA, TeamMember.Role.CHAIR, (("facilitation", "advanced", True),)),
            DemoMember(YUSUF, TeamMember.Role.MEMBER, (("gis", "advanced", True),)),
            DemoMember(AGUS, TeamMember.Role.MEMBER, (("procurement", "intermediate", False),)),
            DemoMember(SITI, TeamMember.Role.SECRETARY),
        ),
        agreement=KARTAMANTUL_WASTE,
        extra_required=("gis", "procurement"),
    ),
    DemoTeam(
        "34",
        "Tim Kerja SPAM Regional Kartamantul",
        "188/27/KEP/2025",
        150,
        730,
        (
            DemoMember(BAMBANG, TeamMember.Role.CHAIR, (("negotiation", "advanced", True),)),
            DemoMember(RATNA, TeamMember.Role.MEMBER),
            DemoMember(AGUS, TeamMember.Role.MEMBER, (("finance", "advanced", True),)),
        ),
        agreement=KARTAMANTUL_SPAM,
    ),
)


@dataclass
class Seeded:
    teams: int = 0
    skipped: list[str] = field(default_factory=list)


def _pdf(name: str, lines: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, simple_pdf(lines), "application/pdf")


def _seed_team(spec: DemoTeam, today: date) -> Team | None:
    government = Organization.objects.governments().filter(region__code=spec.region).first()
    if government is None:
        return None
    agreement = None
    if spec.agreement:
        agreement = Agreement.objects.filter(title=spec.agreement).first()
        if agreement is None:
            return None
    start = today - timedelta(days=spec.started_days_ago)
    end = start + timedelta(days=spec.term_days)
    team = services.team_create(
        organization=government,
        user=None,
        kind=Team.Kind.WORKING if agreement else Team.Kind.TKKSD,
        name=spec.name,
        description=spec.description,
        agreement=agreement,
        sk_number=spec.sk_number,
        sk_date=start,
        term_start=start,
        term_end=end,
        sk_file=_pdf(
            "sk.pdf",
            [
                f"KEPUTUSAN {government.name.upper()}",
                f"NOMOR {spec.sk_number}",
                f"TENTANG PEMBENTUKAN {spec.name.upper()}",
                "(dokumen contoh untuk demo Simpul)",
            ],
        ),
    )
    if spec.extra_required:
        team.required_competencies.add(*Competency.objects.filter(code__in=spec.extra_required))
    for demo_member in spec.members:
        person = User.objects.filter(email__iexact=demo_member.email).first()
        if person is None:
            continue
        member = services.member_add(
            team=team,
            user=None,
            person=person,
            role=demo_member.role,
            criteria=SelectionCriterion.objects.filter(code__in=demo_member.criteria),
        )
        for code, level, verified in demo_member.competencies:
            entry = services.competency_record(
                member=member, user=None, competency=Competency.objects.get(code=code), level=level
            )
            if verified:
                services.competency_verify(entry=entry, user=None)
        for kind, course, organiser, days_ago, hours in demo_member.trainings:
            services.training_add(
                member=member,
                user=None,
                kind=kind,
                course=course,
                organiser=organiser,
                held_on=today - timedelta(days=days_ago),
                hours=Decimal(hours),
                certificate=_pdf("sertifikat.pdf", ["SERTIFIKAT", person.full_name, course]),
            )
    return team


def demo_teams_seed() -> Seeded:
    seeded = Seeded()
    today = timezone.localdate()
    for spec in TEAMS:
        if Team.objects.filter(name=spec.name, organization__region__code=spec.region).exists():
            continue
        with transaction.atomic():
            team = _seed_team(spec, today)
        if team is None:
            seeded.skipped.append(f"{spec.name}: its organisation or agreement is not seeded")
        else:
            seeded.teams += 1
    return seeded
