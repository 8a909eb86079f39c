"""The read-only REST API, under /api/v1/ (see simpul.portal.api and docs/opendata.md)."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from .api import views

app_name = "api"

urlpatterns = [
    path("", views.Root.as_view(), name="root"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("agreements/", views.AgreementList.as_view(), name="agreement-list"),
    path(
        "agreements/<str:reference_code>/",
        views.AgreementDetail.as_view(),
        name="agreement-detail",
    ),
    path(
        "agreements/<str:reference_code>/budget/",
        views.AgreementBudget.as_view(),
        name="agreement-budget",
    ),
    path("parties/", views.PartyList.as_view(), name="party-list"),
    path("parties/<int:pk>/", views.PartyDetail.as_view(), name="party-detail"),
    path("indicators/", views.IndicatorList.as_view(), name="indicator-list"),
    path("indicators/<int:pk>/", views.IndicatorDetail.as_view(), name="indicator-detail"),
    path("indicators/<int:pk>/values/", views.IndicatorValues.as_view(), name="indicator-values"),
    path("indicator-values/", views.IndicatorValueList.as_view(), name="indicator-value-list"),
    path("budgets/", views.BudgetList.as_view(), name="budget-list"),
    path("regions/", views.RegionList.as_view(), name="region-list"),
    path("knowledge/", views.KnowledgeList.as_view(), name="knowledge-list"),
    path("knowledge/<str:code>/", views.KnowledgeDetail.as_view(), name="knowledge-detail"),
    path("adoptions/", views.AdoptionList.as_view(), name="adoption-list"),
    path(
        "stakeholder-contributions/",
        views.StakeholderContributionList.as_view(),
        name="stakeholder-contribution-list",
    ),
    path("regions/<str:code>/", views.RegionDetail.as_view(), name="region-detail"),
]
