"""The public thematic map and the cooperation network (issue 16, items 2 and 3)."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from simpul.agreements.models import Family
from simpul.core.public_cache import public_page
from simpul.regions.models import Region

from . import selectors
from .network import cooperation_network
from .thematic import BREAKS, LAYERS, thematic_layer


def _filters_or_errors(request) -> tuple[selectors.Filters, list[str]]:
    """The family and affair filters, and a sentence for each value that is not valid."""
    filters = selectors.Filters.from_query(request.GET, full=False)
    errors = []
    if "family" in filters.ignored:
        errors.append(
            _("Unknown cooperation type. Use one of: %(codes)s.")
            % {"codes": ", ".join(Family.values)}
        )
    if "affair" in filters.ignored:
        errors.append(
            _("Unknown government affair. Use one of the codes in the affair list: %(codes)s.")
            % {"codes": ", ".join(affair.code for affair in selectors.affair_choices())}
        )
    return filters, errors


def _choices() -> dict:
    return {"families": Family.choices, "affairs": selectors.affair_choices()}


@require_safe
@public_page
def thematic_map(request):
    filters, errors = _filters_or_errors(request)
    code = request.GET.get("layer", "agreements").strip() or "agreements"
    if code not in LAYERS:
        errors.append(_("Unknown map layer. Use one of: %(codes)s.") % {"codes": ", ".join(LAYERS)})
    context = {
        "layers": [(key, label) for key, label in LAYERS.items()],
        "current": code,
        "filters": filters,
        "errors": errors,
        **_choices(),
    }
    if errors:
        return render(request, "portal/thematic_map.html", context, status=400)
    layer = thematic_layer(code, filters)
    breaks = BREAKS.get(code, [])
    return render(
        request,
        "portal/thematic_map.html",
        {**context, "layer": layer, "payload": layer.payload(), "breaks": breaks},
    )


@require_safe
@public_page
def network(request):
    filters, errors = _filters_or_errors(request)
    province = None
    code = request.GET.get("province", "").strip()
    if code:
        province = (
            Region.objects.current()
            .filter(level=Region.Level.PROVINCE, code=code[:13])
            .only("code", "name")
            .first()
        )
        if province is None:
            errors.append(_("Unknown province. Use a province code such as 34 (DI Yogyakarta)."))
    context = {
        "filters": filters,
        "errors": errors,
        "provinces": Region.objects.current()
        .filter(level=Region.Level.PROVINCE)
        .only("code", "name")
        .order_by("name"),
        "province_code": code,
        **_choices(),
    }
    if errors:
        return render(request, "portal/network.html", context, status=400)
    graph = cooperation_network(filters, province)
    nodes, edges = graph.drawn
    return render(
        request,
        "portal/network.html",
        {**context, "network": graph, "drawn_nodes": nodes, "drawn_edges": edges},
    )
