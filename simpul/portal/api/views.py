"""The read-only REST API: list and detail endpoints over the open datasets.

Anonymous, JSON only, throttled per client address. Lists are paginated (page, page_size up
to 500) and filtered with the same parameters as the downloads; each page costs a constant
number of queries (a count, the page, and for agreements their parties and affairs). An
internal or unknown identifier answers 404 {"detail": …}, the same for both.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from simpul.portal import opendata
from simpul.publication.kinds import InfoKind
from simpul.publication.selectors import agreements_with_public

from .filters import FILTERS, PARAMETERS, FilterError
from .pagination import DatasetPagination
from .serializers import SERIALIZERS


def _records(dataset: opendata.Dataset, rows: list[tuple]) -> list[dict]:
    return [
        {name: opendata.json_value(value) for name, value in dataset.record(row).items()}
        for row in rows
    ]


def _filtered(dataset: opendata.Dataset, queryset, params):
    try:
        return FILTERS[dataset.name](queryset, params)
    except FilterError as error:
        raise ValidationError({"detail": " ".join(error.messages)}) from error


def _parameters(name: str) -> list[OpenApiParameter]:
    with translation.override("en"):
        return [
            OpenApiParameter(param, str, OpenApiParameter.QUERY, description=description)
            for param, description in PARAMETERS[name]
        ]


class DatasetList(ListAPIView):
    """A page of a dataset's public rows."""

    dataset: opendata.Dataset
    pagination_class = DatasetPagination

    def base_queryset(self):
        return self.dataset.queryset()

    def list(self, request, *args, **kwargs):
        queryset = _filtered(self.dataset, self.base_queryset(), request.query_params)
        page = self.paginate_queryset(self.dataset.values(queryset))
        return self.get_paginated_response(_records(self.dataset, self.dataset.convert(page)))


class DatasetDetail(RetrieveAPIView):
    """One public row, found by its identifier; 404 when internal or unknown."""

    dataset: opendata.Dataset
    lookup: str

    def retrieve(self, request, *args, **kwargs):
        key = kwargs[self.lookup_url_kwarg]
        rows = self.dataset.page_rows(self.dataset.queryset().filter(**{self.lookup: key})[:1])
        if not rows:
            raise Http404
        return Response(_records(self.dataset, rows)[0])


def _list_view(name: str, summary: str, description: str, **attrs) -> type[DatasetList]:
    dataset = opendata.DATASETS[name]
    cls = type(
        f"{SERIALIZERS[name].__name__}List",
        (DatasetList,),
        {"dataset": dataset, "serializer_class": SERIALIZERS[name], **attrs},
    )
    return extend_schema(
        summary=summary,
        description=description,
        parameters=_parameters(name),
        tags=[name],
    )(cls)


def _detail_view(name: str, lookup: str, url_kwarg: str, summary: str) -> type[DatasetDetail]:
    dataset = opendata.DATASETS[name]
    cls = type(
        f"{SERIALIZERS[name].__name__}Detail",
        (DatasetDetail,),
        {
            "dataset": dataset,
            "serializer_class": SERIALIZERS[name],
            "lookup": lookup,
            "lookup_url_kwarg": url_kwarg,
        },
    )
    return extend_schema(summary=summary, tags=[name], responses={200: SERIALIZERS[name]})(cls)


AgreementList = _list_view(
    "agreements",
    "Public cooperation agreements",
    "Every public agreement, ordered by registration; parties and affairs are listed only "
    "when they are public for that agreement.",
)
AgreementDetail = _detail_view(
    "agreements", "reference_code", "reference_code", "One public agreement by reference code"
)
PartyList = _list_view(
    "parties", "Parties", "The parties of public agreements whose parties are public."
)
PartyDetail = _detail_view("parties", "pk", "pk", "One party row")
IndicatorList = _list_view(
    "indicators",
    "Indicators",
    "Indicators of agreements whose indicators are public, with their latest verified value, "
    "target, progress and status.",
)
IndicatorDetail = _detail_view("indicators", "pk", "pk", "One indicator")
RegionList = _list_view(
    "regions",
    "Regions",
    "Provinces, regencies and cities (reference data, ODbL; see the licence field of the "
    "downloads).",
)
RegionDetail = _detail_view("regions", "code", "code", "One region by its Kemendagri code")
BudgetList = _list_view(
    "budgets",
    "Budgets",
    "Planned and realised budget per agreement, party, fiscal year and funding source.",
)


KnowledgeList = _list_view(
    "knowledge",
    "Knowledge items",
    "Practices, lessons, research and other knowledge items their owners published to the "
    "public, each with its own licence.",
)
KnowledgeDetail = _detail_view("knowledge", "code", "code", "One knowledge item by its code")
AdoptionList = _list_view(
    "adoptions",
    "Adoptions of practices",
    "Organisations that decided to adopt or adapt a public practice and carry it out through "
    "a public agreement.",
)
StakeholderContributionList = _list_view(
    "stakeholder-contributions",
    "Stakeholder contributions",
    "Verified contributions of stakeholders (funding, technology, labour, land, other) to "
    "agreements whose stakeholders are public; never contact persons.",
)


class IndicatorValueList(
    _list_view(
        "indicator-values",
        "Verified indicator values",
        "Verified values of public indicators, per reporting period and party. The "
        "`agreement` filter is required: the national table has millions of rows (download it "
        "whole from /data/indicator-values.csv), and counting it for every page would slow "
        "the API for everyone.",
    )
):
    def list(self, request, *args, **kwargs):
        if not request.query_params.get("agreement"):
            raise ValidationError(
                {
                    "agreement": _(
                        "Choose an agreement (?agreement=<reference code>), or read one "
                        "indicator's values at /api/v1/indicators/<id>/values/; the whole "
                        "table is in the download /data/indicator-values.csv."
                    )
                }
            )
        return super().list(request, *args, **kwargs)


@extend_schema(
    summary="Verified values of one indicator",
    tags=["indicator-values"],
    parameters=_parameters("indicator-values"),
)
class IndicatorValues(DatasetList):
    dataset = opendata.INDICATOR_VALUES
    serializer_class = SERIALIZERS["indicator-values"]

    def base_queryset(self):
        get_object_or_404(opendata.INDICATORS.queryset(), pk=self.kwargs["pk"])
        return self.dataset.queryset().filter(indicator_id=self.kwargs["pk"])


@extend_schema(
    summary="Budget of one agreement",
    tags=["budgets"],
    parameters=_parameters("budgets"),
)
class AgreementBudget(DatasetList):
    dataset = opendata.BUDGETS
    serializer_class = SERIALIZERS["budgets"]

    def base_queryset(self):
        get_object_or_404(
            agreements_with_public(InfoKind.BUDGET), reference_code=self.kwargs["reference_code"]
        )
        return self.dataset.queryset().filter(
            plan__agreement__reference_code=self.kwargs["reference_code"]
        )


ENDPOINTS = {
    "agreements": "api:agreement-list",
    "parties": "api:party-list",
    "indicators": "api:indicator-list",
    "indicator-values": "api:indicator-value-list",
    "budgets": "api:budget-list",
    "regions": "api:region-list",
    "knowledge": "api:knowledge-list",
    "adoptions": "api:adoption-list",
}


class Root(APIView):
    """The endpoints of the API, the OpenAPI document, the downloads and the catalogue."""

    @extend_schema(exclude=True)
    def get(self, request):
        absolute = request.build_absolute_uri
        return Response(
            {
                "name": "Simpul open data API",
                "version": "v1",
                "endpoints": {name: absolute(reverse(url)) for name, url in ENDPOINTS.items()},
                "openapi": absolute(reverse("api:openapi")),
                "downloads": absolute(reverse("opendata:index")),
                "catalog": absolute(reverse("opendata:catalog")),
                "dictionary": absolute(reverse("opendata:dictionary")),
                "license": opendata.CC_BY["url"],
                "pagination": {
                    "page_size_default": DatasetPagination.page_size,
                    "page_size_max": DatasetPagination.max_page_size,
                },
            }
        )
