import pytest
from django.urls import reverse

from simpul.agreements.tests.factories import make_agreement
from simpul.core.public_cache import bump
from simpul.organizations.models import Organization

from .test_pages_support import decide, public_agreement

pytestmark = pytest.mark.django_db

MAP_DATA = reverse("portal:map-data")


def _features(response, kind: str) -> dict:
    return {
        f["properties"]["name"]: f
        for f in response.json()["features"]
        if f["properties"]["kind"] == kind
    }


def test_the_map_shades_regions_by_public_cooperations_and_links_their_parties(client, cast):
    semarang = Organization.objects.governments().get(region=cast.semarang)
    kartamantul = public_agreement(cast, title="Kartamantul")
    public_agreement(cast, title="Angkutan", parties=[cast.pemkot_yogyakarta, semarang])
    make_agreement(cast, title="Draf", parties=[cast.pemkot_yogyakarta, semarang])
    hidden = public_agreement(
        cast, title="Pihak tertutup", parties=[cast.pemkot_yogyakarta, semarang]
    )
    decide(hidden, "parties", public=False)

    response = client.get(MAP_DATA)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    regions = _features(response, "region")
    assert {name: f["properties"]["count"] for name, f in regions.items()} == {
        "Kota Yogyakarta": 2,
        "Kabupaten Sleman": 1,
        "Kabupaten Bantul": 1,
        "Kota Semarang": 1,
    }
    yogyakarta = regions["Kota Yogyakarta"]
    assert yogyakarta["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert yogyakarta["properties"]["url"] == reverse("portal:region", args=["34.71"])
    links = _features(response, "link")
    assert len(links) == 4  # Yogyakarta–Sleman–Bantul (three lines) and Yogyakarta–Semarang
    [sleman_line] = [f for name, f in links.items() if "Sleman" in name and "Yogyakarta" in name]
    assert sleman_line["properties"]["agreements"] == [
        {
            "code": kartamantul.reference_code,
            "title": "Kartamantul",
            "url": reverse("portal:agreement", args=[kartamantul.reference_code]),
        }
    ]
    assert "Draf" not in response.text and "Pihak tertutup" not in response.text
    # Small: simplified boundaries with coordinates rounded to three decimals.
    assert len(response.content) < 60_000
    assert all(len(str(x).split(".")[-1]) <= 3 for x in yogyakarta["geometry"]["coordinates"][0][0])


def test_the_map_and_its_table_follow_the_type_filter_and_stay_cached_until_a_change(client, cast):
    public_agreement(cast, title="Kartamantul")

    assert _features(client.get(MAP_DATA + "?family=ksdpk"), "region") == {}
    assert client.get(reverse("portal:home") + "?family=ksdpk").context["regions"] == []
    assert len(_features(client.get(MAP_DATA + "?family=ksdd&affair=nonsense"), "region")) == 3
    assert _features(client.get(MAP_DATA), "region")["Kota Yogyakarta"]["properties"]["count"] == 1

    public_agreement(cast, title="Kedua", parties=[cast.pemkot_yogyakarta, cast.pemda_diy])
    assert _features(client.get(MAP_DATA), "region")["Kota Yogyakarta"]["properties"]["count"] == 1
    bump()
    assert _features(client.get(MAP_DATA), "region")["Kota Yogyakarta"]["properties"]["count"] == 2


def test_a_province_taking_part_is_drawn_as_a_province_under_its_regencies(client, cast):
    public_agreement(cast, title="Kawasan", parties=[cast.pemkot_yogyakarta, cast.pemda_diy])

    features = client.get(MAP_DATA).json()["features"]

    kinds = [f["properties"]["kind"] for f in features]
    [diy] = [f for f in features if f["properties"]["kind"] == "province"]
    assert diy["properties"]["name"] == "Daerah Istimewa Yogyakarta"
    assert diy["properties"]["count"] == 1
    assert diy["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    # Drawn first, so the regencies inside it stay on top and clickable.
    assert kinds.index("province") < kinds.index("region")
    # Every shaded area carries the point its name is written at.
    assert all(f["properties"]["point"] for f in features if f["properties"]["kind"] != "link")
