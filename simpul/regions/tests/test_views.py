"""The public regions pages as a visitor sees them (the cast's real data, Indonesian UI)."""

import re

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from simpul.core.context_processors import DATA_ATTRIBUTION
from simpul.regions import views
from simpul.regions.models import Region

LIST = reverse("regions:region-list")


def detail(code: str) -> str:
    return reverse("regions:region-detail", kwargs={"code": code})


def geojson(code: str) -> str:
    return reverse("regions:region-geojson", kwargs={"code": code})


def listed(response) -> list[str]:
    return [r.name for r in response.context["regions"]]


def shown_messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- The directory ---------------------------------------------------------------------------


def test_it_finds_sleman_by_name(client, cast):
    response = client.get(LIST, {"q": "sleman"})
    assert response.status_code == 200
    assert listed(response) == ["Kabupaten Sleman"]
    assert 'href="/wilayah/34.04/"' in response.text


def test_it_finds_sleman_by_code(client, cast):
    assert listed(client.get(LIST, {"q": "34.04"})) == ["Kabupaten Sleman"]


def test_it_filters_by_province(client, cast):
    response = client.get(LIST, {"province": "34"})
    assert listed(response) == [
        "Daerah Istimewa Yogyakarta",
        "Kabupaten Bantul",
        "Kabupaten Sleman",
        "Kota Yogyakarta",
    ]
    assert '<option value="34" selected>' in response.text


def test_it_filters_by_level(client, cast):
    assert listed(client.get(LIST, {"level": "city"})) == ["Kota Semarang", "Kota Yogyakarta"]


def test_it_says_so_when_nothing_matches(client, cast):
    response = client.get(LIST, {"q": "Atlantis"})
    assert listed(response) == []
    assert "<table" not in response.text


@pytest.mark.parametrize(
    "query",
    [{"province": "99"}, {"province": "<script>"}, {"level": "kecamatan"}, {"q": "x" * 500}],
)
def test_it_ignores_a_filter_value_that_does_not_exist_and_says_so(client, cast, query):
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert len(listed(response)) == Region.objects.count()
    assert len(shown_messages(response)) == 1
    assert "<script>" not in response.text


@pytest.mark.parametrize("page", ["abc", "0", "-3", "1.5", "99999"])
def test_it_never_fails_on_a_bad_page_number(client, cast, page):
    response = client.get(LIST, {"page": page})
    assert response.status_code == 200
    assert response.context["page"].number == 1  # the cast fits on one page
    assert len(shown_messages(response)) == 1


def test_it_shows_the_last_page_for_a_page_number_past_the_end(client, cast, many_regions):
    response = client.get(LIST, {"page": "99999", "level": "regency"})
    assert response.context["page"].number == 2
    assert "page=1" in response.text and "level=regency" in response.text


def test_it_shows_codes_time_zones_and_indonesian_numbers(client, cast):
    response = client.get(LIST, {"q": "34.71"})
    row = re.search(r"<tr>\s*<td><code>34.71</code>.*?</tr>", response.text, re.S).group(0)
    assert "Kota Yogyakarta" in row
    assert "Daerah Istimewa Yogyakarta" in row
    assert ">WIB</abbr>" in row
    assert "415.605" in row  # population, Indonesian thousands separator
    assert "32,82" in row  # area in km², Indonesian decimal comma
    assert '<caption id="regions-caption">' in response.text


def add_regencies(province: Region, count: int = 60) -> None:
    """Made-up regencies, enough to fill a page of the directory and start a second."""
    Region.objects.bulk_create(
        Region(
            code=f"34.{n:02d}",
            name=f"Kabupaten Uji {n}",
            level=Region.Level.REGENCY,
            parent=province,
            timezone=Region.TimeZone.WIB,
            latitude=-7.8,
            longitude=110.4,
            population=1000 * n,
            area_km2=n,
        )
        for n in range(5, 5 + count)
    )


@pytest.fixture
def many_regions(cast):
    add_regencies(cast.diy)


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params or {}).status_code == 200
    return len(context.captured_queries)


def test_the_directory_takes_as_many_queries_for_a_full_page_as_for_a_few_rows(
    client, cast, django_assert_num_queries
):
    with django_assert_num_queries(3):  # provinces for the filter, count, one page of rows
        client.get(LIST)
    few = _queries(client, LIST)
    add_regencies(cast.diy)
    response = client.get(LIST)
    assert len(response.context["regions"]) == 50
    assert _queries(client, LIST) == few
    assert _queries(client, LIST, {"page": "2"}) == few


def test_a_signed_in_visitor_sees_the_directory_too(client, cast):
    client.force_login(cast.budi)
    assert listed(client.get(LIST, {"q": "Sleman"})) == ["Kabupaten Sleman"]


# --- A region's profile ----------------------------------------------------------------------


def test_it_shows_kota_yogyakartas_neighbours_sleman_and_bantul(client, cast):
    response = client.get(detail("34.71"))
    assert response.status_code == 200
    neighbours = re.search(r'<table class="striped neighbours">.*?</table>', response.text, re.S)
    assert re.findall(r'href="/wilayah/([\d.]+)/"', neighbours.group(0)) == [
        "34.02",
        "34.04",
    ]
    assert "Kabupaten Bantul" in neighbours.group(0)
    assert "19,3" in neighbours.group(0) and "6,2" in neighbours.group(0)


def test_it_shows_a_regions_key_facts(client, cast):
    text = client.get(detail("34.71")).text
    assert "<h1>Kota Yogyakarta</h1>" in text
    assert 'href="/wilayah/34/"' in text  # its province
    assert "415.605" in text  # population
    assert "32,82 km²" in text  # area
    assert "12.664" in text  # people per km²: 415,605 / 32.819 km²
    assert ">WIB</abbr>" in text


def test_the_profile_carries_the_data_attribution_under_the_map(client, cast):
    text = client.get(detail("34.71")).text
    with translation.override("id"):
        attribution = str(DATA_ATTRIBUTION)
    assert attribution.startswith("Batas wilayah: Badan Informasi Geospasial")
    assert text.index('id="region-map"') < text.index(attribution)


def test_the_map_loads_its_data_without_inline_script(client, cast):
    text = client.get(detail("34.71")).text
    assert 'data-geojson-url="/wilayah/34.71/peta.geojson"' in text
    assert re.search(r'<div id="region-map"[^>]*aria-label="[^"]+"', text)
    assert "js/region-map.js" in text and "leaflet/dist/leaflet.js" in text
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", text) == []
    assert " onclick=" not in text and " onload=" not in text


def test_a_province_page_lists_its_regencies_and_cities(client, cast):
    text = client.get(detail("34")).text
    for code in ("34.02", "34.04", "34.71"):
        assert f'href="/wilayah/{code}/"' in text
    assert "Jawa Tengah" in text  # a neighbouring province


def test_it_shows_that_sorong_carried_code_92_01_until_2022(client, cast):
    text = client.get(detail("96.01")).text
    row = re.search(r"<tr>\s*<th scope=\"row\"><code>92.01</code>.*?</tr>", text, re.S).group(0)
    assert "2022" in row
    assert "UU 29/2022" in row


def test_an_old_code_redirects_permanently_to_the_current_page(client, cast):
    response = client.get(detail("92.01"))
    assert response.status_code == 301
    assert response["Location"] == detail("96.01")


def test_an_unknown_code_is_not_found(client, cast):
    assert client.get(detail("34.99")).status_code == 404
    assert client.get(detail("not-a-code")).status_code == 404


def test_the_not_found_message_names_the_code(cast):
    request = RequestFactory().get(detail("34.99"))
    with pytest.raises(Http404, match="34.99"):
        views.region_detail(request, code="34.99")


def test_a_profile_takes_a_fixed_number_of_queries(client, cast):
    # region, codes, neighbours, formed-from, split-into, the potentials panel's records; and
    # a province's children
    assert _queries(client, detail("34.71")) == 6
    assert _queries(client, detail("34")) == 7


def test_a_province_with_many_regencies_takes_no_more_queries(client, cast, many_regions):
    assert _queries(client, detail("34")) == 7
    assert _queries(client, geojson("34")) == 2


# --- Map data --------------------------------------------------------------------------------


def test_the_geojson_holds_the_region_and_its_neighbours(client, cast):
    response = client.get(geojson("34.71"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    found = [(f["properties"]["code"], f["properties"]["role"]) for f in data["features"]]
    assert found == [("34.71", "self"), ("34.02", "neighbour"), ("34.04", "neighbour")]
    me = data["features"][0]
    assert me["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert me["properties"] == {
        "code": "34.71",
        "name": "Kota Yogyakarta",
        "level": "city",
        "role": "self",
        "url": "/wilayah/34.71/",
    }


def test_the_geojson_of_a_province_holds_its_children(client, cast):
    data = client.get(geojson("34")).json()
    found = [(f["properties"]["code"], f["properties"]["role"]) for f in data["features"]]
    assert found == [("34", "self"), ("34.02", "child"), ("34.04", "child"), ("34.71", "child")]


def test_the_geojson_of_an_unknown_code_is_not_found(client, cast):
    assert client.get(geojson("34.99")).status_code == 404


def test_the_geojson_of_an_old_code_redirects(client, cast):
    response = client.get(geojson("92.01"))
    assert response.status_code == 301
    assert response["Location"] == geojson("96.01")
