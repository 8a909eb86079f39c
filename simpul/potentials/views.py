"""Members' pages: a region's potentials and problems, the partner finder and the reverse search.

Access through `access.py`; reads through `selectors.py` and `finder.py`; writes through
`services.py`. Bad input (an unknown affair, region or term) gets a clear message, never a 500.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from simpul.organizations.models import Organization
from simpul.regions.models import Region

from . import access, finder, selectors, services
from .forms import FinderForm, RecordForm
from .models import Kind, Term


def _region(code: str) -> Region:
    return get_object_or_404(
        Region.objects.current().without_geometry().select_related("parent"), code=code
    )


def _region_page(request, region, *, form=None, status=200):
    records = list(selectors.region_records(region.pk, public_only=False))
    can_edit = access.region_can_edit_records(request.user, region)
    context = {
        "region": region,
        "potentials": [r for r in records if r.kind == Kind.POTENTIAL],
        "problems": [r for r in records if r.kind == Kind.PROBLEM],
        "unpublished": sum(1 for r in records if not r.is_published),
        "can_edit": can_edit,
        "form": form or (RecordForm(region=region) if can_edit else None),
    }
    return render(request, "potentials/region.html", context, status=status)


@login_required
@require_GET
def region_records(request, code):
    region = access.region_get_records_for_user(request.user, _region(code))
    return _region_page(request, region)


@login_required
@require_POST
def record_create(request, code):
    region = access.region_get_records_for_user(request.user, _region(code), edit=True)
    form = RecordForm(request.POST, request.FILES, region=region)
    if not form.is_valid():
        return _region_page(request, region, form=form, status=400)
    services.record_create(user=request.user, region=region, **form.cleaned_data)
    messages.success(request, _("Recorded. It becomes public when the region publishes its list."))
    return redirect("potentials:region", code=region.code)


@login_required
@require_POST
def region_publish(request, code):
    region = access.region_get_records_for_user(request.user, _region(code), edit=True)
    published = request.POST.get("published") != "0"
    count = services.region_records_publish(region=region, published=published)
    if published:
        messages.success(request, _("%(count)s record(s) published.") % {"count": count})
    else:
        messages.success(request, _("%(count)s record(s) withdrawn.") % {"count": count})
    return redirect("potentials:region", code=region.code)


def _finder_affair(request):
    form = FinderForm(request.GET)
    if not form.is_valid():
        return form, None, False
    return form, form.cleaned_data["urusan"], True


@login_required
@require_GET
def partner_finder(request, code):
    region = access.region_get_records_for_user(request.user, _region(code))
    form, affair, valid = _finder_affair(request)
    context = {"region": region, "form": form, "affair": affair, "result": None, "why": ""}
    if not valid:
        return render(request, "potentials/finder.html", context, status=400)
    try:
        context["result"] = finder.find_partners(region, affair)
    except finder.FinderUnavailable as error:
        context["why"] = str(error)
    return render(request, "potentials/finder.html", context)


def start_cooperation_url(region: Region, partner: Region, affair, matches) -> str:
    """The agreement wizard, pre-filled with both governments, the affair and a draft objective."""
    governments = Organization.objects.governments().filter(region__in=[region, partner])
    by_region = {o.region_id: o.pk for o in governments}
    params: list[tuple[str, str | int]] = [
        ("party", by_region[r.pk]) for r in (region, partner) if r.pk in by_region
    ]
    if affair is not None:
        params.append(("affair", affair.code))
    params.append(("title", _("Cooperation of %(a)s and %(b)s") % {"a": region, "b": partner}))
    objectives = [
        _("Answer “%(problem)s” with “%(potential)s”.")
        % {"problem": term.problem_label, "potential": term.potential_label}
        for term, _kind in matches
    ]
    if not objectives and affair is not None:
        objectives = [_("Work together on %(affair)s.") % {"affair": affair}]
    if objectives:
        params.append(("objectives", " ".join(objectives)))
    return f"{reverse('agreements:agreement-create')}?{urlencode(params)}"


@login_required
@require_GET
def partner_candidate(request, code, partner):
    region = access.region_get_records_for_user(request.user, _region(code))
    other = _region(partner)
    form, affair, valid = _finder_affair(request)
    if not valid:
        context = {"region": region, "form": form, "affair": None, "result": None, "why": ""}
        return render(request, "potentials/finder.html", context, status=400)
    try:
        result = finder.find_partners(region, affair)
    except finder.FinderUnavailable:
        raise Http404 from None
    candidate = next((c for c in result.candidates if c.region.pk == other.pk), None)
    if candidate is None:
        raise Http404
    context = {
        "region": region,
        "affair": affair,
        "candidate": candidate,
        "rank": result.candidates.index(candidate) + 1,
        "start_url": start_cooperation_url(region, other, affair, candidate.matches),
        "finder_query": urlencode({"urusan": affair.code}) if affair else "",
    }
    return render(request, "potentials/candidate.html", context)


@login_required
@require_GET
def term_regions(request, term):
    term = get_object_or_404(Term.objects.select_related("affair"), code=term)
    records = finder.regions_with_potential(term)
    return render(request, "potentials/term_regions.html", {"term": term, "records": records})
