import pytest

from simpul.core.status import status_kinds

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_urls(settings):
    settings.DEBUG = True


def test_the_style_page_shows_every_shared_part_while_debug_is_on(client, debug_urls):
    response = client.get("/dev/ui/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="breadcrumb"' in html and 'aria-current="page"' in html
    assert 'class="pagination"' in html
    assert "data-table-wrap" in html
    assert "Rp\u00a045.020.000.000" in html
    assert "WITA" in html
    assert "WIT<" in html or "WIT\u00a0" in html
    assert 'aria-invalid="true"' in html


def test_the_style_page_shows_a_pill_for_every_registered_status_kind(client, debug_urls):
    html = client.get("/dev/ui/").content.decode()
    for kind in status_kinds():
        for value, tone in kind.tones.items():
            assert f'data-kind="{kind.name}" data-status="{value}" data-tone="{tone}"' in html


def test_the_style_page_shows_money_in_both_languages(client, debug_urls):
    html = client.get("/dev/ui/").content.decode()
    assert "Rp\u00a045,02\u00a0miliar" in html
    assert "Rp\u00a045.02\u00a0billion" in html


def test_the_style_page_shows_a_chart_beside_its_table_and_a_map_on_the_base_layer(
    client, debug_urls
):
    html = client.get("/dev/ui/").content.decode()
    chart_part = html[html.index('<div class="chart-with-table">') :]
    assert chart_part.index("<svg") < chart_part.index('<div class="chart-data">')
    assert chart_part.index('<div class="chart-data">') < chart_part.index("<table")
    assert 'data-geojson-url="/wilayah/34/peta.geojson"' in html
    assert 'data-base-url="/wilayah/peta-dasar/provinsi.geojson"' in html
    for script in ("leaflet.js", "js/map-base.js", "js/map.js", "js/region-map.js"):
        assert script in html


def test_the_style_page_does_not_exist_without_debug(client, settings):
    settings.DEBUG = False
    assert client.get("/dev/ui/").status_code == 404
