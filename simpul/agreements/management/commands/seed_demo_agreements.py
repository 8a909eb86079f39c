"""Demo agreements for `make demo`, built through the services and the workflow, so their
events, signatures, documents and audit trail are real.

Needs the organisations of `seed_demo` (run it first). Adds Magelang, Boyolali and Klaten
(Jawa Tengah, bordering Sleman) for a cross-province border health agreement. Safe to run
again: an agreement is found by its title before it is built. Refuses to run in production.

The agreements:
- Kartamantul joint waste management (KSDD wajib; Kota Yogyakarta, Sleman, Bantul): active,
  KB and PKS signed with each party's own number, money obligations per fiscal year, some late
- Regional drinking water (SPAM) with the Province of DIY as a party: KB signed, PKS drafting
- Border health services Sleman–Magelang–Klaten–Boyolali (four parties across the DIY/Jawa
  Tengah line): active, PKS signed by the health offices' heads under a power of attorney
- Student community service with Universitas Gadjah Mada (KSDPK): drafting the KB
- Joint tourism promotion Yogyakarta–Bantul 2019–2023: expired
- Feeder bus routes Yogyakarta–Sleman: in dispute
- Two early ones: a draft (Bantul–Sleman) and an offer (Yogyakarta–Bantul)
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from simpul.accounts.models import User
from simpul.audit.context import acting_as, system_actor
from simpul.core.zones import zone_of
from simpul.organizations.models import Membership, Organization
from simpul.organizations.services import governments_ensure
from simpul.regions.models import Region
from simpul.regions.services import regions_load

from ...access import EDITOR_ROLES
from ...models import Agreement, DisputeLevel, Document, Obligation, Party, Signature
from ...rules import display_name
from ...services.agreements import (
    agreement_create,
    obligation_create,
    obligation_set_status,
    signature_record,
)
from ...services.disputes import dispute_open
from ...services.documents import document_upload
from ...workflow import agreement_transition

BORDER_HEALTH_CODES = {"33.08", "33.09", "33.10"}
ACTOR = "seed_demo_agreements"

# A region's head of region and their office, for signatures (names are invented).
HEADS = {
    "34.71": ("Hasto Wardoyo", "Wali Kota Yogyakarta"),
    "34.04": ("Harda Kiswaya", "Bupati Sleman"),
    "34.02": ("Abdul Halim Muslih", "Bupati Bantul"),
    "34": ("Hamengku Buwono X", "Gubernur Daerah Istimewa Yogyakarta"),
    "33.08": ("Grengseng Pamuji", "Bupati Magelang"),
    "33.09": ("Agus Irawan", "Bupati Boyolali"),
    "33.10": ("Hamenang Wajar Ismoyo", "Bupati Klaten"),
}
# Local prefixes of document numbers, per region (each party numbers the document itself).
NUMBERING = {
    "34.71": "119.1/{n}/KB/{y}",
    "34.04": "03/PK.KDH/{n}/{y}",
    "34.02": "12/KSD/{n}/{y}",
    "34": "4/NKB.GUB/{n}/{y}",
    "33.08": "180/{n}/KS/{y}",
    "33.09": "415.4/{n}/4.1/{y}",
    "33.10": "130/{n}/KS/{y}",
}


def demo_pdf(title: str) -> bytes:
    """A small, valid one-page PDF with the title on it."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 14 Tf 56 780 Td (" + text[:90] + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


@dataclass
class Spec:
    title: str
    family: str
    category: str
    parties: list[str]  # organisation keys
    owner: str
    affairs: list[str]
    target: str  # the state to reach
    start: datetime.date | None = None
    end: datetime.date | None = None
    legal_basis: list[str] = field(default_factory=lambda: ["PP 28/2018", "Permendagri 22/2020"])
    objectives: str = ""
    scope: str = ""
    pks_by_agency_heads: bool = False
    obligations: list[tuple] = field(default_factory=list)  # (party key, year, amount, status)
    dispute: str = ""
    dispute_on: datetime.date | None = None  # the day the dispute was opened


SPECS = [
    Spec(
        title="Pengelolaan Sampah Regional Kartamantul di TPST Piyungan",
        family="ksdd",
        category="wajib",
        parties=["gov:34.71", "gov:34.04", "gov:34.02"],
        owner="gov:34.71",
        affairs=["environment", "public_works_spatial_planning"],
        target="active",
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2028, 12, 31),
        objectives=(
            "Mengelola sampah ketiga daerah bersama di TPST Piyungan: penerimaan, pemilahan, "
            "pengolahan dan penutupan sel secara bertahap."
        ),
        scope="Pengangkutan, pengolahan, pembiayaan bersama dan pengawasan TPST Piyungan.",
        obligations=[
            ("gov:34.71", 2024, 4_250_000_000, "fulfilled"),
            ("gov:34.04", 2024, 3_900_000_000, "fulfilled"),
            ("gov:34.02", 2024, 2_100_000_000, "fulfilled"),
            ("gov:34.71", 2025, 4_500_000_000, "fulfilled"),
            ("gov:34.04", 2025, 4_100_000_000, "late"),
            ("gov:34.02", 2025, 2_250_000_000, "late"),
            ("gov:34.71", 2026, 4_750_000_000, "pending"),
            ("gov:34.04", 2026, 4_300_000_000, "pending"),
            ("gov:34.02", 2026, 2_400_000_000, "pending"),
        ],
    ),
    Spec(
        title="Sistem Penyediaan Air Minum (SPAM) Regional Kartamantul",
        family="ksdd",
        category="wajib",
        parties=["gov:34", "gov:34.71", "gov:34.04"],
        owner="gov:34",
        affairs=["public_works_spatial_planning"],
        target="pks_drafting",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2035, 12, 31),
        objectives=(
            "Menyediakan air minum curah dari SPAM Regional bagi Kota Yogyakarta dan Sleman."
        ),
    ),
    Spec(
        title="Pelayanan Kesehatan Perbatasan Sleman–Magelang–Klaten–Boyolali",
        family="ksdd",
        category="wajib",
        parties=["gov:34.04", "gov:33.08", "gov:33.10", "gov:33.09"],
        owner="gov:34.04",
        affairs=["health"],
        target="active",
        start=datetime.date(2025, 3, 1),
        end=datetime.date(2030, 2, 28),
        objectives=(
            "Rujukan dan pelayanan kesehatan bagi warga di perbatasan DIY dan Jawa Tengah di "
            "lereng Merapi, termasuk saat erupsi."
        ),
        pks_by_agency_heads=True,
    ),
    Spec(
        title="Kuliah Kerja Nyata Tematik Kota Yogyakarta dan Universitas Gadjah Mada",
        family="ksdpk",
        category="",
        parties=["gov:34.71", "university"],
        owner="gov:34.71",
        affairs=["education", "community_village_empowerment"],
        target="kb_drafting",
        start=datetime.date(2026, 7, 1),
        end=datetime.date(2029, 6, 30),
    ),
    Spec(
        title="Promosi Pariwisata Bersama Yogyakarta–Bantul 2019–2023",
        family="ksdd",
        category="sukarela",
        parties=["gov:34.71", "gov:34.02"],
        owner="gov:34.71",
        affairs=["tourism"],
        target="expired",
        start=datetime.date(2019, 1, 1),
        end=datetime.date(2023, 12, 31),
    ),
    Spec(
        title="Trayek Angkutan Pengumpan Yogyakarta–Sleman",
        family="ksdd",
        category="sukarela",
        parties=["gov:34.71", "gov:34.04"],
        owner="gov:34.71",
        affairs=["transportation"],
        target="in_dispute",
        start=datetime.date(2023, 6, 1),
        end=datetime.date(2027, 5, 31),
        dispute="Pembagian subsidi operasional trayek pengumpan tahun 2026",
        dispute_on=datetime.date(2026, 2, 9),
    ),
    Spec(
        title="Pengembangan Desa Wisata Perbatasan Bantul–Sleman",
        family="ksdd",
        category="sukarela",
        parties=["gov:34.02", "gov:34.04"],
        owner="gov:34.02",
        affairs=["tourism", "culture"],
        target="draft",
    ),
    Spec(
        title="Pertukaran Data Kependudukan Yogyakarta–Bantul",
        family="ksdd",
        category="sukarela",
        parties=["gov:34.71", "gov:34.02"],
        owner="gov:34.71",
        affairs=["population_administration_civil_registration"],
        target="offered",
        start=datetime.date(2026, 9, 1),
        end=datetime.date(2029, 8, 31),
    ),
]

# The path through the national workflow to each target state (transition codes).
TO_ACTIVE = [
    "offer",
    "accept_offer",
    "start_kb_drafting",
    "sign_kb",
    "start_pks_drafting",
    "sign_pks",
    "activate",
]
PATHS = {
    "draft": [],
    "offered": ["offer"],
    "kb_drafting": TO_ACTIVE[:3],
    "pks_drafting": TO_ACTIVE[:5],
    "active": TO_ACTIVE,
    "expired": [*TO_ACTIVE, "expire"],
    "in_dispute": TO_ACTIVE,  # the dispute service makes the last move
}
# When each step happened, in days from the first KB signature (`signed_on`, 45 days before the
# start): the public "Tahapan" list then reads as the agreement's real history, not as the
# day the demo was seeded. Activation is the start date, expiry the day after the end.
STEP_DAYS = {
    "create": -150,
    "offer": -120,
    "accept_offer": -100,
    "start_kb_drafting": -90,
    "sign_kb": 5,
    "start_pks_drafting": 10,
    "sign_pks": 35,
}
STEP_TIME = datetime.time(9, 0)  # in the owner's zone


def step_moment(
    code: str, signed_on: datetime.date, spec: "Spec", zone: str, now: datetime.datetime
) -> datetime.datetime:
    """The moment a demo step happened; never later than now (steps of an agreement that
    starts soon would otherwise lie in the future), and never before the previous one."""
    if code == "activate" and spec.start:
        day = spec.start
    elif code == "expire" and spec.end:
        day = spec.end + datetime.timedelta(days=1)
    else:
        day = signed_on + datetime.timedelta(days=STEP_DAYS.get(code, 0))
    return min(datetime.datetime.combine(day, STEP_TIME, tzinfo=ZoneInfo(zone)), now)


# A step's documents were uploaded shortly before the step itself (they are attached to it).
UPLOAD_LEAD = datetime.timedelta(hours=1)


DOCUMENTS_BEFORE = {
    "offer": ("offer_letter", "Surat penawaran kerja sama"),
    "accept_offer": ("reply_letter", "Surat jawaban penerimaan penawaran"),
    "sign_kb": ("kb", "Kesepakatan Bersama"),
    "sign_pks": ("pks", "Perjanjian Kerja Sama"),
}


class Command(BaseCommand):
    help = "Create the demo agreements (never in production); run seed_demo first."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo_agreements refuses to run with SIMPUL_ENV=production: it creates "
                "invented agreements."
            )
        with acting_as(system_actor(ACTOR)):
            organizations = self._organizations()
            created = 0
            for spec in SPECS:
                if Agreement.objects.filter(title=spec.title).exists():
                    continue
                with transaction.atomic():
                    self._build(spec, organizations)
                created += 1
        self.stdout.write(f"Demo agreements ready: {len(SPECS)} in all ({created} new).")

    # --- organisations --------------------------------------------------------------------

    def _organizations(self) -> dict[str, Organization]:
        if Region.objects.filter(code__in=BORDER_HEALTH_CODES).count() != len(BORDER_HEALTH_CODES):
            regions_load(codes=BORDER_HEALTH_CODES)
        governments_ensure()
        orgs = {
            f"gov:{o.region.code}": o
            for o in Organization.objects.governments().select_related("region")
        }
        university = Organization.objects.filter(
            name="Universitas Gadjah Mada", kind=Organization.Kind.UNIVERSITY
        ).first()
        needed = {key for spec in SPECS for key in spec.parties} - {"university"}
        if university is None or needed - set(orgs):
            raise CommandError(
                "The demo organisations are missing: run `manage.py seed_demo` first."
            )
        orgs["university"] = university
        return orgs

    def _actor(self, owner: Organization) -> User | None:
        """A demo person who edits for the owner, else the platform administrator."""
        membership = (
            Membership.objects.filter(organization=owner, role__in=EDITOR_ROLES)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership is not None:
            return membership.user
        return User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()

    # --- building ---------------------------------------------------------------------------

    def _build(self, spec: Spec, orgs: dict[str, Organization]) -> Agreement:
        owner = orgs[spec.owner]
        user = self._actor(owner)
        signed_on = (spec.start or datetime.date(2026, 1, 1)) - datetime.timedelta(days=45)
        zone, now = zone_of(owner), timezone.now()
        agreement = agreement_create(
            user=user,
            owner=owner,
            family=spec.family,
            category=spec.category,
            title=spec.title,
            parties=[
                (orgs[key], Party.Role.INITIATOR if key == spec.owner else Party.Role.PARTY)
                for key in spec.parties
            ],
            affairs=spec.affairs,
            start_date=spec.start,
            end_date=spec.end,
            legal_basis=spec.legal_basis,
            objectives=spec.objectives,
            scope=spec.scope,
            occurred_at=step_moment("create", signed_on, spec, zone, now),
        )
        parties = {key: agreement.parties.get(organization=orgs[key]) for key in spec.parties}
        for code in PATHS[spec.target]:
            moment = step_moment(code, signed_on, spec, zone, now)
            versions = []
            if code in DOCUMENTS_BEFORE:
                kind, title = DOCUMENTS_BEFORE[code]
                versions.append(
                    self._document(
                        agreement, user, kind, f"{title}: {spec.title}", at=moment - UPLOAD_LEAD
                    )
                )
            if code == "sign_kb":
                self._sign(agreement, parties, "kb", signed_on, spec, user, moment)
            if code == "sign_pks":
                pks_signed_on = signed_on + datetime.timedelta(days=30)
                self._sign(agreement, parties, "pks", pks_signed_on, spec, user, moment)
            agreement.refresh_from_db(fields=["state", "version"])
            agreement_transition(
                agreement=agreement,
                transition_code=code,
                user=None if code == "expire" else user,
                actor_label=f"system:{ACTOR}" if code == "expire" else None,
                note="Data demo" if code != "expire" else "Masa berlaku habis",
                document_versions=versions,
                accept_warnings=True,
                expected_version=agreement.version,
                occurred_at=moment,
            )
        for key, year, amount, status in spec.obligations:
            obligation = obligation_create(
                party=parties[key],
                kind=Obligation.Kind.MONEY,
                description=f"Iuran biaya operasional TPST tahun anggaran {year}",
                amount=Decimal(amount),
                fiscal_year=year,
                funding_source=Obligation.FundingSource.APBD,
                due_date=datetime.date(year, 6, 30),
            )
            if status != Obligation.Status.PENDING:
                obligation_set_status(
                    obligation=obligation,
                    status=status,
                    fulfilled_on=datetime.date(year, 6, 20) if status == "fulfilled" else None,
                )
        if spec.dispute:
            agreement.refresh_from_db(fields=["state", "version"])
            dispute_open(
                agreement=agreement,
                user=user,
                subject=spec.dispute,
                description=(
                    "Para pihak berbeda pendapat tentang porsi subsidi operasional; "
                    "dibahas dalam musyawarah para pihak."
                ),
                parties=list(parties.values()),
                level=DisputeLevel.objects.order_by("position").first(),
                suspends_agreement=True,
                opened_at=self._moment(spec.dispute_on, zone, now),
            )
        agreement.refresh_from_db()
        return agreement

    @staticmethod
    def _moment(day: datetime.date | None, zone: str, now: datetime.datetime):
        if day is None:
            return None
        return min(datetime.datetime.combine(day, STEP_TIME, tzinfo=ZoneInfo(zone)), now)

    def _document(self, agreement, user, kind: str, title: str, party=None, *, at):
        name = f"{kind}-{agreement.reference_code}.pdf".lower()
        return document_upload(
            agreement=agreement,
            user=user,
            kind=kind,
            title=title[:300],
            uploaded_file=ContentFile(demo_pdf(title), name=name),
            party=party,
            uploaded_at=at,
        )

    def _sign(
        self, agreement, parties: dict[str, Party], instrument: str, signed_on, spec, user, step_at
    ):
        for index, (key, party) in enumerate(parties.items(), start=1):
            code = key.removeprefix("gov:")
            pattern = NUMBERING.get(code, "{n}/KS/{y}")
            number = pattern.format(n=f"{agreement.pk:03d}{index}", y=signed_on.year)
            head, office = HEADS.get(code, ("Rektor", "Rektor"))
            if key == "university":
                head, office = "Ova Emilia", "Rektor Universitas Gadjah Mada"
            power_of_attorney = None
            is_head = True
            if instrument == Signature.Instrument.PKS and spec.pks_by_agency_heads:
                region = party.organization.region
                head = f"Kepala Dinas Kesehatan {region.name}"
                office = f"Kepala Dinas Kesehatan {region.name}"
                is_head = False
                version = self._document(
                    agreement,
                    user,
                    Document.Kind.POWER_OF_ATTORNEY,
                    f"Surat kuasa {display_name(party.organization)} untuk menandatangani PKS",
                    party=party,
                    at=step_at - UPLOAD_LEAD,
                )
                power_of_attorney = version.document
            signature_record(
                party=party,
                instrument=instrument,
                document_number=number,
                signatory_name=head,
                signatory_office=office,
                is_head_of_region=is_head,
                signed_on=signed_on + datetime.timedelta(days=index - 1),
                power_of_attorney=power_of_attorney,
            )
