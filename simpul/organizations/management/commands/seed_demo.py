"""Demo data for `make demo`: the Kartamantul area (Kota Yogyakarta, Sleman, Bantul) with its
agencies, partners and one person for each role and each kind of oversight.

Safe to run again: every row is found by its natural key before it is created. Refuses to run
in production, because it creates accounts with a published password.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from simpul.accounts.models import User
from simpul.audit.context import acting_as, system_actor
from simpul.organizations.models import Invitation, Membership, Organization
from simpul.organizations.services import governments_ensure, invitation_create
from simpul.regions.models import Region
from simpul.regions.services import regions_load

DEMO_PASSWORD = "simpul-demo-2026"  # noqa: S105 - published on purpose; refused in production

# DIY and Jawa Tengah, and the three Kartamantul members: Kota Yogyakarta, Sleman, Bantul.
DEMO_REGION_CODES = {"33", "34", "34.71", "34.04", "34.02"}
KARTAMANTUL = ("34.71", "34.04", "34.02")

Kind = Organization.Kind
Role = Membership.Role

# Agencies (OPD) every Kartamantul member gets: (name, acronym).
AGENCIES = (
    ("Dinas Lingkungan Hidup", "DLH"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
)


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    position: str
    organization: str  # a key of the organisations dict built by the command
    role: str | None  # None: no membership (the platform administrator)
    superuser: bool = False


PEOPLE = (
    DemoPerson(
        "ratna.kusumawati@jogjakota.go.id",
        "Ratna Kusumawati",
        "Kepala Bagian Kerja Sama",
        "gov:34.71",
        Role.ADMIN,
    ),
    DemoPerson(
        "agus.widodo@slemankab.go.id",
        "Agus Widodo",
        "Analis Kerja Sama",
        "gov:34.04",
        Role.COORDINATOR,
    ),
    DemoPerson(
        "siti.rahmawati@bantulkab.go.id",
        "Siti Rahmawati",
        "Pengelola Kerja Sama",
        "gov:34.02",
        Role.EDITOR,
    ),
    DemoPerson(
        "yusuf.hidayat@dlh.jogjakota.go.id",
        "Yusuf Hidayat",
        "Pengelola Data Lingkungan",
        "DLH:34.71",
        Role.DATA_OFFICER,
    ),
    DemoPerson(
        "fitri.handayani@bappeda.slemankab.go.id",
        "Fitri Handayani",
        "Perencana Ahli Muda",
        "Bappeda:34.04",
        Role.VIEWER,
    ),
    DemoPerson(
        "bambang.suryanto@jogjaprov.go.id",
        "Bambang Suryanto",
        "Kepala Biro Tata Pemerintahan",
        "gov:34",
        Role.COORDINATOR,
    ),
    DemoPerson(
        "indah.permatasari@kemendagri.go.id",
        "Indah Permatasari",
        "Analis Kebijakan, Ditjen Bina Administrasi Kewilayahan",
        "kemendagri",
        Role.VIEWER,
    ),
    DemoPerson(
        "teguh.prasetyo@lingkunganlestari.or.id",
        "Teguh Prasetyo",
        "Direktur Eksekutif",
        "ngo",
        Role.ADMIN,
    ),
    DemoPerson(
        "wahyu.nugroho@kartamantul.go.id",
        "Wahyu Nugroho",
        "Staf Sekretariat Bersama",
        "sekber",
        Role.EDITOR,
    ),
    DemoPerson(
        "admin@simpul.go.id",
        "Rudi Hartono",
        "Administrator Platform",
        "",
        None,
        superuser=True,
    ),
)

# (organisation key, e-mail, role, invited by)
INVITATIONS = (
    ("gov:34.71", "dimas.saputra@jogjakota.go.id", Role.EDITOR, "ratna.kusumawati@jogjakota.go.id"),
    ("university", "lestari.wijayanti@ugm.ac.id", Role.VIEWER, "admin@simpul.go.id"),
)


class Command(BaseCommand):
    help = "Create the demo organisations, users and invitations (never in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo refuses to run with SIMPUL_ENV=production: it creates accounts "
                "with a published password."
            )
        with acting_as(system_actor("seed_demo")), transaction.atomic():
            regions = self._regions()
            organizations = self._organizations(regions)
            users, created_users = self._people(organizations)
            created_invitations = self._invitations(organizations, users)
        self.stdout.write(
            f"Demo data ready: {len(organizations)} organisations, {len(users)} people "
            f"({created_users} new), {len(INVITATIONS)} pending invitations "
            f"({created_invitations} new)."
        )
        self._print_logins(organizations)

    # --- regions ------------------------------------------------------------------------

    def _regions(self) -> dict[str, Region]:
        regions = {
            r.code: r for r in Region.objects.filter(code__in=DEMO_REGION_CODES).defer("boundary")
        }
        if set(regions) != DEMO_REGION_CODES:
            self.stdout.write(
                "Regions missing: loading the demo regions (run load_regions for all 552)."
            )
            regions_load(codes=DEMO_REGION_CODES)
            regions = {
                r.code: r
                for r in Region.objects.filter(code__in=DEMO_REGION_CODES).defer("boundary")
            }
        governments_ensure(regions=list(regions.values()))
        return regions

    # --- organisations ------------------------------------------------------------------

    def _organizations(self, regions: dict[str, Region]) -> dict[str, Organization]:
        orgs: dict[str, Organization] = {
            f"gov:{o.region.code}": o
            for o in Organization.objects.governments()
            .filter(region__in=regions.values())
            .select_related("region")
        }
        orgs["kemendagri"] = self._org(
            "Kementerian Dalam Negeri",
            Kind.CENTRAL_GOVERNMENT,
            acronym="Kemendagri",
            website="https://www.kemendagri.go.id",
            address="Jl. Medan Merdeka Utara No. 7, Jakarta Pusat",
        )
        for code in KARTAMANTUL:
            region = regions[code]
            for name, acronym in AGENCIES:
                orgs[f"{acronym}:{code}"] = self._org(
                    f"{name} {region.name}",
                    Kind.REGIONAL_AGENCY,
                    acronym=acronym,
                    region=region,
                    parent=orgs[f"gov:{code}"],
                )
        orgs["dprd:34.71"] = self._org(
            "Dewan Perwakilan Rakyat Daerah Kota Yogyakarta",
            Kind.DPRD,
            acronym="DPRD Kota Yogyakarta",
            region=regions["34.71"],
        )
        sekber = self._org(
            "Sekretariat Bersama Kartamantul",
            Kind.JOINT_SECRETARIAT,
            acronym="Sekber Kartamantul",
            region=regions["34.71"],
            description=(
                "Sekretariat bersama Kota Yogyakarta, Kabupaten Sleman dan Kabupaten Bantul "
                "untuk pengelolaan prasarana dan sarana perkotaan lintas wilayah."
            ),
        )
        members = {regions[code].pk for code in KARTAMANTUL}
        have = set(sekber.member_regions.values_list("pk", flat=True))
        if members - have:
            sekber.member_regions.add(*(members - have))
        orgs["sekber"] = sekber
        orgs["ngo"] = self._org(
            "Yayasan Lingkungan Lestari",
            Kind.NGO,
            region=regions["34.04"],
            description=(
                "Lembaga swadaya masyarakat pendamping bank sampah dan pengelolaan sampah "
                "berbasis warga."
            ),
        )
        orgs["university"] = self._org(
            "Universitas Gadjah Mada",
            Kind.UNIVERSITY,
            acronym="UGM",
            region=regions["34.04"],
            website="https://ugm.ac.id",
            address="Bulaksumur, Caturtunggal, Depok, Sleman",
        )
        orgs["business"] = self._org(
            "PT Kartamantul Daur Ulang",
            Kind.BUSINESS,
            region=regions["34.02"],
            description="Pengolahan sampah menjadi kompos dan bahan baku daur ulang di Piyungan.",
        )
        return orgs

    def _org(self, name: str, kind: str, **defaults) -> Organization:
        organization, _ = Organization.objects.get_or_create(
            name=name, kind=kind, defaults=defaults
        )
        return organization

    # --- people -------------------------------------------------------------------------

    def _people(self, orgs: dict[str, Organization]) -> tuple[dict[str, User], int]:
        users: dict[str, User] = {}
        created = 0
        for person in PEOPLE:
            user = User.objects.filter(email__iexact=person.email).first()
            if user is None:
                user = User.objects.create_user(
                    email=person.email,
                    password=DEMO_PASSWORD,
                    full_name=person.full_name,
                    position=person.position,
                    is_staff=person.superuser,
                    is_superuser=person.superuser,
                )
                created += 1
            if person.role is not None:
                membership, _ = Membership.objects.get_or_create(
                    user=user,
                    organization=orgs[person.organization],
                    defaults={"role": person.role},
                )
                if membership.role != person.role:
                    membership.role = person.role
                    membership.save(update_fields=["role", "updated_at"])
            users[person.email] = user
        return users, created

    def _invitations(self, orgs: dict[str, Organization], users: dict[str, User]) -> int:
        """Invite through the service, so the worker e-mails them (to the console in the demo).
        A pending invitation that has not expired is left alone; an expired one is renewed."""
        created = 0
        for key, email, role, inviter in INVITATIONS:
            pending = Invitation.objects.filter(
                organization=orgs[key], email=email, status=Invitation.Status.PENDING
            ).first()
            if pending is not None and not pending.is_expired:
                continue
            invitation_create(
                organization=orgs[key], email=email, role=role, invited_by=users[inviter]
            )
            created += 1
        return created

    # --- output -------------------------------------------------------------------------

    def _print_logins(self, orgs: dict[str, Organization]) -> None:
        # In English, like the README's copy of this table.
        with translation.override("en"):
            self._print_table(orgs)

    def _print_table(self, orgs: dict[str, Organization]) -> None:
        rows = [("E-mail", "Role", "Organisation")]
        for person in PEOPLE:
            if person.role is None:
                rows.append((person.email, "Platform administrator", "—"))
            else:
                rows.append(
                    (person.email, str(Role(person.role).label), orgs[person.organization].name)
                )
        widths = [max(len(str(row[i])) for row in rows) for i in range(3)]
        line = "+-" + "-+-".join("-" * w for w in widths) + "-+"
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for everyone: {DEMO_PASSWORD})")
        self.stdout.write(line)
        for index, row in enumerate(rows):
            self.stdout.write(
                "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
            )
            if index == 0:
                self.stdout.write(line)
        self.stdout.write(line)
