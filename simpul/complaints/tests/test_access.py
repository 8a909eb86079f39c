"""Oversight of complaints covers the government side only."""

from simpul.complaints.access import complaints_visible_to

from .factories import make_complaint


def test_oversight_does_not_reach_complaints_routed_to_a_partner(cast):
    to_ngo = make_complaint(region=cast.sleman, responsible=cast.ngo)
    to_government = make_complaint(region=cast.yogyakarta, responsible=cast.pemkot_yogyakarta)
    seen = set(complaints_visible_to(cast.gita))
    assert to_government in seen
    assert to_ngo not in seen
    assert to_ngo in set(complaints_visible_to(cast.eko))
