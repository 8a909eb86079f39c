import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.organizations.models import Organization

pytestmark = pytest.mark.django_db

LIST = reverse("organizations:organization-list")


def add_organizations(cast, count: int) -> None:
    Organization.objects.bulk_create(
        Organization(
            name=f"Dinas Uji {i:03d}",
            acronym=f"DU{i}",
            kind=Organization.Kind.REGIONAL_AGENCY,
            region=cast.sleman if i % 2 else cast.semarang,
            parent=cast.pemkot_yogyakarta,
        )
        for i in range(count)
    )


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_directory_needs_the_same_number_of_queries_for_5_or_50_organisations(client, cast):
    client.force_login(cast.eko)
    add_organizations(cast, 5)
    few = queries_for(client, LIST)
    add_organizations(cast, 45)
    many = queries_for(client, LIST)

    assert few == many


def test_the_directory_finds_organisations_by_acronym(client, cast):
    client.force_login(cast.eko)

    response = client.get(LIST, {"q": "kemendagri"})

    assert [o.name for o in response.context["page"].object_list] == ["Kementerian Dalam Negeri"]


def test_the_directory_filters_by_kind_and_by_province(client, cast):
    client.force_login(cast.eko)

    by_kind = client.get(LIST, {"kind": "ngo"}).context["page"].object_list
    in_diy = client.get(LIST, {"province": "34"}).context["page"].object_list

    assert [o.name for o in by_kind] == ["Yayasan Lingkungan Lestari"]
    assert cast.pemkot_semarang not in in_diy
    assert {cast.pemda_diy, cast.pemkot_yogyakarta, cast.dlh_yogyakarta, cast.ngo} <= set(in_diy)


def test_the_directory_is_paginated_and_keeps_the_filters(client, cast):
    client.force_login(cast.eko)
    add_organizations(cast, 40)

    response = client.get(LIST, {"q": "dinas uji", "page": 2})

    assert response.context["page"].number == 2
    assert "q=dinas+uji&amp;page=1" in response.text


def test_inactive_organisations_are_hidden_except_from_platform_admins(client, cast):
    cast.ngo.is_active = False
    cast.ngo.save()

    client.force_login(cast.eko)
    assert cast.ngo not in client.get(LIST).context["page"].object_list
    assert client.get(cast.ngo.get_absolute_url()).status_code == 404
    client.force_login(cast.rina)
    assert client.get(cast.ngo.get_absolute_url()).status_code == 200


def test_the_profile_shows_kind_region_and_units_to_everyone_signed_in(client, cast):
    client.force_login(cast.budi)

    response = client.get(cast.pemkot_yogyakarta.get_absolute_url())

    assert response.context["units"] == [cast.dlh_yogyakarta]
    assert cast.yogyakarta.get_absolute_url() in response.text
    assert not response.context["can_view_internal"]
    assert "Sari Wulandari" not in response.text


def test_the_profile_shows_members_and_history_to_overseers(client, cast):
    client.force_login(cast.gita)

    response = client.get(cast.pemkot_yogyakarta.get_absolute_url())

    assert response.context["can_view_internal"]
    assert "Sari Wulandari" in response.text
    history = reverse(
        "audit:object-history",
        kwargs={"label": "organizations.organization", "pk": cast.pemkot_yogyakarta.pk},
    )
    assert history in response.text


def test_a_joint_secretariat_lists_its_member_regions(client, cast):
    secretariat = Organization.objects.create(
        name="Sekber Kartamantul", kind=Organization.Kind.JOINT_SECRETARIAT
    )
    secretariat.member_regions.set([cast.yogyakarta, cast.sleman, cast.bantul])
    client.force_login(cast.eko)

    response = client.get(secretariat.get_absolute_url())

    assert response.context["member_regions"] == [cast.bantul, cast.sleman, cast.yogyakarta]
    assert cast.sleman.get_absolute_url() in response.text
