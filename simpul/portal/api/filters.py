"""Filters shared by the API lists and the open-data downloads (same query parameters).

Every filter narrows a dataset's public queryset; none widens it. Filters that look at
parties or affairs only match agreements whose parties or affairs are themselves public, so a
filter never reveals what the page would not show. Bad values give a clear 400 message
(FilterError), never a 500.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from simpul.agreements.models import Family
from simpul.core.errors import InvalidInput
from simpul.publication.kinds import InfoKind
from simpul.publication.selectors import agreements_with_public
from simpul.search.selectors import matching_ids

MAX_TEXT = 100


class FilterError(InvalidInput):
    """A query parameter with a value we cannot use; the message is shown to the client."""


def _text(params, name: str) -> str:
    value = (params.get(name) or "").strip()
    if len(value) > MAX_TEXT:
        raise FilterError(
            _("The parameter %(name)s is too long (at most %(max)d characters).")
            % {"name": name, "max": MAX_TEXT}
        )
    return value


def _year(params, name: str = "year") -> int | None:
    value = _text(params, name)
    if not value:
        return None
    if not value.isdigit() or not 1900 <= int(value) <= 2200:
        raise FilterError(_("The parameter %(name)s must be a year such as 2026.") % {"name": name})
    return int(value)


def _region_condition(prefix: str, code: str) -> Q:
    """Organisations in the region, or (for a province code) in its regencies and cities."""
    return Q(**{f"{prefix}region__code": code}) | Q(**{f"{prefix}region__parent__code": code})


def _found(qs: QuerySet, kind: str, q: str, code_field: str) -> QuerySet:
    """Objects of `kind` whose search document matches `q` as the public sees it: the
    Indonesian full-text index (simpul.search), its words in the title or, for a public
    document, anywhere (the portal's register and /publik/cari/ read it the same way), or a
    whole identifier typed as it is. It only narrows the dataset's public queryset."""
    condition = Q(**{f"{code_field}__iexact": q})
    if (matching := matching_ids(kind, q, public=True)) is not None:
        condition |= Q(pk__in=matching)
    return qs.filter(condition)


def agreements(qs: QuerySet, params) -> QuerySet:
    family = _text(params, "family")
    if family:
        if family not in Family.values:
            raise FilterError(
                _("Unknown family %(value)s; use one of: %(choices)s.")
                % {"value": family, "choices": ", ".join(Family.values)}
            )
        qs = qs.filter(family=family)
    if category := _text(params, "category"):
        qs = qs.filter(category=category)
    if stage := _text(params, "stage"):
        qs = qs.filter(state=stage)
    if affair := _text(params, "affair"):
        qs = qs.filter(
            pk__in=agreements_with_public(InfoKind.AFFAIRS)
            .filter(affairs__code=affair)
            .values("pk")
        )
    if region := _text(params, "region"):
        qs = qs.filter(
            pk__in=agreements_with_public(InfoKind.PARTIES)
            .filter(_region_condition("parties__organization__", region))
            .values("pk")
        )
    if (year := _year(params)) is not None:
        qs = qs.filter(
            Q(start_date__isnull=True) | Q(start_date__year__lte=year),
            Q(end_date__isnull=True) | Q(end_date__year__gte=year),
        )
    if q := _text(params, "q"):
        qs = _found(qs, "agreement", q, "reference_code")
    return qs


def parties(qs: QuerySet, params) -> QuerySet:
    if agreement := _text(params, "agreement"):
        qs = qs.filter(agreement__reference_code=agreement)
    if region := _text(params, "region"):
        qs = qs.filter(_region_condition("organization__", region))
    if kind := _text(params, "kind"):
        qs = qs.filter(organization__kind=kind)
    if role := _text(params, "role"):
        qs = qs.filter(role=role)
    if q := _text(params, "q"):
        qs = qs.filter(organization__name__icontains=q)
    return qs


def indicators(qs: QuerySet, params) -> QuerySet:
    if agreement := _text(params, "agreement"):
        qs = qs.filter(agreement__reference_code=agreement)
    if status := _text(params, "status"):
        qs = qs.filter(status=status)
    if kind := _text(params, "kind"):
        qs = qs.filter(kind=kind)
    if q := _text(params, "q"):
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    return qs


def indicator_values(qs: QuerySet, params) -> QuerySet:
    if agreement := _text(params, "agreement"):
        qs = qs.filter(indicator__agreement__reference_code=agreement)
    if (year := _year(params)) is not None:
        qs = qs.filter(submission__period__start__year=year)
    return qs


def budgets(qs: QuerySet, params) -> QuerySet:
    if agreement := _text(params, "agreement"):
        qs = qs.filter(plan__agreement__reference_code=agreement)
    if (year := _year(params)) is not None:
        qs = qs.filter(fiscal_year=year)
    if source := _text(params, "source"):
        qs = qs.filter(funding_source=source)
    return qs


def regions(qs: QuerySet, params) -> QuerySet:
    if level := _text(params, "level"):
        qs = qs.filter(level=level)
    if parent := _text(params, "province"):
        qs = qs.filter(Q(parent__code=parent) | Q(code=parent))
    if q := _text(params, "q"):
        qs = qs.filter(Q(name__icontains=q) | Q(code__startswith=q))
    return qs


def knowledge(qs: QuerySet, params) -> QuerySet:
    if kind := _text(params, "kind"):
        qs = qs.filter(kind=kind)
    if (year := _year(params)) is not None:
        qs = qs.filter(year=year)
    if q := _text(params, "q"):
        qs = _found(qs, "knowledge", q, "code")
    return qs


def adoptions(qs: QuerySet, params) -> QuerySet:
    if practice := _text(params, "practice"):
        qs = qs.filter(item__code=practice)
    if region := _text(params, "region"):
        qs = qs.filter(
            Q(organization__region__code=region) | Q(organization__region__parent__code=region)
        )
    if decision := _text(params, "decision"):
        qs = qs.filter(decision=decision)
    return qs


def stakeholder_contributions(qs: QuerySet, params) -> QuerySet:
    if agreement := _text(params, "agreement"):
        qs = qs.filter(stakeholder__agreement__reference_code=agreement)
    if (year := _year(params)) is not None:
        qs = qs.filter(year=year)
    if kind := _text(params, "kind"):
        qs = qs.filter(kind=kind)
    return qs


FILTERS = {
    "agreements": agreements,
    "parties": parties,
    "indicators": indicators,
    "indicator-values": indicator_values,
    "budgets": budgets,
    "regions": regions,
    "knowledge": knowledge,
    "adoptions": adoptions,
    "stakeholder-contributions": stakeholder_contributions,
}

# (name, description) of each dataset's query parameters, for the OpenAPI document and docs.
PARAMETERS = {
    "agreements": [
        ("family", "Family: ksdd, ksdpk, ksdpl, ksdll or sinergi"),
        ("category", "For KSDD: wajib or sukarela"),
        ("stage", "Stage code, e.g. active"),
        ("affair", "Government affair code, e.g. environment"),
        ("region", "Region code: agreements with a party in it (a province includes its regions)"),
        ("year", "Agreements in force at some time in this year"),
        (
            "q",
            "Words of the title or the public summary (Indonesian word forms: 'kelola' finds "
            "'pengelolaan'), or a whole reference code",
        ),
    ],
    "parties": [
        ("agreement", "Reference code of the agreement"),
        ("region", "Region code (a province includes its regions)"),
        ("kind", "Organisation kind, e.g. regional_government"),
        ("role", "Role, e.g. initiator"),
        ("q", "Text in the organisation's name"),
    ],
    "indicators": [
        ("agreement", "Reference code of the agreement"),
        ("status", "no_data, on_track, at_risk or off_track"),
        ("kind", "number, percentage, boolean or qualitative"),
        ("q", "Text in the indicator's name or code"),
    ],
    "indicator-values": [
        ("agreement", "Reference code of the agreement"),
        ("year", "Reporting periods starting in this year"),
    ],
    "budgets": [
        ("agreement", "Reference code of the agreement"),
        ("year", "Fiscal year"),
        ("source", "Funding source, e.g. apbd"),
    ],
    "knowledge": [
        ("kind", "practice, case_study, lesson, research, article, video, infographic, document"),
        ("year", "Year of the practice or work"),
        (
            "q",
            "Words of the item (Indonesian word forms: 'kelola' finds 'pengelolaan'), "
            "or its whole identifier",
        ),
    ],
    "adoptions": [
        ("practice", "Identifier of the knowledge item, e.g. PENG-000012"),
        ("region", "Region code of the adopter (a province includes its regions)"),
        ("decision", "adopt or adapt"),
    ],
    "stakeholder-contributions": [
        ("agreement", "Reference code of the agreement"),
        ("year", "Year of the contribution"),
        ("kind", "funding, technology, labour, land or other"),
    ],
    "regions": [
        ("level", "province, regency or city"),
        ("province", "A province code: the province and its regencies and cities"),
        ("q", "Text in the name, or the beginning of the code"),
    ],
}
