"""Open-data pages and downloads under /data/: the index, each dataset as CSV/JSON/GeoJSON
(streamed), the data dictionary, the bulk ZIP and the DCAT catalogue. Thin views: the
datasets and writers live in opendata.py, the catalogue in dcat.py."""

import json

from django.core.cache import cache
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from simpul.core.downloads import attachment
from simpul.core.public_cache import public_page

from . import dcat, opendata
from .api.filters import FILTERS, PARAMETERS, FilterError

BUNDLE_PENDING_SECONDS = 600


def _license_link(response, dataset: opendata.Dataset):
    response["Link"] = f'<{dataset.license["url"]}>; rel="license"'
    return response


@require_safe
@public_page
def index(request):
    datasets = [
        {
            "dataset": d,
            "count": d.count(),
            "updated": d.last_updated(),
            "parameters": PARAMETERS[d.name],
        }
        for d in opendata.DATASETS.values()
    ]
    return render(
        request,
        "portal/opendata/index.html",
        {"datasets": datasets, "cc_by": opendata.CC_BY, "odbl": opendata.ODBL},
    )


@require_safe
def dataset(request, name: str, fmt: str):
    """The whole dataset (or the rows matching the same filters as the API), streamed."""
    data = opendata.get(name)
    if data is None or fmt not in data.formats:
        raise Http404
    queryset = None  # the whole dataset: the writers take the shortest path
    if request.GET:
        try:
            queryset = FILTERS[name](data.queryset(), request.GET)
        except FilterError as error:
            return HttpResponse(
                " ".join(error.messages), status=400, content_type="text/plain; charset=utf-8"
            )
    if fmt == "csv":
        chunks = opendata.csv_chunks(data, data.rows(queryset))
    elif fmt == "json":
        chunks = opendata.json_chunks(data, queryset)
    else:
        chunks = opendata.geojson_chunks(data, queryset)
    stamp = timezone.localdate().isoformat()
    response = attachment(
        opendata.encoded(chunks),
        filename=f"simpul-{name}-{stamp}.{fmt}",
        content_type=opendata.MEDIA_TYPES[fmt],
        public=True,
    )
    return _license_link(response, data)


@require_safe
@public_page
def dictionary(request):
    """Every field of every dataset: HTML, or JSON with ?format=json."""
    if request.GET.get("format") == "json":
        return JsonResponse(opendata.dictionary(), json_dumps_params={"ensure_ascii": False})
    return render(
        request,
        "portal/opendata/dictionary.html",
        {"datasets": opendata.DATASETS.values()},
    )


@require_safe
def bulk(request):
    """The latest ZIP of everything; when there is none yet, ask the worker to build it."""
    path = opendata.bundle_path()
    if path.exists():
        response = FileResponse(path.open("rb"), as_attachment=True, filename=opendata.BUNDLE_NAME)
        response["Content-Type"] = "application/zip"
        return _license_link(response, opendata.AGREEMENTS)
    if cache.add(opendata.BUNDLE_PENDING_KEY, True, BUNDLE_PENDING_SECONDS):
        from .tasks import open_data_bundle_build

        transaction.on_commit(open_data_bundle_build.enqueue)
    response = render(request, "portal/opendata/bundle_pending.html", status=202)
    response["Retry-After"] = "60"
    return response


@require_safe
@public_page
def catalog(request):
    body = json.dumps(dcat.catalog(), ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")
