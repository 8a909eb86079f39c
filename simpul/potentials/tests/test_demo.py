from django.core.management import call_command

from simpul.potentials.finder import find_partners
from simpul.potentials.models import Record
from simpul.regions.models import Region


def test_the_demo_gives_every_province_records_and_yogyakarta_partners_for_waste_and_water(
    cast,
):
    call_command("seed_demo_potentials", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo_potentials", stdout=open("/dev/null", "w"))  # noqa: SIM115

    provinces = Region.objects.current().provinces()
    with_records = set(Record.objects.values_list("region_id", flat=True))
    assert set(provinces.values_list("pk", flat=True)) <= with_records
    assert not Record.objects.filter(source="").exists()
    yogyakarta = Region.objects.get(pk=cast.yogyakarta.pk)
    for affair in ("environment", "public_works_spatial_planning"):
        result = find_partners(
            yogyakarta, Record.objects.filter(term__affair__code=affair).first().term.affair
        )
        top = result.candidates[0]
        assert top.region.code in {"34.04", "34.02"}
        assert {"border", "match"} <= {reason.code for reason in top.reasons}
