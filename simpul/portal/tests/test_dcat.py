"""The DCAT catalogue in JSON-LD (simpul/portal/dcat.py)."""

import json

import pytest
from django.urls import reverse

from simpul.portal import opendata
from simpul.portal.tests.permissions_opendata import opendata_world

pytestmark = pytest.mark.django_db


def test_the_catalogue_is_json_ld_dcat_with_every_dataset_and_working_downloads(client, cast):
    world = opendata_world(cast)
    response = client.get(reverse("opendata:catalog"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    catalog = json.loads(response.content)
    assert catalog["@type"] == "dcat:Catalog"
    assert catalog["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert catalog["dct:license"]["@id"] == opendata.CC_BY["url"]
    datasets = {d["dct:identifier"]: d for d in catalog["dcat:dataset"]}
    assert set(datasets) == {f"simpul-{name}" for name in opendata.DATASETS}
    for name, dataset in opendata.DATASETS.items():
        entry = datasets[f"simpul-{name}"]
        assert entry["@type"] == "dcat:Dataset"
        assert {t["@language"] for t in entry["dct:title"]} == {"id", "en"}
        assert entry["dct:license"]["@id"] == dataset.license["url"]
        assert entry["dcat:keyword"]
        assert entry["dct:publisher"]["foaf:name"] == "Simpul"
        formats = {d["dct:format"] for d in entry["dcat:distribution"]}
        assert len(formats) == len(dataset.formats)
        for distribution in entry["dcat:distribution"]:
            assert distribution["@type"] == "dcat:Distribution"
            path = distribution["dcat:downloadURL"]["@id"].split("://", 1)[1]
            path = path[path.index("/") :]
            assert client.get(path).status_code == 200
    assert "dct:modified" in datasets["simpul-agreements"]
    assert catalog["dcat:service"]["@type"] == "dcat:DataService"
    assert world.draft.reference_code not in response.content.decode()
