"""`manage.py load_regions` on the full reference data (2.3 MB of GeoJSON: kept to one test)."""

from io import StringIO

from django.core.management import call_command

from simpul.organizations.models import Organization
from simpul.regions.models import Border, Region, RegionCode, RegionSuccession
from simpul.regions.selectors import region_neighbours
from simpul.regions.services import region_resolve_code


def _load() -> str:
    out = StringIO()
    call_command("load_regions", stdout=out)
    return out.getvalue()


def _snapshot() -> tuple:
    return (
        list(Region.objects.order_by("pk").values_list("pk", "code", "name", "updated_at")),
        list(Border.objects.order_by("pk").values_list("pk", "shared_km")),
        RegionCode.objects.count(),
        RegionSuccession.objects.count(),
        list(Organization.objects.order_by("pk").values_list("pk", "name")),
    )


def test_it_loads_all_of_indonesia_once_and_a_second_run_changes_nothing(without_cast):
    first = _load()

    assert Region.objects.count() == 552
    assert Region.objects.filter(level=Region.Level.PROVINCE).count() == 38
    assert Region.objects.filter(level=Region.Level.REGENCY).count() == 416
    assert Region.objects.filter(level=Region.Level.CITY).count() == 98
    assert Border.objects.count() == 1028
    assert Organization.objects.governments().count() == 552
    assert "552 created" in first
    assert "Government organisations: 552 created" in first

    yogyakarta = Region.objects.get(code="34.71")
    assert [r.name for r in region_neighbours(yogyakarta)] == [
        "Kabupaten Bantul",
        "Kabupaten Sleman",
    ]

    sorong = region_resolve_code("92.01")
    assert (sorong.code, sorong.name) == ("96.01", "Kabupaten Sorong")

    before = _snapshot()
    second = _load()

    assert _snapshot() == before
    assert "0 created, 0 updated, 552 unchanged" in second
    assert "Borders: 0 created" in second
    assert "Government organisations: 0 created" in second
