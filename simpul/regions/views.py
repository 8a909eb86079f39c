"""Public pages about Indonesia's regions: the directory, a region's profile and its map data."""

import gzip
import re
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from simpul.core.errors import PageNotFound

from . import basemap, selectors
from .forms import RegionFilterForm
from .models import Region
from .panels import render_profile_panels
from .services import region_resolve_code

PAGE_SIZE = 50
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _page_number(request, num_pages: int) -> int:
    """The requested page, clamped to the pages that exist; a bad value gets a message."""
    raw = request.GET.get("page", "").strip()
    if not raw:
        return 1
    try:
        number = int(raw)
    except ValueError:
        messages.warning(request, _("That page number is not valid; showing the first page."))
        return 1
    if number < 1:
        messages.warning(request, _("That page number is not valid; showing the first page."))
        return 1
    if number > num_pages:
        messages.warning(
            request,
            _("There are only %(count)d pages; showing the last one.") % {"count": num_pages},
        )
        return num_pages
    return number


@require_safe
def region_list(request):
    provinces = list(selectors.province_choices())
    form = RegionFilterForm(request.GET, provinces=provinces)
    form.is_valid()
    for name in form.errors:
        messages.warning(request, RegionFilterForm.IGNORED[name])
    filters = {
        "q": form.cleaned_data.get("q", ""),
        "province": form.cleaned_data.get("province", ""),
        "level": form.cleaned_data.get("level", ""),
    }
    regions = selectors.region_list(
        q=filters["q"], province_code=filters["province"], level=filters["level"]
    )
    paginator = Paginator(regions, PAGE_SIZE)
    page = paginator.page(_page_number(request, paginator.num_pages))
    query = urlencode({k: v for k, v in filters.items() if v})
    return render(
        request,
        "regions/region_list.html",
        {
            "form": RegionFilterForm(initial=filters, provinces=provinces),
            "page": page,
            "regions": page.object_list,
            "filtered": bool(query),
            "query": query,
        },
    )


def _region_or_redirect(
    code: str, url_name: str, *, geometry: bool
) -> Region | HttpResponsePermanentRedirect:
    """The region with this current code, or a permanent redirect from a former code."""
    regions = Region.objects.select_related("parent").defer("parent__boundary", "parent__bbox")
    if not geometry:
        regions = regions.defer("boundary")
    region = regions.filter(code=code).first()
    if region is not None:
        return region
    # A former code, e.g. 92.01 for Kabupaten Sorong (96.01 since 2022).
    successor = region_resolve_code(code)
    if successor is None:
        raise PageNotFound(_("There is no region with the code “%(code)s”.") % {"code": code})
    return HttpResponsePermanentRedirect(reverse(url_name, kwargs={"code": successor.code}))


@require_safe
def region_detail(request, code: str):
    region = _region_or_redirect(code, "regions:region-detail", geometry=False)
    if not isinstance(region, Region):
        return region
    return render(
        request,
        "regions/region_detail.html",
        {
            "region": region,
            "profile": selectors.region_profile(region),
            # Other apps' sections (e.g. the region's agreements), registered in their ready().
            "panels": render_profile_panels(request, region),
        },
    )


@require_safe
@cache_control(public=True, max_age=3600)
def region_geojson(request, code: str):
    found = _region_or_redirect(code, "regions:region-geojson", geometry=True)
    if not isinstance(found, Region):
        return found
    features = []
    for role, region in selectors.region_map_features(found):
        if not region.boundary:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": region.boundary,
                "properties": {
                    "code": region.code,
                    "name": region.name,
                    "level": region.level,
                    "role": role,
                    "url": region.get_absolute_url(),
                },
            }
        )
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
        json_dumps_params={"separators": (",", ":"), "ensure_ascii": False},
    )


def _accepts_gzip(request) -> bool:
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def _base_layer_etag(request, level: str) -> str | None:
    if level not in basemap.LEVELS:
        return None
    # The compressed and the plain bytes are two representations: each has its own tag.
    return basemap.base_layer(level).etag + ("-gzip" if _accepts_gzip(request) else "")


@require_safe
@cache_control(public=True, max_age=24 * 3600)
@condition(etag_func=_base_layer_etag)
def base_layer(request, level: str):
    """The neutral base layer every map draws under its regions (see regions/basemap.py).

    Sent gzip-compressed as built (about 130 kB for the provinces), unpacked only for the rare
    client that does not accept gzip; a revisit with the entity tag gets 304 Not Modified."""
    if level not in basemap.LEVELS:
        raise Http404(_("There is no such map layer."))
    layer = basemap.base_layer(level)
    if _accepts_gzip(request):
        response = HttpResponse(layer.gzipped, content_type="application/geo+json")
        response["Content-Encoding"] = "gzip"
    else:
        body = gzip.decompress(layer.gzipped)
        response = HttpResponse(body, content_type="application/geo+json")
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
