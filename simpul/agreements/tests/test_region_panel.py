"""The agreements section of a region's profile page, and the partner lines for its map."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.agreements.tests.factories import government_of, make_agreement

pytestmark = pytest.mark.django_db


def region_page(client, region):
    return client.get(reverse("regions:region-detail", kwargs={"code": region.code}))


def test_a_visitor_sees_no_agreements_on_a_region_page(cast, client):
    make_agreement(cast)
    response = region_page(client, cast.yogyakarta)
    assert response.status_code == 200
    assert b'id="region-agreements"' not in response.content


def test_a_member_sees_the_regions_agreements_and_partner_lines(cast, client):
    agreement = make_agreement(cast, state="active")
    client.force_login(cast.sari)
    response = region_page(client, cast.yogyakarta)
    assert b'id="region-agreements"' in response.content
    assert agreement.get_absolute_url().encode() in response.content
    lines = response.context["panels"]
    assert lines
    start = response.content.index(b'id="region-partner-lines"')
    script = response.content[start:].split(b">", 1)[1].split(b"</script>", 1)[0]
    data = json.loads(script)
    assert {f["properties"]["code"] for f in data["features"]} == {"34.04", "34.02"}
    assert all(f["geometry"]["type"] == "LineString" for f in data["features"])


def test_another_regions_admin_does_not_see_agreements_they_are_not_party_to(cast, client):
    make_agreement(cast)
    client.force_login(cast.budi)
    response = region_page(client, cast.yogyakarta)
    assert b'id="region-agreements"' not in response.content


def test_the_region_page_query_count_does_not_grow_with_agreements(cast, client):
    client.force_login(cast.sari)
    make_agreement(cast)
    region_page(client, cast.yogyakarta)  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        region_page(client, cast.yogyakarta)
    semarang = government_of(cast.semarang)
    for index in range(4):
        make_agreement(cast, title=f"Kerja sama {index}")
    make_agreement(
        cast,
        parties=[cast.pemkot_yogyakarta, semarang],
        category="sukarela",
        title="Pertukaran pegawai",
    )
    with CaptureQueriesContext(connection) as many:
        response = region_page(client, cast.yogyakarta)
    assert response.content.count(b"data-agreement=") == 6
    assert len(many) == len(one)
