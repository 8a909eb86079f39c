"""Reads behind the regions pages, on the test cast's real data (see simpul/testing/cast.py)."""

from decimal import Decimal

from simpul.regions.models import Region
from simpul.regions.selectors import (
    region_list,
    region_map_features,
    region_neighbours,
    region_profile,
)


def names(regions) -> list[str]:
    return [r.name for r in regions]


def test_it_finds_a_region_by_part_of_its_name_in_any_case(cast):
    assert names(region_list(q="sLeMaN")) == ["Kabupaten Sleman"]


def test_it_finds_regions_by_the_start_of_their_code(cast):
    assert names(region_list(q="34.04")) == ["Kabupaten Sleman"]
    assert set(names(region_list(q="34"))) == {
        "Daerah Istimewa Yogyakarta",
        "Kabupaten Bantul",
        "Kabupaten Sleman",
        "Kota Yogyakarta",
    }


def test_it_does_not_match_a_code_in_the_middle(cast):
    assert names(region_list(q="71")) == []


def test_it_lists_a_province_with_everything_inside_it(cast):
    assert names(region_list(province_code="33")) == [
        "Jawa Tengah",
        "Kabupaten Semarang",
        "Kota Semarang",
    ]


def test_it_filters_by_level(cast):
    assert names(region_list(level=Region.Level.CITY)) == ["Kota Semarang", "Kota Yogyakarta"]
    assert names(region_list(level=Region.Level.PROVINCE, province_code="34")) == [
        "Daerah Istimewa Yogyakarta"
    ]


def test_it_never_loads_boundaries_for_the_directory(cast):
    region = region_list(q="34.71").get()
    assert "boundary" in region.get_deferred_fields()
    assert "boundary" in region.parent.get_deferred_fields()


def test_it_finds_neighbours_whichever_side_of_the_border_they_are_stored_on(cast):
    neighbours = list(region_neighbours(cast.yogyakarta))
    assert names(neighbours) == ["Kabupaten Bantul", "Kabupaten Sleman"]
    assert [n.shared_km for n in neighbours] == [Decimal("19.3"), Decimal("6.2")]
    assert "Kota Yogyakarta" in names(region_neighbours(cast.sleman))


def test_it_gives_a_regions_profile_with_neighbours_and_code_history(
    cast, django_assert_num_queries
):
    sorong = Region.objects.select_related("parent").get(code="96.01")
    with django_assert_num_queries(4):
        profile = region_profile(sorong)
    assert profile.parent.code == "96"
    assert profile.children == []
    assert [c.code for c in profile.codes] == ["92.01", "96.01"]
    assert [c.code for c in profile.former_codes] == ["92.01"]
    assert profile.codes[0].valid_to.year == 2022


def test_it_lists_a_provinces_regencies_and_cities_in_its_profile(cast):
    profile = region_profile(cast.diy)
    assert profile.parent is None
    assert names(profile.children) == ["Kabupaten Bantul", "Kabupaten Sleman", "Kota Yogyakarta"]


def test_it_maps_a_city_with_its_neighbours_and_a_province_with_its_children(cast):
    city = [(role, r.code) for role, r in region_map_features(cast.yogyakarta)]
    assert city == [("self", "34.71"), ("neighbour", "34.02"), ("neighbour", "34.04")]
    province = [(role, r.code) for role, r in region_map_features(cast.diy)]
    assert province == [("self", "34"), ("child", "34.02"), ("child", "34.04"), ("child", "34.71")]
