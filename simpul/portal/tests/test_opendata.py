"""Open data downloads, the data dictionary and the bulk ZIP (simpul/portal/opendata.py)."""

import csv
import io
import json
import zipfile
from datetime import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.agreements.tests.factories import make_agreement
from simpul.core import schedule
from simpul.portal import opendata
from simpul.portal.tests.permissions_opendata import FORMULA_TITLE, opendata_world
from simpul.search import index

pytestmark = pytest.mark.django_db

GEOMETRY_TYPES = {"Point", "Polygon", "MultiPolygon"}
# What the world keeps internal: a draft agreement, an unpublished indicator's values and
# budget of a draft, and a value that was submitted but never verified.
SECRETS = ["Rahasia", "77777", "66666", "99999", "8888888"]


def _download(client, name, fmt, query=""):
    response = client.get(reverse("opendata:dataset", kwargs={"name": name, "fmt": fmt}) + query)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode("utf-8")


@pytest.fixture
def world(cast):
    return opendata_world(cast)


def test_every_dataset_downloads_in_each_format_and_parses(client, world):
    for dataset in opendata.DATASETS.values():
        for fmt in dataset.formats:
            response, text = _download(client, dataset.name, fmt)
            assert response.status_code == 200, (dataset.name, fmt)
            assert response.streaming
            assert response["Link"] == f'<{dataset.license["url"]}>; rel="license"'
            assert f'.{fmt}"' in response["Content-Disposition"]
            if fmt == "csv":
                assert not text.startswith("\ufeff")
                rows = list(csv.reader(io.StringIO(text)))
                assert rows[0] == dataset.field_names
                assert all(len(row) == len(rows[0]) for row in rows)
            elif fmt == "json":
                document = json.loads(text)
                assert document["license"] == dataset.license["url"]
                assert all(set(row) == set(dataset.field_names) for row in document["data"])
            else:
                document = json.loads(text)
                assert document["type"] == "FeatureCollection"
                assert document["features"]
                for feature in document["features"]:
                    assert feature["type"] == "Feature"
                    assert feature["geometry"]["type"] in GEOMETRY_TYPES
    _, regions = _download(client, "regions", "geojson")
    yogyakarta = next(f for f in json.loads(regions)["features"] if f["id"] == "34.71")
    assert yogyakarta["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert yogyakarta["properties"]["name"] == "Kota Yogyakarta"


def test_the_public_agreement_its_parties_verified_values_and_budget_are_in_the_files(
    client, world
):
    _, agreements = _download(client, "agreements", "json")
    rows = {row["id"]: row for row in json.loads(agreements)["data"]}
    public = rows[world.public.reference_code]
    assert public["stage"] == "active"
    assert public["start_date"] == "2025-01-01"
    assert "Pemerintah Kota Yogyakarta" in public["parties"]
    assert public["url"].endswith(f"/{world.public.reference_code}/")
    _, values = _download(client, "indicator-values", "csv")
    assert f"{world.public.reference_code}/IND-{world.indicator.pk}" in values
    assert "12.5" in values
    _, budgets = _download(client, "budgets", "json")
    budget = [
        b for b in json.loads(budgets)["data"] if b["agreement"] == world.public.reference_code
    ]
    assert budget == [
        {
            "agreement": world.public.reference_code,
            "party": "Pemerintah Kota Yogyakarta",
            "fiscal_year": 2026,
            "funding_source": "apbd",
            "planned": 1000000,
            "realised": 400000,
        }
    ]


def test_nothing_internal_appears_in_any_download(client, world):
    for dataset in opendata.DATASETS.values():
        for fmt in dataset.formats:
            _, text = _download(client, dataset.name, fmt)
            for secret in [*SECRETS, world.draft.reference_code]:
                assert secret not in text, (dataset.name, fmt, secret)
            assert world.hidden_indicator.name not in text


def test_a_title_that_starts_like_a_formula_is_neutralised_in_the_csv(client, world):
    _, text = _download(client, "agreements", "csv")
    titles = [row[1] for row in csv.reader(io.StringIO(text))]
    assert "'" + FORMULA_TITLE in titles
    assert FORMULA_TITLE not in titles
    # JSON keeps the title as it is: it is data, not a spreadsheet.
    _, document = _download(client, "agreements", "json")
    assert FORMULA_TITLE in {row["title"] for row in json.loads(document)["data"]}


def test_downloads_take_the_api_filters_and_refuse_bad_values_clearly(client, world):
    index.rebuild()  # `q` reads the search index, which tests fill by hand
    _, text = _download(client, "agreements", "csv", "?q=tertutup")
    codes = [row[0] for row in csv.reader(io.StringIO(text))][1:]
    assert codes == [world.hidden_indicators.reference_code]
    response, text = _download(client, "agreements", "csv", "?year=abc")
    assert response.status_code == 400
    assert "year" in text
    response, text = _download(client, "agreements", "csv", "?family=%3Cscript%3E")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")


def test_an_unknown_dataset_or_a_format_it_lacks_is_not_found(client, world):
    assert _download(client, "agreements", "geojson")[0].status_code == 404
    assert _download(client, "secrets", "csv")[0].status_code == 404


def test_the_agreements_export_costs_the_same_queries_for_more_rows(client, cast):
    make_agreement(cast, state="active")
    with CaptureQueriesContext(connection) as few:
        _download(client, "agreements", "csv")
    for i in range(6):
        make_agreement(cast, state="active", title=f"Kerja sama {i}")
    with CaptureQueriesContext(connection) as more:
        _, text = _download(client, "agreements", "csv")
    assert text.count("\r\n") == 8  # header + 7 agreements
    assert len(more) == len(few)


def test_the_data_dictionary_explains_every_field_in_html_and_json(client, world):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("opendata:dictionary")).content.decode()
    document = client.get(reverse("opendata:dictionary") + "?format=json").json()
    assert [d["name"] for d in document["datasets"]] == list(opendata.DATASETS)
    for dataset, described in zip(opendata.DATASETS.values(), document["datasets"], strict=True):
        assert [f["name"] for f in described["fields"]] == dataset.field_names
        assert all(f["type"] and f["description"] for f in described["fields"])
        for field in dataset.fields:
            assert f"<code>{field.name}</code>" in html
    assert "Stable identifier" in html


def test_the_index_lists_each_dataset_with_rows_formats_and_licence(client, world):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("opendata:index"))
    html = response.content.decode()
    for dataset in opendata.DATASETS.values():
        for fmt in dataset.formats:
            assert reverse("opendata:dataset", kwargs={"name": dataset.name, "fmt": fmt}) in html
    assert opendata.CC_BY["url"] in html
    assert opendata.ODBL["url"] in html
    assert reverse("api:root") in html and reverse("opendata:catalog") in html
    assert "Rahasia" not in html


def test_the_bulk_zip_is_prepared_by_the_worker_then_served_with_everything(
    client, world, django_capture_on_commit_callbacks
):
    client.cookies["django_language"] = "en"
    assert not opendata.bundle_path().exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = client.get(reverse("opendata:bulk"))
    assert first.status_code == 202
    assert "come back in a minute" in first.content.decode()
    assert len(callbacks) == 1  # enqueued once; tests run the task inline
    response = client.get(reverse("opendata:bulk"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    for dataset in opendata.DATASETS.values():
        assert {f"{dataset.name}.{fmt}" for fmt in dataset.formats} <= names
    assert {"kamus-data.json", "LICENSE.txt", "README.txt"} <= names
    assert "creativecommons.org/licenses/by/4.0" in archive.read("LICENSE.txt").decode()
    assert "ODbL" in archive.read("LICENSE.txt").decode()
    json.loads(archive.read("kamus-data.json"))
    json.loads(archive.read("regions.geojson"))
    agreements = archive.read("agreements.csv").decode()
    assert world.public.reference_code in agreements
    for name in names:
        content = archive.read(name).decode()
        assert all(secret not in content for secret in SECRETS), name


def test_the_bundle_is_rebuilt_every_night_by_the_worker():
    entry = schedule.registered()["simpul.portal.tasks.open_data_bundle_build"]
    assert (entry.at, entry.zone, entry.per_zone) == (time(4), "Asia/Jakarta", False)
