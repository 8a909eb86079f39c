"""Demo stakeholders for `make demo` (seed_demo_stakeholders) on the Kartamantul waste agreement
(from seed_demo_agreements): a business's CSR fund, Universitas Gadjah Mada's technical support,
Yayasan Lingkungan Lestari's community work, a community radio and the river basin authority,
spread over the power–interest grid. Ratna (Kota Yogyakarta) records the contributions and
Agus (Sleman) verifies two of them; the NGO's work waits for verification. The agreement is
active, so its stakeholders and verified contributions are public by default.

Everything goes through the services (duplicate check, amounts, the CONTRIBUTION machine).
Safe to run again: a stakeholder already on the register is skipped with its contributions.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from simpul.accounts.models import User
from simpul.agreements.models import Agreement
from simpul.organizations.models import Organization

from . import services
from .models import Stakeholder

ACTOR = "seed_demo_stakeholders"
KARTAMANTUL_WASTE = "Pengelolaan Sampah Regional Kartamantul di TPST Piyungan"
RATNA = "ratna.kusumawati@jogjakota.go.id"  # admin, Pemerintah Kota Yogyakarta
AGUS = "agus.widodo@slemankab.go.id"  # coordinator, Pemerintah Kabupaten Sleman


@dataclass(frozen=True)
class DemoStakeholder:
    name: str
    kind: str
    roles: tuple[str, ...]
    influence: int
    interest: int
    influence_reason: str
    interest_reason: str
    organization: str = ""  # the name of an organisation on the platform
    contact: tuple[str, str] = ("", "")
    # (kind, description, value, year, source, verified)
    contributions: tuple[tuple[str, str, int, int, str, bool], ...] = field(default=())


STAKEHOLDERS = (
    DemoStakeholder(
        "PT Sinar Mataram Logistik",
        "private",
        ("funder",),
        3,
        4,
        "Pemasok armada; suaranya didengar asosiasi pengusaha DIY",
        "Program CSR lingkungan 2025–2027 fokus pada sampah",
        contact=("Dian Puspitasari", "csr@sinarmataram.example"),
        contributions=(
            (
                "funding",
                "Dana CSR bank sampah dan alat pencacah plastik",
                750_000_000,
                2025,
                "CSR",
                True,
            ),
            ("funding", "Dana CSR tahap kedua: gerobak pilah", 400_000_000, 2026, "CSR", False),
        ),  # fmt: skip
    ),
    DemoStakeholder(
        "Universitas Gadjah Mada",
        "university",
        ("technical_partner",),
        4,
        4,
        "Kajiannya menjadi dasar desain sel dan pengolahan lindi",
        "Lokasi riset dan KKN tematik persampahan",
        organization="Universitas Gadjah Mada",
        contributions=(
            (
                "technology",
                "Kajian teknis pengolahan lindi dan pemantauan gas metana",
                180_000_000,
                2025,
                "Hibah penelitian",
                True,
            ),
        ),  # fmt: skip
    ),
    DemoStakeholder(
        "Yayasan Lingkungan Lestari",
        "ngo",
        ("implementer", "advocate"),
        2,
        5,
        "Menggerakkan warga, tetapi tidak ikut memutuskan anggaran",
        "Misi yayasan: sampah dikelola dari sumbernya",
        organization="Yayasan Lingkungan Lestari",
        contributions=(
            (
                "labour",
                "Pendampingan 40 bank sampah dan kerja bakti bulanan di 12 kelurahan",
                95_000_000,
                2026,
                "Swadaya",
                False,
            ),
        ),  # fmt: skip
    ),
    DemoStakeholder(
        "Radio Komunitas Suara Piyungan",
        "media",
        ("advocate",),
        1,
        2,
        "Jangkauan siaran terbatas di sekitar TPST",
        "Pendengarnya warga yang terdampak bau dan lalu lintas truk",
        contact=("Slamet Riyadi", "redaksi@suarapiyungan.example"),
    ),
    DemoStakeholder(
        "Balai Besar Wilayah Sungai Serayu Opak",
        "government",
        ("regulator",),
        5,
        2,
        "Memberi izin pembuangan lindi ke Sungai Opak",
        "Berkepentingan hanya pada mutu air sungai",
    ),
)


@dataclass
class Seeded:
    stakeholders: int = 0
    contributions: int = 0
    skipped: list[str] = field(default_factory=list)


def demo_stakeholders_seed() -> Seeded:
    seeded = Seeded()
    agreement = Agreement.objects.filter(title=KARTAMANTUL_WASTE).first()
    ratna = User.objects.filter(email=RATNA).first()
    agus = User.objects.filter(email=AGUS).first()
    if agreement is None or ratna is None or agus is None:
        seeded.skipped.append("the stakeholders: run seed_demo and seed_demo_agreements first")
        return seeded
    for spec in STAKEHOLDERS:
        organization = (
            Organization.objects.filter(name=spec.organization).first()
            if spec.organization
            else None
        )
        if services.duplicate_of(agreement, name=spec.name, organization=organization):
            continue
        stakeholder = services.stakeholder_create(
            agreement=agreement,
            user=ratna,
            organization=organization,
            name=spec.name,
            kind=spec.kind,
            roles=list(spec.roles),
            influence=spec.influence,
            interest=spec.interest,
            influence_reason=spec.influence_reason,
            interest_reason=spec.interest_reason,
            contact_name=spec.contact[0],
            contact_email=spec.contact[1],
        )
        seeded.stakeholders += 1
        _contribute(stakeholder, spec, ratna=ratna, agus=agus)
        seeded.contributions += len(spec.contributions)
    return seeded


def _contribute(
    stakeholder: Stakeholder, spec: DemoStakeholder, *, ratna: User, agus: User
) -> None:
    for kind, description, value, year, source, verified in spec.contributions:
        contribution = services.contribution_record(
            stakeholder=stakeholder,
            user=ratna,
            kind=kind,
            description=description,
            value=Decimal(value),
            year=year,
            source=source,
        )
        if verified:
            services.contribution_decide(
                contribution=contribution, user=agus, version=contribution.version, action="verify"
            )
