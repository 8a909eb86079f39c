"""The register of agreements (filters, search, export) and the creation wizard.

Thin views: who sees what comes from access.py, reads from selectors.py, writes from the
services; the wizard keeps what was typed in the session under a signed per-wizard id, so
nothing is lost when a step has errors.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from simpul.organizations.models import Organization

from .. import access, exports, rules, selectors
from ..forms import DETAILS_FIELDS, BasicsForm, DetailsForm, RegisterFilterForm
from ..models import Category, Family, GovernmentAffair, Party
from ..services.agreements import AgreementInvalid
from ..services.agreements import agreement_create as agreement_register

PAGE_SIZE = 25
MORE_FILTERS = {
    "family",
    "category",
    "state",
    "affair",
    "region",
    "organization",
    "year",
    "expiring",
}
WIZARD_KEY = "agreement_wizards"
WIZARD_SALT = "agreements.wizard"
WIZARDS_KEPT = 5
CANDIDATES_SHOWN = 30


def _filter_form(request) -> RegisterFilterForm:
    return RegisterFilterForm(
        request.GET or None,
        states=selectors.state_choices(),
        regions=selectors.region_choices(selected=request.GET.get("region")),
        organizations=selectors.party_organization_choices(
            request.user, selected=request.GET.get("organization")
        ),
    )


@login_required
@require_GET
def agreement_list(request):
    form = _filter_form(request)
    agreements = selectors.register_agreements(request.user, **form.filters())
    page = Paginator(selectors.with_register_rows(agreements), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.annotate_stages(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    active = [k for k in form.filters() if k in MORE_FILTERS]
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "form": form,
            "active_filters": len(active),
            "filters_open": bool(active) or form.errors,
            "page": page,
            "query": query.urlencode(),
            "can_create": selectors.owner_organization_choices(request.user).exists(),
        },
    )


@login_required
@require_GET
def agreement_export(request):
    export_format = request.GET.get("format", "csv")
    if export_format not in ("csv", "xlsx"):
        return HttpResponseBadRequest(_("Choose the format csv or xlsx."))
    form = _filter_form(request)
    agreements = selectors.with_register_rows(
        selectors.register_agreements(request.user, **form.filters())
    )
    table = exports.rows(agreements, selectors.annotate_stages)
    if export_format == "xlsx":
        return exports.xlsx_response(table)
    return exports.csv_response(table)


# --- The creation wizard --------------------------------------------------------------------


def _wizards(request) -> dict:
    return request.session.get(WIZARD_KEY, {})


def _wizard_load(request, token: str) -> tuple[str, dict] | None:
    try:
        wizard_id = signing.loads(token, salt=WIZARD_SALT)
    except signing.BadSignature:
        return None
    state = _wizards(request).get(wizard_id)
    return (wizard_id, state) if state is not None else None


def _wizard_save(request, wizard_id: str, state: dict) -> None:
    wizards = _wizards(request)
    wizards.pop(wizard_id, None)
    wizards[wizard_id] = state
    while len(wizards) > WIZARDS_KEPT:
        wizards.pop(next(iter(wizards)))
    request.session[WIZARD_KEY] = wizards
    request.session.modified = True


def _wizard_drop(request, wizard_id: str) -> None:
    wizards = _wizards(request)
    wizards.pop(wizard_id, None)
    request.session[WIZARD_KEY] = wizards


def _raw(post, names) -> dict:
    return {name: post.getlist(name) for name in names}


def _as_data(raw: dict) -> dict:
    """Saved raw input back into something a form can bind to."""
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    for name, values in (raw or {}).items():
        data.setlist(name, values)
    return data


def _basics_form(request, state, data=None) -> BasicsForm:
    owners = selectors.owner_organization_choices(request.user)
    if data is None and state.get("basics"):
        data = _as_data(state["basics"])
    return BasicsForm(data, owners=owners)


def _details_form(request, state, data=None) -> DetailsForm:
    parents = access.agreements_visible_to(request.user).order_by("title")
    if data is None and state.get("details"):
        data = _as_data(state["details"])
    return DetailsForm(data, parents=parents)


def _party_organizations(state) -> list[Organization]:
    ids = [p["organization"] for p in state.get("parties", [])]
    by_id = Organization.objects.select_related("region").in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def _findings(state, organizations) -> list:
    basics = state.get("basics") or {}
    family = (basics.get("family") or [""])[0]
    category = (basics.get("category") or [""])[0]
    if not family:
        return []
    return rules.check_parties(family, category, organizations)


def _update_parties(request, state) -> None:
    post = request.POST
    parties = state.setdefault("parties", [])
    roles = dict(Party.Role.choices)
    for party in parties:
        role = post.get(f"role-{party['organization']}")
        if role in roles:
            party["role"] = role
    removed = post.get("remove")
    if removed:
        state["parties"] = parties = [p for p in parties if str(p["organization"]) != removed]
    present = {p["organization"] for p in parties}
    owner_id = (state.get("basics") or {}).get("owner", [""])[0]
    add_ids = [int(v) for v in post.getlist("add") if v.isdigit()]
    found = Organization.objects.active().in_bulk(add_ids)
    for organization in (found[i] for i in add_ids if i in found):
        if organization.pk not in present:
            is_owner = str(organization.pk) == owner_id
            parties.append(
                {
                    "organization": organization.pk,
                    "role": Party.Role.INITIATOR if is_owner else Party.Role.PARTY,
                }
            )
            present.add(organization.pk)
    state["party_search"] = post.get("q", "").strip()[:100]
    state["party_kind"] = post.get("kind", "government")


def _candidates(state, exclude: set[int]):
    search = state.get("party_search", "")
    kind = state.get("party_kind", "government")
    if kind == "government":
        kinds = [Organization.Kind.REGIONAL_GOVERNMENT]
    else:
        kinds = [k for k in Organization.Kind.values if k != Organization.Kind.REGIONAL_GOVERNMENT]
    if not search and kind != "government":
        return []
    candidates = selectors.party_candidates(search=search, kinds=kinds).exclude(pk__in=exclude)
    return list(candidates[:CANDIDATES_SHOWN])


def _render_step(request, token, state, *, forms=None, status=200, errors=()):
    forms = forms or {}
    step = state["step"]
    organizations = _party_organizations(state)
    context = {
        "token": token,
        "step": step,
        "steps": [(1, _("Basics")), (2, _("Parties")), (3, _("Content and dates"))],
        "errors": list(errors),
    }
    if step == 1:
        context["form"] = forms.get("basics") or _basics_form(request, state)
    elif step == 2:
        roles = {p["organization"]: p["role"] for p in state.get("parties", [])}
        context.update(
            parties=[(o, roles.get(o.pk)) for o in organizations],
            roles=Party.Role.choices,
            findings=_findings(state, organizations),
            candidates=_candidates(state, {o.pk for o in organizations}),
            party_search=state.get("party_search", ""),
            party_kind=state.get("party_kind", "government"),
            searched=bool(state.get("party_search")),
        )
    else:
        form = forms.get("details") or _details_form(request, state)
        chosen = {str(v) for v in (form["affairs"].value() or [])}
        context.update(
            form=form,
            affair_groups=selectors.affairs_grouped(),
            chosen_affairs=chosen,
            parties=organizations,
            findings=_findings(state, organizations),
        )
    return render(request, f"agreements/agreement_wizard_step{step}.html", context, status=status)


def _create(request, wizard_id, state):
    """The final step: check everything once more and create the agreement."""
    basics = _basics_form(request, state)
    details = _details_form(request, state)
    organizations = _party_organizations(state)
    if not basics.is_valid():
        state["step"] = 1
        return None, basics, details
    findings = _findings(state, organizations)
    if not organizations or any(f.severity == rules.BLOCK for f in findings):
        state["step"] = 2
        return None, basics, details
    if not details.is_valid():
        return None, basics, details
    roles = {p["organization"]: p["role"] for p in state["parties"]}
    data = {**basics.cleaned_data, **details.cleaned_data}
    agreement = agreement_register(
        user=request.user,
        owner=data["owner"],
        family=data["family"],
        category=data["category"] if data["family"] == Family.KSDD else "",
        title=data["title"],
        parties=[(o, roles[o.pk]) for o in organizations],
        affairs=list(data["affairs"]),
        vision=data["vision"],
        mission=data["mission"],
        objectives=data["objectives"],
        scope=data["scope"],
        legal_basis=data["legal_basis"],
        start_date=data["start_date"],
        end_date=data["end_date"],
        parent=data["parent"],
    )
    return agreement, basics, details


BASICS_FIELDS = ("family", "category", "title", "owner")
PREFILL_PARTIES = 10


def _prefilled_state(request) -> dict:
    """A new wizard, pre-filled from the query string when another page starts it (the partner
    finder's "Start a cooperation": `party` ids, an `affair` code, a `title`, `objectives`).
    Each value is checked as the wizard's own steps would: unknown or inactive organisations
    and unknown affairs are dropped, texts are cut to the fields' lengths; the person still
    confirms every step."""
    state: dict = {"step": 1, "parties": []}
    query = request.GET
    party_ids = [int(v) for v in query.getlist("party")[:PREFILL_PARTIES] if v.isdigit()]
    if not party_ids and "title" not in query:
        return state
    found = Organization.objects.active().in_bulk(party_ids)
    owners = list(selectors.owner_organization_choices(request.user).values_list("pk", flat=True))
    owner = next((pk for pk in party_ids if pk in owners), owners[0] if owners else None)
    for pk in dict.fromkeys(party_ids):
        if pk in found:
            role = Party.Role.INITIATOR if pk == owner else Party.Role.PARTY
            state["parties"].append({"organization": pk, "role": role})
    state["basics"] = {
        "family": [Family.KSDD],
        "category": [Category.VOLUNTARY],
        "title": [query.get("title", "")[:300]],
        "owner": [str(owner)] if owner else [],
    }
    affair = GovernmentAffair.objects.filter(code=query.get("affair", "")).first()
    state["details"] = {
        "affairs": [str(affair.pk)] if affair else [],
        "objectives": [query.get("objectives", "")[:2000]],
    }
    return state


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request):
    if not selectors.owner_organization_choices(request.user).exists():
        return render(request, "agreements/agreement_wizard_forbidden.html", status=403)
    if request.method == "GET":
        loaded = _wizard_load(request, request.GET.get("w", ""))
        if loaded is None:
            wizard_id = uuid.uuid4().hex
            state = _prefilled_state(request)
            _wizard_save(request, wizard_id, state)
        else:
            wizard_id, state = loaded
        return _render_step(request, signing.dumps(wizard_id, salt=WIZARD_SALT), state)

    token = request.POST.get("wizard", "")
    loaded = _wizard_load(request, token)
    if loaded is None:
        messages.warning(
            request, _("This form had expired or was already used. Please start again.")
        )
        return redirect("agreements:agreement-create")
    wizard_id, state = loaded
    action = request.POST.get("action", "next")
    step = state["step"]
    status = 200
    errors: list[str] = []
    forms: dict = {}
    if step == 1:
        state["basics"] = _raw(request.POST, BASICS_FIELDS)
        form = _basics_form(request, state)
        if form.is_valid():
            state["step"] = 2
        else:
            forms["basics"], status = form, 400
    elif step == 2:
        _update_parties(request, state)
        organizations = _party_organizations(state)
        if action == "back":
            state["step"] = 1
        elif action == "next" and not request.POST.get("remove"):
            findings = _findings(state, organizations)
            if not organizations:
                errors.append(_("Add at least one party."))
            elif any(f.severity == rules.BLOCK for f in findings):
                errors.append(_("Resolve the problems with the parties before you continue."))
            else:
                state["step"] = 3
            if errors:
                status = 400
    else:
        state["details"] = _raw(request.POST, DETAILS_FIELDS)
        if action == "back":
            state["step"] = 2
        else:
            try:
                agreement, basics, details = _create(request, wizard_id, state)
            except AgreementInvalid as error:
                agreement, basics, details = None, None, None
                errors.extend(error.messages)
            if agreement is not None:
                _wizard_drop(request, wizard_id)
                messages.success(request, _("The agreement was registered as a draft."))
                return redirect(agreement.get_absolute_url())
            status = 400
            if details is not None and state["step"] == 3:
                forms["details"] = details
            if basics is not None and state["step"] == 1:
                forms["basics"] = basics
            if state["step"] == 2:
                errors.append(_("Resolve the problems with the parties before you continue."))
    _wizard_save(request, wizard_id, state)
    return _render_step(request, token, state, forms=forms, status=status, errors=errors)


urlpatterns = [
    path("", agreement_list, name="agreement-list"),
    path("ekspor/", agreement_export, name="agreement-export"),
    path("baru/", agreement_create, name="agreement-create"),
]
