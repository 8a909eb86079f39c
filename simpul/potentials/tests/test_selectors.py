from simpul.potentials.models import Kind
from simpul.potentials.selectors import region_potential_counts

from .factories import record


def test_counts_give_each_region_its_published_potentials_and_problems(cast):
    record(cast.sleman, "landfill-capacity", Kind.POTENTIAL)
    record(cast.sleman, "raw-water", Kind.POTENTIAL)
    record(cast.yogyakarta, "landfill-capacity", Kind.PROBLEM)
    record(cast.bantul, "raw-water", Kind.PROBLEM, published=False)

    assert region_potential_counts() == {
        cast.sleman.pk: {"potentials": 2, "problems": 0},
        cast.yogyakarta.pk: {"potentials": 0, "problems": 1},
    }


def test_counts_include_unpublished_records_only_when_asked(cast):
    record(cast.bantul, "raw-water", Kind.PROBLEM, published=False)

    assert region_potential_counts(public_only=False) == {
        cast.bantul.pk: {"potentials": 0, "problems": 1}
    }


def test_counts_narrow_to_one_affair_by_code_id_or_object_and_to_one_kind(cast):
    waste = record(cast.sleman, "landfill-capacity", Kind.POTENTIAL).term.affair
    record(cast.sleman, "raw-water", Kind.POTENTIAL)
    record(cast.sleman, "waste-bank", Kind.PROBLEM)

    expected = {cast.sleman.pk: {"potentials": 1, "problems": 1}}
    assert region_potential_counts(affair="environment") == expected
    assert region_potential_counts(affair=waste.pk) == expected
    assert region_potential_counts(affair=waste) == expected
    assert region_potential_counts(affair=waste, kind=Kind.PROBLEM) == {
        cast.sleman.pk: {"potentials": 0, "problems": 1}
    }


def test_counts_take_one_query(cast, django_assert_num_queries):
    record(cast.sleman, "landfill-capacity", Kind.POTENTIAL)
    record(cast.bantul, "raw-water", Kind.PROBLEM)

    with django_assert_num_queries(1):
        region_potential_counts(affair="environment", kind=Kind.POTENTIAL)
