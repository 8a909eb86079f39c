"""The search pages: `/cari/` for members (what they may read, and everything public) and
`/publik/cari/` on the portal (public documents only; mounted by portal/urls.py)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from simpul.core.public_cache import public_page

from . import registry
from .forms import SearchForm
from .selectors import search

# What the public search offers to filter by: the kinds that can be public.
PUBLIC_KINDS = ["agreement", "consultation", "knowledge", "idea"]


def _render(request, *, user, public: bool, kinds=None):
    form = SearchForm(request.GET, kinds=kinds)
    query, filters = form.query_and_filters()
    if kinds is not None and filters.kind and filters.kind not in kinds:
        filters = type(filters)(affair=filters.affair, region=filters.region, year=filters.year)
    result = search(user, query, filters, page=request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "result": result,
            "page": result.page,
            "public": public,
            "kinds": registry.kinds(),
        },
    )


@require_safe
@login_required
def search_page(request):
    return _render(request, user=request.user, public=False)


@require_safe
@public_page
def public_search_page(request):
    return _render(request, user=None, public=True, kinds=PUBLIC_KINDS)
