"""The DCAT-AP style catalogue of the open datasets, in JSON-LD (/data/katalog.jsonld), so that
CKAN-based Satu Data portals (ckanext-dcat's JSON-LD harvester) can harvest them.

One dcat:Catalog with a dcat:Dataset per dataset; each dataset has bilingual (id, en) titles
and descriptions, keywords, publisher, licence, modification time, a stable dct:identifier
and one dcat:Distribution per format with its download URL and media type. The API is
described as a dcat:DataService.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from . import opendata

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
FORMAT_LABELS = {"csv": "CSV", "json": "JSON", "geojson": "GeoJSON"}
IANA = "https://www.iana.org/assignments/media-types/"
MEDIA = {"csv": "text/csv", "json": "application/json", "geojson": "application/geo+json"}


def _both(text) -> list[dict]:
    values = []
    for language in ("id", "en"):
        with translation.override(language):
            values.append({"@value": str(text), "@language": language})
    return values


def _datetime(value) -> dict | None:
    return {"@value": value.isoformat(), "@type": "xsd:dateTime"} if value else None


def catalog() -> dict:
    site = settings.SITE_URL
    index = site + reverse("opendata:index")
    publisher = {
        "@id": site + "/",
        "@type": "foaf:Organization",
        "foaf:name": "Simpul",
    }
    datasets = []
    latest = None
    for dataset in opendata.DATASETS.values():
        modified = dataset.last_updated()
        if modified and (latest is None or modified > latest):
            latest = modified
        license_ref = {"@id": dataset.license["url"]}
        distributions = []
        for fmt in dataset.formats:
            url = site + reverse("opendata:dataset", kwargs={"name": dataset.name, "fmt": fmt})
            distributions.append(
                {
                    "@id": url,
                    "@type": "dcat:Distribution",
                    "dct:title": f"{dataset.name}.{fmt}",
                    "dcat:downloadURL": {"@id": url},
                    "dcat:accessURL": {"@id": url},
                    "dct:format": FORMAT_LABELS[fmt],
                    "dcat:mediaType": {"@id": IANA + MEDIA[fmt]},
                    "dct:license": license_ref,
                }
            )
        entry = {
            "@id": f"{index}#{dataset.name}",
            "@type": "dcat:Dataset",
            "dct:identifier": f"simpul-{dataset.name}",
            "dct:title": _both(dataset.title),
            "dct:description": _both(dataset.description),
            "dcat:keyword": list(dataset.keywords),
            "dct:publisher": publisher,
            "dct:license": license_ref,
            "dct:rights": dataset.license["attribution"],
            "dcat:landingPage": {"@id": index},
            "dct:conformsTo": {"@id": site + reverse("opendata:dictionary")},
            "dcat:distribution": distributions,
        }
        if modified:
            entry["dct:modified"] = _datetime(modified)
        datasets.append(entry)
    catalog = {
        "@context": CONTEXT,
        "@id": site + reverse("opendata:catalog"),
        "@type": "dcat:Catalog",
        "dct:title": [
            {"@value": "Simpul — data terbuka kerja sama daerah", "@language": "id"},
            {"@value": "Simpul — open data on regional cooperation", "@language": "en"},
        ],
        "dct:description": [
            {
                "@value": "Data terbuka perjanjian kerja sama daerah: para pihak, indikator, "
                "anggaran dan wilayah.",
                "@language": "id",
            },
            {
                "@value": "Open data on Indonesia's regional cooperation agreements: parties, "
                "indicators, budgets and regions.",
                "@language": "en",
            },
        ],
        "dct:publisher": publisher,
        "dct:license": {"@id": opendata.CC_BY["url"]},
        "dct:language": [{"@id": "http://id.loc.gov/vocabulary/iso639-1/id"}],
        "foaf:homepage": {"@id": index},
        "dcat:dataset": datasets,
        "dcat:service": {
            "@id": site + reverse("api:root"),
            "@type": "dcat:DataService",
            "dct:title": "Simpul open data API (v1)",
            "dcat:endpointURL": {"@id": site + reverse("api:root")},
            "dcat:endpointDescription": {"@id": site + reverse("api:openapi")},
            "dcat:servesDataset": [{"@id": d["@id"]} for d in datasets],
        },
    }
    if latest:
        catalog["dct:modified"] = _datetime(latest)
    return catalog
