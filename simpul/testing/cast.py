"""The named cast every test can use. Each person's comment says what they may see.

Regions: A = Kota Yogyakarta (34.71, province DIY), B = Kota Semarang (33.74, Jawa Tengah).
Sleman (34.04) and Bantul (34.02) are A's neighbours. Only these regions (and their provinces)
are loaded, with their real data and boundaries, to keep tests fast.
"""

import contextlib
import copy
from dataclasses import dataclass

import pytest

from simpul.accounts.models import User
from simpul.agreements.services.reference import reference_data_ensure
from simpul.complaints.categories import install_categories
from simpul.complaints.models import Category
from simpul.core import public_cache
from simpul.monitoring.defaults import monitoring_defaults_ensure
from simpul.organizations.models import Membership, Organization
from simpul.organizations.services import governments_ensure
from simpul.publication.kinds import install_default_rules
from simpul.publication.models import PublicationRule
from simpul.regions import services as region_services
from simpul.regions.models import Region
from simpul.regions.services import regions_load

CAST_REGION_CODES = {"34.71", "34.04", "34.02", "33.74", "33.22", "96.01"}
PASSWORD = "kata-sandi-uji-123"


@dataclass
class Cast:
    # Regions and organisations
    yogyakarta: Region
    semarang: Region
    sleman: Region
    bantul: Region
    diy: Region
    jateng: Region
    pemkot_yogyakarta: Organization
    pemkot_semarang: Organization
    pemda_diy: Organization
    dlh_yogyakarta: Organization
    kemendagri: Organization
    ngo: Organization
    pemkab_sleman: Organization
    sekber_kartamantul: Organization
    # People
    sari: User  # admin of Pemerintah Kota Yogyakarta (region A's cooperation bureau)
    budi: User  # admin of Pemerintah Kota Semarang (region B): sees nothing internal of A
    dewi: User  # data officer at DLH Kota Yogyakarta, an OPD of region A
    gita: User  # coordinator at Pemerintah Provinsi DIY: oversees A, Sleman and Bantul, not B
    hadi: User  # viewer at Kemendagri: central oversight, sees every region
    eko: User  # admin of an NGO in Sleman: a partner, sees only his own organisation inside
    rina: User  # platform administrator (superuser)
    wati: User  # editor at Pemkot Yogyakarta: edits its agreements; never approves or verifies
    tono: User  # data officer at Pemkot Yogyakarta: enters his party's data; edits nothing else
    vina: User  # viewer at Pemkot Yogyakarta: reads what her organisation reads, changes nothing
    yanto: User  # coordinator at Pemkab Sleman, another party: approves for Sleman only
    lina: User  # admin of Sekber Kartamantul (joint secretariat): not a party, sees its own

    def people(self) -> dict[str, User | None]:
        """Everyone, plus the anonymous visitor, by the name the permission matrix uses."""
        return {
            "anonymous": None,
            "sari": self.sari,
            "budi": self.budi,
            "dewi": self.dewi,
            "gita": self.gita,
            "hadi": self.hadi,
            "eko": self.eko,
            "rina": self.rina,
            "wati": self.wati,
            "tono": self.tono,
            "vina": self.vina,
            "yanto": self.yanto,
            "lina": self.lina,
        }


def make_user(email: str, full_name: str, **extra) -> User:
    return User.objects.create_user(email=email, password=PASSWORD, full_name=full_name, **extra)


def make_member(user: User, organization: Organization, role: str) -> Membership:
    return Membership.objects.create(user=user, organization=organization, role=role)


# Parsing the 2.3 MB of boundary GeoJSON was half the cost of building the cast: keep the
# cast's few boundaries in memory (a deep copy each time, so a build never shares objects).
_boundaries_cache: dict[frozenset, dict] = {}


@contextlib.contextmanager
def _cached_boundaries():
    read = region_services._read_boundaries

    def cached(codes):
        key = frozenset(codes) if codes is not None else None
        if key not in _boundaries_cache:
            _boundaries_cache[key] = read(codes)
        return copy.deepcopy(_boundaries_cache[key])

    region_services._read_boundaries = cached
    try:
        yield
    finally:
        region_services._read_boundaries = read


def public_side_defaults_ensure() -> None:
    """Publication rules, complaint categories and the public cache's generation row come
    from data migrations, which a transactional test's flush removes; put them back (cheaply:
    only when missing)."""
    public_cache.generation()  # creates the row when missing
    if not PublicationRule.objects.exists():
        install_default_rules(PublicationRule)
    if not Category.objects.exists():
        install_categories(Category)


def build_cast() -> Cast:
    # A transactional test before this one may have flushed what migrations loaded.
    reference_data_ensure()
    monitoring_defaults_ensure()
    public_side_defaults_ensure()
    with _cached_boundaries():
        regions_load(codes=CAST_REGION_CODES)
    governments_ensure()
    region = {r.code: r for r in Region.objects.all()}
    government = {
        o.region.code: o for o in Organization.objects.governments().select_related("region")
    }
    dlh = Organization.objects.create(
        name="Dinas Lingkungan Hidup Kota Yogyakarta",
        acronym="DLH",
        kind=Organization.Kind.REGIONAL_AGENCY,
        region=region["34.71"],
        parent=government["34.71"],
    )
    kemendagri = Organization.objects.create(
        name="Kementerian Dalam Negeri",
        acronym="Kemendagri",
        kind=Organization.Kind.CENTRAL_GOVERNMENT,
    )
    ngo = Organization.objects.create(
        name="Yayasan Lingkungan Lestari", kind=Organization.Kind.NGO, region=region["34.04"]
    )
    # The joint secretariat of Yogyakarta, Sleman and Bantul (Kartamantul exists in real life).
    sekber = Organization.objects.create(
        name="Sekretariat Bersama Kartamantul",
        acronym="Kartamantul",
        kind=Organization.Kind.JOINT_SECRETARIAT,
        region=region["34.71"],
    )
    sekber.member_regions.set([region["34.71"], region["34.04"], region["34.02"]])
    role = Membership.Role
    cast = Cast(
        yogyakarta=region["34.71"],
        semarang=region["33.74"],
        sleman=region["34.04"],
        bantul=region["34.02"],
        diy=region["34"],
        jateng=region["33"],
        pemkot_yogyakarta=government["34.71"],
        pemkot_semarang=government["33.74"],
        pemda_diy=government["34"],
        dlh_yogyakarta=dlh,
        kemendagri=kemendagri,
        ngo=ngo,
        pemkab_sleman=government["34.04"],
        sekber_kartamantul=sekber,
        sari=make_user("sari@jogjakota.go.id", "Sari Wulandari"),
        budi=make_user("budi@semarangkota.go.id", "Budi Santoso"),
        dewi=make_user("dewi@dlh.jogjakota.go.id", "Dewi Lestari"),
        gita=make_user("gita@jogjaprov.go.id", "Gita Pramesti"),
        hadi=make_user("hadi@kemendagri.go.id", "Hadi Prasetyo"),
        eko=make_user("eko@lestari.or.id", "Eko Nugroho"),
        rina=make_user("rina@simpul.id", "Rina Admin", is_staff=True, is_superuser=True),
        wati=make_user("wati@jogjakota.go.id", "Wati Rahayu"),
        tono=make_user("tono@jogjakota.go.id", "Tono Wibowo"),
        vina=make_user("vina.kartika@jogjakota.go.id", "Vina Kartika"),
        yanto=make_user("yanto@slemankab.go.id", "Yanto Susilo"),
        lina=make_user("lina@kartamantul.id", "Lina Marlina"),
    )
    make_member(cast.sari, cast.pemkot_yogyakarta, role.ADMIN)
    make_member(cast.budi, cast.pemkot_semarang, role.ADMIN)
    make_member(cast.dewi, cast.dlh_yogyakarta, role.DATA_OFFICER)
    make_member(cast.gita, cast.pemda_diy, role.COORDINATOR)
    make_member(cast.hadi, cast.kemendagri, role.VIEWER)
    make_member(cast.eko, cast.ngo, role.ADMIN)
    make_member(cast.wati, cast.pemkot_yogyakarta, role.EDITOR)
    make_member(cast.tono, cast.pemkot_yogyakarta, role.DATA_OFFICER)
    make_member(cast.vina, cast.pemkot_yogyakarta, role.VIEWER)
    make_member(cast.yanto, cast.pemkab_sleman, role.COORDINATOR)
    make_member(cast.lina, cast.sekber_kartamantul, role.ADMIN)
    return cast


@pytest.fixture
def cast(db) -> Cast:
    return build_cast()
