"""The public knowledge pages, /publik/pengetahuan/: published practices, lessons and research
that their owners made public (simpul.knowledge.public is the gate), cached like every
public page and stale with it (`core.public_cache.bump`)."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from simpul.core.downloads import stored_attachment
from simpul.core.public_cache import public_page
from simpul.knowledge import public
from simpul.knowledge.models import Kind

PAGE_SIZE = 25


@require_safe
@public_page
def knowledge_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "").strip()
    kind = kind if kind in Kind.values else ""
    year_raw = request.GET.get("year", "").strip()
    year = int(year_raw) if year_raw.isdigit() and len(year_raw) == 4 else None
    items = public.public_items_for_list(kind=kind, year=year)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    params = QueryDict(mutable=True)
    params.update({k: v for k, v in (("kind", kind), ("year", str(year or ""))) if v})
    return render(
        request,
        "portal/knowledge_list.html",
        {"page": page, "kind": kind, "year": year, "kinds": Kind.choices,
         "query": params.urlencode()},
    )  # fmt: skip


@require_safe
@public_page
def knowledge_detail(request: HttpRequest, code: str) -> HttpResponse:
    item = public.public_item_get(code)
    return render(
        request,
        "portal/knowledge_detail.html",
        {
            "item": item,
            "results": public.public_results(item),
            "agreements": list(public.public_agreements_of(item)),
            "adoptions": list(public.public_adoptions_of(item)),
        },
    )


@require_safe
def knowledge_image(request: HttpRequest, code: str) -> HttpResponseBase:
    item = public.public_item_get(code)
    return stored_attachment(item.image, filename=item.code or "infografis", public=True)


@require_safe
def knowledge_file(request: HttpRequest, code: str) -> HttpResponseBase:
    item = public.public_item_get(code)
    if not item.file:
        raise Http404
    return stored_attachment(
        item.file,
        filename=item.file_name or item.code or "dokumen",
        content_type=item.file_content_type or "application/octet-stream",
        public=True,
    )
