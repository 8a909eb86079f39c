"""The named cast every test can use. Each person's comment says what they may see.

Regions: A = Kota Yogyakarta (34.71, province DIY), B = Kota Semarang (33.74, Jawa Tengah).
Sleman (34.04) and Bantul (34.02) are A's neighbours. Only these regions (and their provinces)
are loaded, with their real data and boundaries, to keep tests fast.

Each relationship to the usual agreement (Kota Yogyakarta, Sleman and Bantul) has the roles
that matter in it: a party organisation (Pemkot Yogyakarta: sari admin, wati editor, tono data
officer, vina viewer; Pemkab Sleman: yanto coordinator), the registering organisation when it
is no party (Biro Tata Pemerintahan DIY: fitri coordinator, joko data officer; the permission
matrix registers its agreements there), an agency under a party (DLH Kota Yogyakarta: agus
editor, dewi data officer), the joint secretariat (lina), province oversight (gita), central
oversight (hadi), a partner (eko) and an outsider (budi).

The cast's rows are built once per test process (each pytest-xdist worker), committed in the
worker's test database right after it is migrated, together with the reference data that
migrations load. Every test runs in a transaction that is rolled back, so the rows are always
there and always pristine, and the `cast` fixture hands each test its own copy of the Python
objects. A transactional test (`transaction=True`, `live_server`) empties every table when it
ends; the rows are then built again before the next test. A test that needs the people,
organisation or region tables empty says so by asking for the `without_cast` fixture.
"""

import contextlib
import copy
import time
from dataclasses import dataclass
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import Client, override_settings

from simpul.accounts.middleware import RENEWED_AT
from simpul.accounts.models import User
from simpul.agreements.services.reference import reference_data_ensure
from simpul.audit.models import AuditChainHead, AuditEvent
from simpul.complaints.categories import install_categories
from simpul.complaints.models import Category
from simpul.core import public_cache
from simpul.monitoring.defaults import monitoring_defaults_ensure
from simpul.organizations.models import Invitation, Membership, Organization
from simpul.organizations.services import governments_ensure
from simpul.publication.kinds import install_default_rules
from simpul.publication.models import PublicationRule
from simpul.regions import services as region_services
from simpul.regions.models import Border, Region, RegionCode, RegionSuccession
from simpul.regions.services import regions_load
from simpul.testing import snapshot, template_db
from simpul.testing.settings import TEST_SETTINGS, private_cache

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
    biro_tapem_diy: Organization
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
    fitri: User  # coordinator at Biro Tata Pemerintahan DIY: registers agreements it is no party
    # to; edits them and verifies their data, never approves, consents or enters data for a party
    joko: User  # data officer at Biro Tata Pemerintahan DIY: reads what it registered, no more
    agus: User  # editor at DLH Kota Yogyakarta (agency of a party): enters the party's data;
    # reads the agreement but edits, verifies and approves nothing of it

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
            "fitri": self.fitri,
            "joko": self.joko,
            "agus": self.agus,
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
    # The province's cooperation bureau registers cooperation between its regencies and cities
    # (the governor facilitates it) without being a party.
    biro_tapem = Organization.objects.create(
        name="Biro Tata Pemerintahan Setda DIY",
        acronym="Biro Tapem DIY",
        kind=Organization.Kind.REGIONAL_AGENCY,
        region=region["34"],
        parent=government["34"],
    )
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
        biro_tapem_diy=biro_tapem,
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
        fitri=make_user("fitri@jogjaprov.go.id", "Fitri Handayani"),
        joko=make_user("joko@jogjaprov.go.id", "Joko Purnomo"),
        agus=make_user("agus@dlh.jogjakota.go.id", "Agus Setiawan"),
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
    make_member(cast.fitri, cast.biro_tapem_diy, role.COORDINATOR)
    make_member(cast.joko, cast.biro_tapem_diy, role.DATA_OFFICER)
    make_member(cast.agus, cast.dlh_yogyakarta, role.EDITOR)
    return cast


def _boundaries_within(instances) -> list:
    """The boundary of every region among the instances and the related objects they cache."""
    found, seen, todo = [], set(), list(instances)
    while todo:
        instance = todo.pop()
        if id(instance) in seen or not hasattr(instance, "_state"):
            continue
        seen.add(id(instance))
        if isinstance(instance, Region) and instance.boundary is not None:
            found.append(instance.boundary)
        todo.extend(instance._state.fields_cache.values())
    return found


class SessionCast:
    """The cast of one test process: built once, committed, copied for each test."""

    def __init__(self) -> None:
        self.pristine: Cast | None = None
        self.db_blocker = None  # pytest-django's, to reach the database between tests
        self.shared: list = []
        self.session_keys: dict[int, str] = {}
        # Every table's rows right after the first build (simpul/testing/snapshot.py).
        self.rows: snapshot.Snapshot | None = None

    def build(self) -> None:
        quick = override_settings(**TEST_SETTINGS, CACHES=private_cache("session-cast"))
        with quick, transaction.atomic():
            self.pristine = build_cast()
            self.session_keys = {
                user.pk: _session_for(user)
                for user in self.pristine.people().values()
                if user is not None
            }
        self.shared = _boundaries_within(vars(self.pristine).values())
        self.rows = snapshot.take()

    def restore_if_gone(self) -> bool:
        """Put the cast back if a transactional test emptied the tables; say if it did. The
        rows are copied back as they stood after the first build, with the same ids, so the
        Python objects and session keys built then stay valid."""
        if User.objects.filter(pk=self.pristine.sari.pk).exists():
            return False
        snapshot.restore(self.rows)
        return True

    def fresh(self) -> Cast:
        # Each test gets its own instances: one test's in-memory changes (a renamed user, the
        # memberships cached on a user by organizations.access) never reach the next test.
        # The regions' boundary GeoJSON is shared, not copied: copying it was 90% of the cost
        # of a copy, and no test changes a boundary in place (they assign a new one).
        memo = {id(boundary): boundary for boundary in self.shared}
        return copy.deepcopy(self.pristine, memo)


session_cast = SessionCast()


def _session_for(user: User) -> str:
    # What `Client.force_login` stores, without its login signal (last_login, audit) and its
    # new row per call: the session is built once with the cast and committed with it.
    backend = "django.contrib.auth.backends.ModelBackend"
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[RENEWED_AT] = int(time.time())  # as a sign-in does (accounts.middleware)
    session.save()
    return session.session_key


def sign_in(client: Client, user: User) -> None:
    """Sign a cast member in on `client` with the session built with the cast: for tests that
    sign many people in one after another (the permission matrix)."""
    client.cookies[settings.SESSION_COOKIE_NAME] = session_cast.session_keys[user.pk]


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """The worker's test database is copied from a migrated template (simpul/testing/
    template_db.py) instead of migrated; then the cast and the reference data are committed
    in it, once."""
    session_cast.db_blocker = django_db_blocker
    with django_db_blocker.unblock():
        old_name = template_db.create_test_database(connection)
        session_cast.build()
    yield
    session_cast.pristine = None
    with django_db_blocker.unblock():
        template_db.destroy_test_database(connection, old_name)


@pytest.fixture
def cast(db) -> Cast:
    return session_cast.fresh()


def _empty_audit_log() -> None:
    # Plain SQL inside the test's transaction, which the rollback undoes. The audit log
    # refuses DELETE on PostgreSQL (a trigger) but allows TRUNCATE, transactional there too.
    tables = [AuditEvent._meta.db_table, AuditChainHead._meta.db_table]
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))


# Every table the cast's build writes to, besides the reference data.
CAST_TABLES = [
    Membership,
    Invitation,
    Organization.member_regions.through,
    Organization,
    User.groups.through,
    User.user_permissions.through,
    User,
    Border,
    RegionSuccession,
    RegionCode,
    Region,
]


def _remove_cast_rows() -> None:
    _empty_audit_log()
    # DELETE rather than TRUNCATE: PostgreSQL refuses to truncate a table other tables refer
    # to, and checks the (deferred) foreign keys only when the transaction ends.
    with connection.cursor() as cursor:
        for model in CAST_TABLES:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - our own table names


@pytest.fixture
def empty_audit_log(db) -> None:
    """For tests that read the whole audit log: the cast's creation events are removed inside
    the test's transaction, so the chain starts at row 1."""
    _empty_audit_log()


@pytest.fixture
def without_cast(db) -> None:
    """For tests that need the people, organisation and region tables (and the audit log)
    empty: the cast's rows are removed inside the test's transaction."""
    _remove_cast_rows()


def _uses_database(item: pytest.Item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    return bool(
        item.get_closest_marker("django_db") or names & {"_django_db_helper", "live_server"}
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # After the test's fixtures are torn down: a transactional test has flushed every table
    # by now, so put the reference data and the cast back before the next test starts.
    try:
        return (yield)
    finally:
        if session_cast.pristine is not None and _uses_database(item):
            with session_cast.db_blocker.unblock():
                session_cast.restore_if_gone()
