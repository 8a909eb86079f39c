"""The partner finder's ranking, checked against scores computed by hand from the shown inputs.

The regions are placed on the equator so that distances are easy to check: 0.9° of longitude
is 100.08 km (shown 100.1 km), 1.8° is 200.2 km, 3° is 333.6 km (beyond the 300 km horizon).
"""

from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import translation

from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.knowledge.tests.factories import make_item
from simpul.potentials.finder import FinderUnavailable, find_partners, regions_with_potential
from simpul.potentials.models import Kind
from simpul.regions.models import Border, Region

from .factories import record, term


def place(region, longitude, population):
    Region.objects.filter(pk=region.pk).update(
        latitude=Decimal(0), longitude=Decimal(longitude), population=population
    )


def border(a, b, km):
    first, second = sorted([a.pk, b.pk])
    Border.objects.update_or_create(
        region_a_id=first, region_b_id=second, defaults={"shared_km": Decimal(km)}
    )


@pytest.fixture
def world(cast):
    place(cast.yogyakarta, 110, 400_000)
    place(cast.sleman, "110.9", 1_000_000)
    place(cast.bantul, "111.8", 1_000_000)
    place(cast.semarang, 113, 1_600_000)
    Border.objects.filter(region_a__in=[cast.semarang], region_b__in=[cast.yogyakarta]).delete()
    border(cast.yogyakarta, cast.sleman, "6.2")
    border(cast.yogyakarta, cast.bantul, "19.3")
    record(cast.yogyakarta, "landfill-capacity", Kind.PROBLEM)
    record(cast.sleman, "landfill-capacity", Kind.POTENTIAL)
    record(cast.bantul, "landfill-capacity", Kind.PROBLEM)
    record(cast.semarang, "landfill-capacity", Kind.POTENTIAL)
    return cast


def points(candidate):
    return {reason.code: reason.points for reason in candidate.reasons}


def test_the_ranking_follows_the_documented_formula_on_hand_computed_cases(world):
    result = find_partners(Region.objects.get(pk=world.yogyakarta.pk))

    ranked = [(c.region.name, c.score) for c in result.candidates]
    # Sleman: border 3×1 + match 4×1 + distance 2×(1 − 100.1/300 = 0.67) + size 1×0.40
    # Bantul: border 3×1 + same problem 2×1 + distance 2×(1 − 200.2/300 = 0.33) + size 0.40
    # Kota Semarang: match 4×1 + distance 2×0 + size 1×(400,000/1,600,000 = 0.25)
    assert ranked[:3] == [
        ("Kabupaten Sleman", Decimal("8.74")),
        ("Kabupaten Bantul", Decimal("6.06")),
        ("Kota Semarang", Decimal("4.25")),
    ]
    sleman = result.candidates[0]
    assert points(sleman) == {
        "border": Decimal("3.00"),
        "match": Decimal("4.00"),
        "distance": Decimal("1.34"),
        "size": Decimal("0.40"),
    }
    labels = " | ".join(reason.label for reason in sleman.reasons)
    assert "(6,2 km)" in labels or "(6.2 km)" in labels
    assert "100,1 km" in labels or "100.1 km" in labels


@override_settings(
    SIMPUL_PARTNER_FINDER={
        "weights": {
            "border": 0,
            "match": 1,
            "same_problem": 5,
            "ties": 2,
            "distance": 0,
            "size": 0,
            "practice": 3,
        },
        "distance_max_km": 300,
    }
)
def test_the_weights_come_from_settings_and_ties_and_practices_count(world):
    make_agreement(world, parties=[world.pemkot_yogyakarta, government_of(world.sleman)])
    make_item(world, status="published", owner=world.pemkab_sleman, by=world.yanto).affairs.add(
        term().affair
    )

    result = find_partners(Region.objects.get(pk=world.yogyakarta.pk), term().affair)

    scores = {c.region.name: c.score for c in result.candidates}
    # Bantul: same problem 5×1 = 5; Sleman: match 1 + ties 2 + practice 3 = 6.
    assert scores["Kabupaten Sleman"] == Decimal("6.00")
    assert scores["Kabupaten Bantul"] == Decimal("5.00")
    assert [c.region.name for c in result.candidates][:2] == [
        "Kabupaten Sleman",
        "Kabupaten Bantul",
    ]


def test_unpublished_records_never_count(world):
    record(world.bantul, "raw-water", Kind.POTENTIAL, published=False)
    record(world.yogyakarta, "raw-water", Kind.PROBLEM)

    result = find_partners(Region.objects.get(pk=world.yogyakarta.pk))

    bantul = next(c for c in result.candidates if c.region.pk == world.bantul.pk)
    assert "match" not in points(bantul)


def test_an_affair_limits_matches_to_its_terms(world):
    record(world.yogyakarta, "raw-water", Kind.PROBLEM)
    record(world.bantul, "raw-water", Kind.POTENTIAL)

    water = find_partners(Region.objects.get(pk=world.yogyakarta.pk), term("raw-water").affair)
    waste = find_partners(Region.objects.get(pk=world.yogyakarta.pk), term().affair)

    assert "match" in points(next(c for c in water.candidates if c.region.pk == world.bantul.pk))
    assert "match" not in points(
        next(c for c in waste.candidates if c.region.pk == world.bantul.pk)
    )


def test_a_province_gets_an_explanation_instead_of_candidates(world):
    with translation.override("en"), pytest.raises(FinderUnavailable, match="regencies and cities"):
        find_partners(world.diy)


def test_the_finder_runs_a_constant_number_of_queries(world, django_assert_num_queries):
    yogyakarta = Region.objects.get(pk=world.yogyakarta.pk)
    with django_assert_num_queries(7):
        find_partners(yogyakarta)
    record(world.bantul, "raw-water", Kind.POTENTIAL)
    record(world.yogyakarta, "raw-water", Kind.PROBLEM)
    make_agreement(world, parties=[world.pemkot_yogyakarta, government_of(world.sleman)])
    with django_assert_num_queries(7):
        find_partners(yogyakarta)


def test_the_reverse_search_lists_the_regions_with_the_matching_potential(world):
    found = regions_with_potential(term(), exclude=world.yogyakarta.pk)

    assert [r.region.name for r in found] == ["Kabupaten Sleman", "Kota Semarang"]
