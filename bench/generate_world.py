"""Build a national-scale world for the benchmark, in its own database.

    python bench/generate_world.py                      # var/bench.sqlite3
    python bench/generate_world.py --database /tmp/w.sqlite3 --fresh
    DATABASE_URL=postgres://… python bench/generate_world.py

All 552 regions (with boundaries) and their governments come from the same services as
`load_regions`; then ~5,000 organisations and ~50,000 users with memberships are written with
bulk_create in one transaction, then ~20,000 cooperation agreements with their parties,
affairs and ~100,000 stage events (bulk_create: not audited, like the rest of the world), then
(unless --no-monitoring) plans and monitoring: ~150,000 indicators with quarterly targets and
~5,000,000 data values (bench/world_monitoring.py, raw executemany). The same --seed gives the
same world. On a world built before agreements or monitoring existed, running it again adds
only what is missing.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _django  # noqa: E402

FIRST_NAMES = (  # noqa: SIM905 - a word list reads better as text
    "Agus Ahmad Andi Anisa Ayu Bambang Budi Dedi Dewi Dian Eka Eko Fajar Fitri Gita Hadi Hendra "
    "Indah Intan Joko Kartika Kurniawan Lestari Made Maria Muhammad Nur Nyoman Putri Rahmat Ratna "
    "Rina Rizky Rudi Sari Siti Slamet Sri Taufik Teguh Tri Wahyu Wayan Widya Yanti Yohanes Yusuf"
).split()
LAST_NAMES = (  # noqa: SIM905 - a word list reads better as text
    "Wijaya Santoso Saputra Hidayat Pratama Kusuma Nugroho Lestari Setiawan Purnomo Suryanto "
    "Wibowo Rahmawati Handayani Siregar Nasution Simanjuntak Harahap Tanjung Lubis Sitompul "
    "Manurung Pangaribuan Hutapea Sinaga Daulay Rangkuti Pohan Tambunan Sembiring Ginting Tarigan "
    "Lumbantobing Mahendra Permana Sulistyo Utomo Haryanto Susanto Gunawan Halim Salim Wahyudi "
    "Hakim Firmansyah"
).split()
AGENCIES = (
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("Dinas Lingkungan Hidup", "DLH"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Pendidikan", "Disdik"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
    ("Dinas Perhubungan", "Dishub"),
    ("Dinas Pariwisata", "Dispar"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("Dinas Sosial", "Dinsos"),
    ("Dinas Pertanian dan Pangan", "Distan"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("Dinas Perindustrian dan Perdagangan", "Disperindag"),
)
PARTNER_KINDS = (
    ("ngo", "Yayasan", "or.id", 40),
    ("business", "PT", "co.id", 30),
    ("university", "Universitas", "ac.id", 15),
    ("community_group", "Komunitas", "or.id", 15),
)
PARTNER_WORDS = (  # noqa: SIM905 - a word list reads better as text
    "Lestari Mandiri Sejahtera Harapan Bangsa Nusantara Maju Bersama Cipta Karya Insan Mulia Bumi "
    "Hijau Air Bersih Pesisir Tani Makmur Daur Ulang Digital Cerdas Sehat Peduli"
).split()


def slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", help="SQLite file or database URL (default: var/bench.sqlite3)"
    )
    parser.add_argument("--organizations", type=int, default=5_000)
    parser.add_argument("--users", type=int, default=50_000)
    parser.add_argument("--agreements", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--monitoring",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="add plans, indicators and data values (default: yes)",
    )
    parser.add_argument("--indicators", type=int, default=150_000)
    parser.add_argument("--values", type=int, default=5_000_000)
    parser.add_argument("--fresh", action="store_true", help="delete the SQLite file first")
    args = parser.parse_args(argv)

    url = _django.database_url(args.database)
    path = _django.sqlite_path(url)
    if path is not None:
        if args.fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
    _django.setup(url)
    started = time.monotonic()

    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from simpul.accounts.models import User
    from simpul.audit.context import acting_as, system_actor
    from simpul.organizations.models import Membership, Organization
    from simpul.organizations.services import governments_ensure
    from simpul.regions.models import Region
    from simpul.regions.services import regions_load

    if settings.PRODUCTION:
        print("Refusing to build a benchmark world with SIMPUL_ENV=production.", file=sys.stderr)
        return 2
    print(f"Database: {url}")
    call_command("migrate", verbosity=0, interactive=False)
    if User.objects.exists():
        from simpul.agreements.models import Agreement
        from simpul.monitoring.models import Indicator

        has_agreements = Agreement.objects.exists()
        wants_agreements = not has_agreements and args.agreements > 0
        wants_monitoring = args.monitoring and not Indicator.objects.exists()
        if not (wants_agreements or (wants_monitoring and (has_agreements or wants_agreements))):
            print("This database already holds a world; use --fresh (SQLite) or an empty database.")
            return 1
        if wants_agreements:
            print("World found without agreements: adding the agreements.")
            with transaction.atomic():
                build_agreements(args.agreements, random.Random(args.seed + 1), started)
        if wants_monitoring:
            print("World found without monitoring: adding plans and monitoring.")
            add_monitoring(args, started)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return 0

    with acting_as(system_actor("bench_generate_world")):
        report = regions_load()
        governments_ensure()
    print(f"Regions: {report.created} created ({time.monotonic() - started:.1f} s)")

    rng = random.Random(args.seed)
    now = timezone.now()
    regions = list(Region.objects.current().without_geometry().order_by("code"))
    governments = list(
        Organization.objects.governments().select_related("region").order_by("region__code")
    )

    with transaction.atomic():
        kemendagri = Organization.objects.create(
            name="Kementerian Dalam Negeri",
            acronym="Kemendagri",
            kind=Organization.Kind.CENTRAL_GOVERNMENT,
        )
        new: list[Organization] = []
        for region in regions:
            new.append(
                Organization(
                    name=f"Dewan Perwakilan Rakyat Daerah {region.name}",
                    acronym="DPRD",
                    kind=Organization.Kind.DPRD,
                    region=region,
                )
            )
        partners = args.organizations // 10
        secretariats = 20
        agencies = max(
            0, args.organizations - len(governments) - 1 - len(new) - partners - secretariats
        )
        for index in range(agencies):
            government = governments[index % len(governments)]
            name, acronym = AGENCIES[(index // len(governments)) % len(AGENCIES)]
            new.append(
                Organization(
                    name=f"{name} {government.region.name}",
                    acronym=acronym,
                    kind=Organization.Kind.REGIONAL_AGENCY,
                    region=government.region,
                    parent=government,
                )
            )
        kinds = [k for k, *_ in PARTNER_KINDS]
        weights = [w for *_, w in PARTNER_KINDS]
        prefixes = {k: (p, d) for k, p, d, _ in PARTNER_KINDS}
        for index in range(partners):
            kind = rng.choices(kinds, weights)[0]
            prefix, _domain = prefixes[kind]
            words = " ".join(rng.sample(PARTNER_WORDS, 2))
            new.append(
                Organization(
                    name=f"{prefix} {words} {index + 1}",
                    kind=kind,
                    region=rng.choice(regions),
                )
            )
        for index in range(secretariats):
            new.append(
                Organization(
                    name=f"Sekretariat Bersama Kawasan {index + 1}",
                    kind=Organization.Kind.JOINT_SECRETARIAT,
                    region=rng.choice(regions),
                )
            )
        Organization.objects.bulk_create(new, batch_size=1_000)

        through = Organization.member_regions.through
        links = []
        for secretariat in (o for o in new if o.kind == Organization.Kind.JOINT_SECRETARIAT):
            province = secretariat.region.province
            pool = [r for r in regions if r.parent_id == province.pk] or [secretariat.region]
            for region in rng.sample(pool, min(3, len(pool))):
                links.append(through(organization_id=secretariat.pk, region_id=region.pk))
        through.objects.bulk_create(links, batch_size=1_000)

        organizations = [*governments, kemendagri, *new]
        print(f"Organisations: {len(organizations)} ({time.monotonic() - started:.1f} s)")

        # One hash for everyone: hashing 50,000 passwords would take hours, and the bench
        # never signs these users in.
        password = make_password("bench-password-2026")
        # Most people work for a government or an agency; a few for partners or oversight.
        by_kind: dict[str, list[Organization]] = {}
        for organization in organizations:
            by_kind.setdefault(organization.kind, []).append(organization)
        pools = [
            (by_kind.get("regional_government", []), 45),
            (by_kind.get("regional_agency", []), 40),
            (by_kind.get("dprd", []), 5),
            ([o for k in kinds for o in by_kind.get(k, [])], 9),
            ([kemendagri, *by_kind.get("joint_secretariat", [])], 1),
        ]
        pools = [(pool, weight) for pool, weight in pools if pool]
        roles = list(Membership.Role.values)
        role_weights = [5, 10, 25, 20, 40]
        users: list[User] = []
        homes: list[Organization] = []
        for index in range(args.users):
            pool = rng.choices([p for p, _ in pools], [w for _, w in pools])[0]
            home = rng.choice(pool)
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            domain = f"{slug(home.region.name)}.go.id" if home.region else "kemendagri.go.id"
            users.append(
                User(
                    email=f"{slug(first)}.{slug(last)}.{index:05d}@{domain}",
                    full_name=f"{first} {last}",
                    password=password,
                    preferred_language="en" if index % 10 == 0 else "id",
                    date_joined=now,
                )
            )
            homes.append(home)
        User.objects.bulk_create(users, batch_size=2_000)
        print(f"Users: {len(users)} ({time.monotonic() - started:.1f} s)")

        memberships = []
        for user, home in zip(users, homes, strict=True):
            memberships.append(
                Membership(
                    user_id=user.pk,
                    organization_id=home.pk,
                    role=rng.choices(roles, role_weights)[0],
                )
            )
            if rng.random() < 0.1:
                other = rng.choice(organizations)
                if other.pk != home.pk:
                    memberships.append(
                        Membership(user_id=user.pk, organization_id=other.pk, role="viewer")
                    )
        Membership.objects.bulk_create(memberships, batch_size=2_000)
        print(f"Memberships: {len(memberships)} ({time.monotonic() - started:.1f} s)")

        if args.agreements > 0:
            build_agreements(args.agreements, random.Random(args.seed + 1), started)

    if args.agreements > 0 and args.monitoring:
        add_monitoring(args, started)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"World ready in {time.monotonic() - started:.1f} s: {Region.objects.count()} regions, "
        f"{Organization.objects.count()} organisations, {User.objects.count()} users, "
        f"{Membership.objects.count()} memberships."
    )
    return 0


def add_monitoring(args: argparse.Namespace, started: float) -> None:
    """Plans, indicators, targets, periods, submissions and data values, in one transaction."""
    from django.db import connection, transaction

    from bench.world_monitoring import build_monitoring

    sqlite = connection.vendor == "sqlite"
    if sqlite:
        # One 1 GB transaction: a rollback journal only copies pages that existed before
        # (WAL would write every new page twice), and a 512 MB page cache keeps the big
        # tables' indexes in memory. The server's connections switch back to WAL.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode = DELETE")
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -524288")
    with transaction.atomic():
        counts = build_monitoring(
            indicators=args.indicators,
            values=args.values,
            rng=random.Random(args.seed + 2),
            started=started,
        )
    if sqlite:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
    print(f"Monitoring ready ({time.monotonic() - started:.1f} s): {counts}")


# The national path and how often an agreement stops at each state (weights), chosen so the
# world averages about five events (creation + transitions) per agreement.
MAIN_PATH = (
    ("draft", "", 20),
    ("offered", "offer", 12),
    ("offer_accepted", "accept_offer", 5),
    ("kb_drafting", "start_kb_drafting", 8),
    ("kb_signed", "sign_kb", 8),
    ("pks_drafting", "start_pks_drafting", 6),
    ("pks_signed", "sign_pks", 5),
    ("active", "activate", 22),
)
ENDINGS = (
    ("expired", "expire", 8),
    ("terminated", "terminate", 3),
    ("in_dispute", "open_dispute", 3),
)
FAMILIES = (("ksdd", 70), ("ksdpk", 20), ("sinergi", 5), ("ksdpl", 3), ("ksdll", 2))
BENCH_USERS = (
    # (e-mail, name, organisation finder, role): who run.py signs in as
    ("bench.pusat@kemendagri.go.id", "Bench Pusat", "kemendagri", "viewer"),
    ("bench.daerah@jogjakota.go.id", "Bench Daerah", "34.71", "admin"),
)


def build_agreements(count: int, rng: random.Random, started: float) -> None:
    """~`count` agreements with 2–4 parties, 1–2 affairs and their stage events."""
    import datetime

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from simpul.accounts.models import User
    from simpul.agreements.models import (
        Agreement,
        AgreementEvent,
        GovernmentAffair,
        Party,
        Workflow,
    )
    from simpul.agreements.workflow import workflows_install_defaults
    from simpul.organizations.models import Membership, Organization
    from simpul.regions.models import Border

    if not Workflow.objects.filter(region__isnull=True).exists():
        workflows_install_defaults()
    workflows = {w.family: w for w in Workflow.objects.filter(region__isnull=True)}
    governments = list(
        Organization.objects.governments().select_related("region").order_by("region__code")
    )
    by_region = {g.region_id: g for g in governments}
    regencies = [g for g in governments if g.region.parent_id]
    neighbours: dict[int, list[int]] = {}
    for a, b in Border.objects.values_list("region_a_id", "region_b_id"):
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    partners = list(
        Organization.objects.filter(
            kind__in=["ngo", "business", "university", "community_group"]
        ).order_by("pk")
    )
    kemendagri = Organization.objects.filter(kind="central_government").order_by("pk").first()
    foreign = list(Organization.objects.filter(kind="foreign_partner").order_by("pk"))
    if not foreign:
        foreign = Organization.objects.bulk_create(
            [
                Organization(name=f"Foreign Partner City {i + 1}", kind="foreign_partner")
                for i in range(50)
            ]
        )
    affairs = list(GovernmentAffair.objects.order_by("position"))
    now = timezone.now()

    def parties_for(family: str, category: str) -> list[tuple[Organization, str]]:
        first = rng.choice(regencies)
        if family == "ksdd":
            if category == "wajib":
                pool = [by_region[r] for r in neighbours.get(first.region_id, []) if r in by_region]
                if rng.random() < 0.2:
                    pool.append(by_region[first.region.parent_id])
                others = rng.sample(pool, min(len(pool), rng.choice((1, 1, 2, 3)))) or [
                    by_region[first.region.parent_id]
                ]
            else:
                others = [g for g in rng.sample(governments, 3) if g.pk != first.pk][
                    : rng.choice((1, 1, 2))
                ]
            return [(first, "initiator")] + [(o, "party") for o in others]
        if family == "ksdpk":
            return [(first, "initiator"), (rng.choice(partners), "third_party")]
        if family == "sinergi":
            return [(first, "initiator"), (kemendagri, "party")]
        return [(first, "initiator"), (rng.choice(foreign), "foreign_party")]

    family_names = [f for f, _ in FAMILIES]
    family_weights = [w for _, w in FAMILIES]
    stops = list(MAIN_PATH) + list(ENDINGS)
    stop_weights = [w for *_, w in stops]
    agreements, party_sets, histories = [], [], []
    for index in range(count):
        family = rng.choices(family_names, family_weights)[0]
        category = rng.choice(("wajib", "sukarela")) if family == "ksdd" else ""
        stop = rng.choices(range(len(stops)), stop_weights)[0]
        if stop < len(MAIN_PATH):
            path = [(state, code) for state, code, _ in MAIN_PATH[: stop + 1]]
        else:
            state, code, _ = stops[stop]
            path = [(s, c) for s, c, _ in MAIN_PATH] + [(state, code)]
        year = 2015 + index % 12
        start = datetime.date(year, 1 + index % 12, 1)
        end = start + datetime.timedelta(days=365 * rng.choice((1, 2, 3, 5)))
        parties = parties_for(family, category)
        agreements.append(
            Agreement(
                reference_code=f"BENCH-{year}-{index:06d}",
                title=(
                    f"Kerja sama {rng.choice(affairs).name_id} {parties[0][0].region.name} {index}"
                ),
                family=family,
                category=category,
                start_date=start,
                end_date=end,
                workflow=workflows[family],
                state=path[-1][0],
                owner=parties[0][0],
                legal_basis=["PP 28/2018"],
                version=len(path),
                created_at=now,
                updated_at=now,
            )
        )
        party_sets.append(parties)
        histories.append(path)
    Agreement.objects.bulk_create(agreements, batch_size=2_000)
    print(f"Agreements: {len(agreements)} ({time.monotonic() - started:.1f} s)")

    party_rows, affair_rows, events = [], [], []
    through = Agreement.affairs.through
    for agreement, parties, path in zip(agreements, party_sets, histories, strict=True):
        for position, (organization, role) in enumerate(parties):
            party_rows.append(
                Party(
                    agreement_id=agreement.pk,
                    organization_id=organization.pk,
                    role=role,
                    position=position,
                    created_at=now,
                    updated_at=now,
                )
            )
        for affair in rng.sample(affairs, rng.choice((1, 1, 2))):
            affair_rows.append(through(agreement_id=agreement.pk, governmentaffair_id=affair.pk))
        previous = ""
        moment = datetime.datetime.combine(
            agreement.start_date - datetime.timedelta(days=200),
            datetime.time(9),
            tzinfo=datetime.UTC,
        )
        for seq, (state, code) in enumerate(path, start=1):
            events.append(
                AgreementEvent(
                    agreement_id=agreement.pk,
                    seq=seq,
                    transition_code=code or "create",
                    from_state=previous,
                    to_state=state,
                    actor_label="bench",
                    occurred_at=moment,
                )
            )
            previous = state
            moment += datetime.timedelta(days=rng.randint(3, 40))
    Party.objects.bulk_create(party_rows, batch_size=5_000)
    through.objects.bulk_create(affair_rows, batch_size=5_000)
    AgreementEvent.objects.bulk_create(events, batch_size=5_000)
    print(
        f"Parties: {len(party_rows)}, affairs: {len(affair_rows)}, events: {len(events)} "
        f"({time.monotonic() - started:.1f} s)"
    )

    password = make_password("bench-password-2026")
    for email, name, where, role in BENCH_USERS:
        if where == "kemendagri":
            organization = kemendagri
        else:
            organization = Organization.objects.governments().get(region__code=where)
        user, _created = User.objects.get_or_create(
            email=email, defaults={"full_name": name, "password": password}
        )
        Membership.objects.get_or_create(
            user=user, organization=organization, defaults={"role": role}
        )


if __name__ == "__main__":
    sys.exit(main())
