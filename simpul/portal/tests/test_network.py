"""The public cooperation network (issue 16, item 3): who connects whom, from public
agreements only, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.agreements.tests.factories import make_agreement
from simpul.core.public_cache import bump
from simpul.portal.network import betweenness

from .test_pages_support import decide, public_agreement

# The messages these tests read are the English ones (the site speaks Indonesian first).
ENGLISH = {"accept-language": "en"}

pytestmark = pytest.mark.django_db

NETWORK = reverse("portal:network")


def _graph(*edges: str) -> dict[str, set[str]]:
    adjacency: dict[str, set[str]] = {}
    for edge in edges:
        a, b = edge[0], edge[1]
        adjacency.setdefault(a, set()).add(b)
        adjacency.setdefault(b, set()).add(a)
    return adjacency


def test_betweenness_counts_the_share_of_shortest_paths_through_each_node():
    # A path a–b–c–d: b lies on a–c and a–d, two of the three pairs it is not in.
    path = betweenness(_graph("ab", "bc", "cd"))
    assert path == pytest.approx({"a": 0, "b": 2 / 3, "c": 2 / 3, "d": 0})
    # A star: the centre lies on every path between two leaves.
    assert betweenness(_graph("hx", "hy", "hz")) == pytest.approx({"h": 1, "x": 0, "y": 0, "z": 0})
    # A square: each opposite pair has two shortest paths, so each node carries half of one.
    assert betweenness(_graph("ab", "bc", "cd", "da")) == pytest.approx(
        dict.fromkeys("abcd", 1 / 6)
    )
    assert betweenness(_graph("ab")) == {"a": 0, "b": 0}


def test_a_large_network_estimates_betweenness_from_evenly_spread_pivots_keeping_its_hubs():
    # Two stars of 30 leaves whose centres are joined: the centres carry nearly every path.
    edges = [f"a{i}" for i in range(30)] + [f"b{i}" for i in range(30)]
    adjacency: dict[str, set[str]] = {"A": {"B"}, "B": {"A"}}
    for leaf in edges:
        hub = leaf[0].upper()
        adjacency[hub].add(leaf)
        adjacency[leaf] = {hub}

    exact = betweenness(adjacency)
    estimate = betweenness(adjacency, pivots=10)

    assert betweenness(adjacency, pivots=len(adjacency)) == pytest.approx(exact)
    assert set(sorted(estimate, key=estimate.get, reverse=True)[:2]) == {"A", "B"}
    assert estimate["A"] == pytest.approx(exact["A"], rel=0.25)
    assert estimate["a1"] == 0


def _rows(response) -> dict[str, tuple[int, int, str]]:
    return {
        n.name: (n.degree, n.agreements, f"{n.betweenness:.3f}")
        for n in response.context["network"].nodes
    }


def test_the_network_links_parties_of_public_agreements_and_puts_the_connector_first(client, cast):
    public_agreement(cast, title="Kartamantul")  # Yogyakarta, Sleman, Bantul
    public_agreement(cast, title="Angkutan", parties=[cast.pemkot_yogyakarta, cast.pemkot_semarang])
    public_agreement(cast, title="Sampah", parties=[cast.pemkot_yogyakarta, cast.pemkab_sleman])
    make_agreement(cast, title="Draf", family="ksdpk", parties=[cast.pemkot_yogyakarta, cast.ngo])
    hidden = public_agreement(
        cast, title="Tertutup", family="ksdpk", parties=[cast.pemkab_sleman, cast.ngo]
    )
    decide(hidden, "parties", public=False)

    response = client.get(NETWORK)

    assert response.status_code == 200
    # Yogyakarta alone joins Semarang to Sleman and Bantul: on 2 of the 3 pairs of the others
    # (Sleman and Bantul are partners themselves).
    assert _rows(response) == {
        "Kota Yogyakarta": (3, 3, "0.667"),
        "Kabupaten Sleman": (2, 2, "0.000"),
        "Kabupaten Bantul": (2, 1, "0.000"),
        "Kota Semarang": (1, 1, "0.000"),
    }
    assert response.context["network"].nodes[0].name == "Kota Yogyakarta"
    edges = {(e.a.name, e.b.name): e.count for e in response.context["network"].edges}
    weights = sorted(edges.values(), reverse=True)
    assert weights == [2, 1, 1, 1]  # Yogyakarta–Sleman share two agreements
    page = response.content.decode()
    assert "<svg" in page and "Yayasan Lingkungan Lestari" not in page
    assert "Daerah Istimewa Yogyakarta" not in [
        r.name for r in response.context["network"].isolated
    ]


def test_an_organisation_that_is_no_government_is_a_node_of_its_own(client, cast):
    public_agreement(cast, title="Hutan", family="ksdpk", parties=[cast.pemkab_sleman, cast.ngo])

    rows = _rows(client.get(NETWORK))

    assert rows == {
        "Kabupaten Sleman": (1, 1, "0.000"),
        "Yayasan Lingkungan Lestari": (1, 1, "0.000"),
    }


def test_the_province_filter_keeps_its_agreements_and_lists_its_regions_in_none(client, cast):
    public_agreement(cast, title="Angkutan", parties=[cast.pemkot_yogyakarta, cast.pemkot_semarang])
    public_agreement(cast, title="Kartamantul")

    response = client.get(NETWORK + "?province=33")

    assert set(_rows(response)) == {"Kota Yogyakarta", "Kota Semarang"}
    isolated = [r.name for r in response.context["network"].isolated]
    assert "Jawa Tengah" in isolated and "Kota Semarang" not in isolated
    assert "Kabupaten Sleman" not in isolated  # another province's region is not listed


def test_an_unknown_province_or_affair_is_a_400_that_names_what_to_use(client, cast):
    response = client.get(NETWORK + "?province=99", headers=ENGLISH)
    assert response.status_code == 400
    assert "province code" in response.content.decode()

    response = client.get(NETWORK + "?affair=nonsense&family=zzz", headers=ENGLISH)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Unknown government affair" in page and "ksdd" in page


def test_the_network_takes_the_same_number_of_queries_for_one_agreement_or_many(client, cast):
    public_agreement(cast, title="Satu")
    with CaptureQueriesContext(connection) as one:
        client.get(NETWORK)
    for title in ("Dua", "Tiga"):
        public_agreement(cast, title=title, parties=[cast.pemkot_yogyakarta, cast.pemkot_semarang])
        public_agreement(
            cast, title=title, family="ksdpk", parties=[cast.pemkot_semarang, cast.ngo]
        )
    bump()  # the public cache keeps the first answer until public information changes
    with CaptureQueriesContext(connection) as many:
        response = client.get(NETWORK)

    assert len(_rows(response)) == 5
    assert len(many) == len(one)
