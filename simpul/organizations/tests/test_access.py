"""Who sees an organisation's inside: members, overseers of the government side, and no one
through a deactivated organisation."""

from simpul.organizations.access import (
    memberships_of,
    organization_can_view_internal,
    role_in,
)
from simpul.organizations.models import Organization


def test_a_member_of_a_deactivated_organisation_has_no_role_in_it(cast):
    cast.pemkot_yogyakarta.is_active = False
    cast.pemkot_yogyakarta.save()
    assert memberships_of(cast.wati) == []
    assert role_in(cast.wati, cast.pemkot_yogyakarta) is None


def test_a_province_does_not_see_the_members_of_an_ngo_in_its_region(cast):
    assert cast.ngo.region == cast.sleman
    assert not organization_can_view_internal(cast.gita, cast.ngo)
    assert not organization_can_view_internal(cast.hadi, cast.ngo)
    assert organization_can_view_internal(cast.eko, cast.ngo)


def test_a_province_sees_a_joint_secretariat_only_when_it_oversees_every_member_region(cast):
    assert organization_can_view_internal(cast.gita, cast.sekber_kartamantul)
    across_provinces = Organization.objects.create(
        name="Sekretariat Bersama Jogja–Semarang",
        kind=Organization.Kind.JOINT_SECRETARIAT,
    )
    across_provinces.member_regions.set([cast.yogyakarta, cast.semarang])
    assert not organization_can_view_internal(cast.gita, across_provinces)
    assert organization_can_view_internal(cast.hadi, across_provinces)


def test_the_joint_secretariats_admin_sees_only_her_own_organisation_inside(cast):
    assert organization_can_view_internal(cast.lina, cast.sekber_kartamantul)
    assert not organization_can_view_internal(cast.lina, cast.pemkot_yogyakarta)
    assert not organization_can_view_internal(cast.sari, cast.sekber_kartamantul)


def test_a_province_sees_inside_its_own_regencies_and_cities_only(cast):
    assert organization_can_view_internal(cast.gita, cast.pemkot_yogyakarta)
    assert organization_can_view_internal(cast.gita, cast.pemkab_sleman)
    assert not organization_can_view_internal(cast.gita, cast.pemkot_semarang)
