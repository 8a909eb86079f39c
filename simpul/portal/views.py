"""The public portal under /publik/: home with the national map, the public register, the
public agreement page, region pages, published reports, and the language switch for visitors.

Thin views: what is public comes from simpul.publication.selectors (through .selectors),
pages for anonymous visitors are cached whole (simpul.core.public_cache.public_page), and no
page here has a form that needs a CSRF token, so every page can be cached.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from simpul.agreements.models import Family
from simpul.complaints.selectors import public_complaints
from simpul.consultations.selectors import public_consultations
from simpul.core.downloads import stored_attachment
from simpul.core.public_cache import public_page
from simpul.core.uploads import safe_display_name
from simpul.discussions.public import agreement_progress_updates
from simpul.meetings.public import agreement_meetings
from simpul.potentials.region_panel import public_records_context
from simpul.potentials.selectors import public_region_records
from simpul.publication import selectors as gate
from simpul.regions.models import Region
from simpul.regions.selectors import national_counts
from simpul.reports.models import ReportFile
from simpul.scorecard.selectors import agreement_scorecard, region_scorecard
from simpul.surveys.selectors import public_surveys

from . import map as portal_map
from . import selectors

PAGE_SIZE = 25
HOME_LIST_SIZE = 10
REPORT_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _choices() -> dict:
    return {
        "families": Family.choices,
        "affairs": selectors.affair_choices(),
    }


def render_home(request, template: str = "portal/home.html"):
    """The portal home (also what the site's home page shows to visitors)."""
    filters = selectors.Filters.from_query(request.GET, full=False)
    agreements = selectors.filtered_agreements(filters)
    latest = selectors.agreement_rows(agreements[:HOME_LIST_SIZE])
    map_query = filters.as_query()
    return render(
        request,
        template,
        {
            "figures": selectors.national_figures(),
            "counts": national_counts(),
            "filters": filters,
            "query": map_query,
            "latest": latest,
            "matching": agreements.count(),
            "regions": selectors.region_counts(filters),
            **_choices(),
        },
    )


@require_safe
@public_page
def home(request):
    return render_home(request)


@require_safe
@cache_control(public=True, max_age=120)
# National boundaries are megabytes of JSON: compressed for slow links (no secrets in it,
# so compression leaks nothing), and the serialised answer is kept by the public cache.
@gzip_page
@public_page
def map_data(request):
    filters = selectors.Filters.from_query(request.GET, full=False)
    return JsonResponse(
        portal_map.map_data(filters),
        content_type="application/geo+json",
        json_dumps_params={"separators": (",", ":"), "ensure_ascii": False},
    )


@require_safe
@public_page
def register(request):
    filters = selectors.Filters.from_query(request.GET)
    agreements = selectors.filtered_agreements(filters)
    page = Paginator(agreements, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.agreement_rows(page.object_list)
    return render(
        request,
        "portal/register.html",
        {
            "filters": filters,
            "page": page,
            "query": filters.as_query(),
            "stages": selectors.stage_choices(),
            "sorts": selectors.SORTS,
            **_choices(),
        },
    )


def _participation(agreement) -> dict:
    """Consultations, surveys, answered complaints and the scorecard of a public agreement,
    from the participation apps' own public selectors."""
    return {
        "consultations": list(public_consultations(agreement=agreement)),
        "surveys": list(public_surveys(agreement=agreement)),
        "complaints": public_complaints(agreement=agreement).count(),
        "scorecard": agreement_scorecard(agreement),
    }


@require_safe
@public_page
def agreement_detail(request, reference_code: str):
    agreement = gate.public_agreement_get(reference_code)
    page = selectors.agreement_public_page(agreement)
    return render(
        request,
        "portal/agreement.html",
        {
            "agreement": agreement,
            **page,
            **agreement_meetings(agreement, page["kinds"]),
            **agreement_progress_updates(agreement, page["kinds"]),
            **_participation(agreement),
        },
    )


@require_safe
def document_download(request, reference_code: str, pk: int):
    """The latest version of a published document (the gate is asked again here)."""
    agreement = gate.public_agreement_get(reference_code)
    document = get_object_or_404(
        gate.public_documents(agreement).prefetch_related("versions"), pk=pk
    )
    version = document.latest_version
    if version is None:
        raise Http404
    return stored_attachment(
        version.file,
        filename=safe_display_name(version.original_name),
        content_type=version.content_type or "application/octet-stream",
        public=True,
    )


@require_safe
def report_download(request, reference_code: str, pk: int, fmt: str):
    """A file of a published report (the gate is asked again here)."""
    if fmt not in REPORT_CONTENT_TYPES:
        raise Http404
    agreement = gate.public_agreement_get(reference_code)
    report = get_object_or_404(gate.public_reports(agreement).defer("snapshot"), pk=pk)
    report_file = ReportFile.objects.filter(report=report, format=fmt).first()
    if report_file is None:
        raise Http404
    reference = slugify(agreement.reference_code) or "kerja-sama"
    name = f"laporan-{reference}-{report.period_start:%Y-%m-%d}-{report.period_end:%Y-%m-%d}.{fmt}"
    return stored_attachment(
        report_file.file, filename=name, content_type=REPORT_CONTENT_TYPES[fmt], public=True
    )


@require_safe
@public_page
def region_detail(request, code: str):
    region = get_object_or_404(
        Region.objects.current()
        .select_related("parent")
        .defer("boundary", "bbox", "parent__boundary", "parent__bbox"),
        code=code[:13],
    )
    page = selectors.region_public_page(region)
    return render(
        request,
        "portal/region.html",
        {
            "region": region,
            **page,
            "partner_lines": _partner_lines(region, page["partner_regions"]),
            "scorecard": region_scorecard(region),
            "potentials": public_records_context(region, public_region_records(region.pk)),
        },
    )


def _partner_lines(region, partners) -> dict:
    origin = _lonlat(region)
    features = []
    for partner in partners:
        point = _lonlat(partner)
        if origin is None or point is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [origin, point]},
                "properties": {"code": partner.code, "name": partner.name, "url": _url(partner)},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _url(region) -> str:
    return reverse("portal:region", kwargs={"code": region.code})


def _lonlat(region) -> list[float] | None:
    if region.latitude is None or region.longitude is None:
        return None
    return [float(region.longitude), float(region.latitude)]


@require_safe
@public_page
def reports(request):
    q = " ".join(request.GET.get("q", "").split())[: selectors.Q_MAX_LENGTH]
    year_raw = request.GET.get("year", "").strip()
    year = int(year_raw) if year_raw.isdigit() and len(year_raw) == 4 else None
    family = request.GET.get("family", "").strip()
    family = family if family in Family.values else ""
    found = selectors.published_reports(q=q, year=year, family=family)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    params = QueryDict(mutable=True)
    params.update({k: v for k, v in (("q", q), ("year", year or ""), ("family", family)) if v})
    query = params.urlencode()
    return render(
        request,
        "portal/reports.html",
        {
            "page": page,
            "q": q,
            "year": year,
            "family": family,
            "query": query,
            "years": selectors.report_years(),
            "families": Family.choices,
        },
    )


@require_safe
def language(request, code: str):
    """Switch the language with a plain link (cached pages carry no CSRF token): set the
    language cookie and go back to a page of this site."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    response["Cache-Control"] = "private, no-store"
    return response
