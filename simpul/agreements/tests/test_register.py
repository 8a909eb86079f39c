"""The register: people see only their agreements, filter, search, sort and page through."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from simpul.agreements.models import GovernmentAffair
from simpul.agreements.tests.factories import government_of, make_agreement
from simpul.search import index

URL = reverse("agreements:agreement-list")


def shown(response) -> set[int]:
    return {a.pk for a in response.context["page"].object_list}


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_people_see_only_the_agreements_they_may_see(client, cast):
    ours = make_agreement(cast, title="Sampah regional")
    semarang = make_agreement(
        cast,
        parties=[cast.pemkot_semarang, government_of(cast.jateng)],
        title="Semarang dan DIY",
    )
    client.force_login(cast.budi)
    assert shown(client.get(URL)) == {semarang.pk}
    client.force_login(cast.eko)
    assert shown(client.get(URL)) == set()
    client.force_login(cast.sari)
    assert shown(client.get(URL)) == {ours.pk}
    client.force_login(cast.hadi)
    assert shown(client.get(URL)) == {ours.pk, semarang.pk}


def test_filters_narrow_the_register(client, cast):
    today = timezone.localdate()
    water = GovernmentAffair.objects.get(position=3)
    soon = make_agreement(
        cast,
        title="Air minum",
        objectives="Pelayanan air bersih lintas kota",
        start_date=datetime.date(2024, 1, 1),
        end_date=today + datetime.timedelta(days=60),
        affairs=[water],
    )
    later = make_agreement(
        cast,
        title="Transportasi",
        parties=[cast.pemkot_yogyakarta, government_of(cast.sleman)],
        start_date=datetime.date(2025, 1, 1),
        end_date=today + datetime.timedelta(days=900),
    )
    client.force_login(cast.sari)
    assert shown(client.get(URL, {"expiring": "on"})) == {soon.pk}
    assert shown(client.get(URL, {"year": "2025"})) == {later.pk}
    assert shown(client.get(URL, {"affair": water.pk})) == {soon.pk}
    index.rebuild()  # the test's transaction never commits, so the on-commit refresh waits
    assert shown(client.get(URL, {"q": "AIR BERSIH"})) == {soon.pk}
    assert shown(client.get(URL, {"q": "transport"})) == {later.pk}
    bantul = government_of(cast.bantul)
    assert shown(client.get(URL, {"organization": bantul.pk})) == {soon.pk}
    assert shown(client.get(URL, {"region": cast.bantul.pk})) == {soon.pk}
    # A province includes the agreements of its regencies and cities.
    assert shown(client.get(URL, {"region": cast.diy.pk})) == {soon.pk, later.pk}
    assert shown(client.get(URL, {"state": "active"})) == set()
    assert shown(client.get(URL, {"family": "ksdpk"})) == set()
    assert shown(client.get(URL, {"category": "sukarela"})) == {soon.pk, later.pk}


def test_sorting_by_title_and_end_date(client, cast):
    b = make_agreement(cast, title="B kerja sama", end_date=datetime.date(2030, 1, 1))
    a = make_agreement(cast, title="A kerja sama", end_date=datetime.date(2031, 1, 1))
    client.force_login(cast.sari)
    titles = client.get(URL, {"sort": "title"}).context["page"].object_list
    assert [x.pk for x in titles] == [a.pk, b.pk]
    ends = client.get(URL, {"sort": "end"}).context["page"].object_list
    assert [x.pk for x in ends] == [b.pk, a.pk]


def test_bad_filter_values_are_ignored_not_a_server_error(client, cast):
    make_agreement(cast)
    client.force_login(cast.sari)
    response = client.get(URL, {"year": "abc", "region": "999999", "sort": "drop", "page": "x"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 1


@pytest.mark.parametrize("count", [3, 30])
def test_the_register_takes_the_same_number_of_queries_for_3_or_30_agreements(
    client, cast, count, django_assert_max_num_queries
):
    for i in range(count):
        make_agreement(cast, title=f"Kerja sama {i}", affairs=[GovernmentAffair.objects.first()])
    client.force_login(cast.sari)
    client.get(URL)  # warm the session and caches
    with django_assert_max_num_queries(16):
        response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(count, 25)


def test_the_register_pages_by_25(client, cast):
    for i in range(27):
        make_agreement(cast, title=f"Kerja sama {i:02d}")
    client.force_login(cast.sari)
    second = client.get(URL, {"page": 2})
    assert len(second.context["page"].object_list) == 2
