"""The neutral base layer every map draws under its regions (regions/basemap.py): all of
Indonesia with names, small enough for a phone, served with an entity tag."""

import csv
import gzip
import json

import pytest
import shapely
from django.urls import reverse
from shapely.geometry import Point, shape

from simpul.regions import basemap
from simpul.regions.services import DATA_DIR

pytestmark = pytest.mark.django_db

PROVINCES = reverse("regions:base-layer", kwargs={"level": "provinsi"})
REGENCIES = reverse("regions:base-layer", kwargs={"level": "kabupaten-kota"})


def reference_names(level: str) -> dict[str, str]:
    with (DATA_DIR / "regions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    wanted = {"province"} if level == "province" else {"regency", "city"}
    return {row["code"]: row["name"] for row in rows if row["level"] in wanted}


def served(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return json.loads(body)


def test_the_national_base_layer_draws_all_38_provinces_with_their_names(client):
    layer = served(client.get(PROVINCES, HTTP_ACCEPT_ENCODING="gzip, deflate, br"))

    names = {f["properties"]["code"]: f["properties"]["name"] for f in layer["features"]}
    assert len(names) == 38
    assert names == reference_names("province")
    assert names["34"] == "Daerah Istimewa Yogyakarta"
    assert names["96"] == "Papua Barat Daya"
    for feature in layer["features"]:
        outline = shape(feature["geometry"])
        assert outline.geom_type in {"Polygon", "MultiPolygon"} and outline.is_valid
        # The name is written at a point of the province itself.
        assert outline.buffer(0.02).contains(Point(feature["properties"]["label"]))


def test_the_national_base_layer_stays_within_its_300_kb_gzip_budget():
    layer = basemap.base_layer(basemap.PROVINCES)

    assert len(layer.gzipped) <= 300_000 == basemap.BUDGET_GZIP_BYTES
    assert layer.features == 38


def test_the_regency_layer_has_every_regency_and_city_within_the_same_budget(client):
    layer = basemap.base_layer(basemap.REGENCIES)
    assert len(layer.gzipped) <= 300_000

    served_layer = served(client.get(REGENCIES, HTTP_ACCEPT_ENCODING="gzip"))
    names = {f["properties"]["code"]: f["properties"]["name"] for f in served_layer["features"]}
    assert names == reference_names("regency")
    assert len(names) == 514


def test_province_borders_follow_their_regencies_so_the_two_layers_line_up():
    provinces = basemap.base_layer(basemap.PROVINCES).geojson()["features"]
    regencies = basemap.base_layer(basemap.REGENCIES).geojson()["features"]
    [diy] = [shape(f["geometry"]) for f in provinces if f["properties"]["code"] == "34"]
    parts = [shape(f["geometry"]) for f in regencies if f["properties"]["code"].startswith("34.")]

    assert len(parts) == 5
    # The same outline, up to the 0.001° grid both are rounded to.
    assert diy.symmetric_difference(shapely.union_all(parts)).area < 0.001 * diy.area


def test_a_browser_that_has_the_layer_gets_not_modified(client):
    first = client.get(PROVINCES, HTTP_ACCEPT_ENCODING="gzip")
    assert first["Cache-Control"] == "public, max-age=86400"
    assert "Accept-Encoding" in first["Vary"]

    again = client.get(PROVINCES, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""


def test_a_client_that_cannot_unzip_gets_the_same_layer_uncompressed(client):
    zipped = client.get(PROVINCES, HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get(PROVINCES)

    assert "Content-Encoding" not in plain
    assert served(plain) == served(zipped)
    assert plain["ETag"] != zipped["ETag"]


def test_an_unknown_layer_is_not_found(client):
    response = client.get(reverse("regions:base-layer", kwargs={"level": "desa"}))

    assert response.status_code == 404
